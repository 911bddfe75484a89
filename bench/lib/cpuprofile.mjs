/**
 * A CPU profile of a running Node process (n8n's main process) through its inspector, for finding
 * where a slow run spends its time:
 *
 *   node bench/lib/cpuprofile.mjs <pid> <seconds> <out.cpuprofile> [port]
 *
 * With <seconds> 0 it profiles until it gets SIGTERM (prints `started` once profiling runs): the
 * bench's `--cpu-prof <dir>` uses that around each measured run.
 * Like gc.mjs, SIGUSR1 opens the inspector on 127.0.0.1:<port> (default 9229) and the pid is
 * checked before anything else. Needs a Node with a global WebSocket (22+). Prints the 25 functions
 * with the most self time.
 */
import { writeFileSync } from 'node:fs';

import { connectInspector } from './inspector.mjs';

const [pid, seconds, out, portArg] = [Number(process.argv[2]), Number(process.argv[3] ?? 5), process.argv[4], process.argv[5]];
const port = Number(portArg ?? 9229);
const { call, close } = await connectInspector(pid, port);
await call('Profiler.enable');
await call('Profiler.setSamplingInterval', { interval: 1000 });
await call('Profiler.start');
if (seconds > 0) await new Promise((r) => setTimeout(r, seconds * 1000));
else {
	const stopped = new Promise((r) => process.once('SIGTERM', r));
	console.log('started');
	await stopped;
}
const { profile } = await call('Profiler.stop');
await call('Profiler.disable');
close();
if (out) writeFileSync(out, JSON.stringify(profile));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((sample, i) => {
	const cf = byId.get(sample).callFrame;
	const key = `${cf.functionName || '(anonymous)'} ${cf.url.split('/').slice(-3).join('/')}:${cf.lineNumber + 1}`;
	const dt = profile.timeDeltas[i] ?? 0;
	self.set(key, (self.get(key) ?? 0) + dt);
	total += dt;
});
for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
	console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
