/**
 * Node-level micro benchmark of Get Playlogs' own work: the built node's streaming summary
 * (dist/nodes/FourYouSee/playlogs.js, `summarisePlaylogs`, the function the Summary output calls)
 * over a gzip playlog file read as a stream of 64 KiB chunks, the way the HTTP response body
 * reaches it, with no n8n around it. Prints one JSON line:
 * `{ ms, lines, groups, plays, baseRssBytes, peakRssBytes, deltaBytes }` where base is the RSS
 * after loading the module and before reading, and peak is VmHWM of this process.
 *
 *   node bench/micro/getplaylogs.mjs <file.gz> [summary|playlogs]
 *   node --cpu-prof --cpu-prof-dir=<dir> bench/micro/getplaylogs.mjs <file.gz>   (hot spots)
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { summarisePlaylogs, scanPlaylogs } = require(join(root, 'dist', 'nodes', 'FourYouSee', 'playlogs.js'));
const [file, mode = 'summary'] = process.argv.slice(2);

const status = () => readFileSync('/proc/self/status', 'utf8');
const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status())[1]) * 1024;
const base = kb('VmRSS');
const cpu0 = process.cpuUsage(); // CPU of the timed work only, not of start-up and module loading
const t0 = performance.now();
const source = createReadStream(file, { highWaterMark: 64 * 1024 });
let result;
if (mode === 'summary') {
	const summary = await summarisePlaylogs(source, ['mediaId', 'playerId'], {});
	result = { lines: summary.lines, groups: summary.rows.length, plays: summary.rows.reduce((s, r) => s + r.plays, 0) };
} else {
	const items = [];
	const scan = await scanPlaylogs(source, {}, (p) => items.push(p));
	result = { lines: scan.lines, items: items.length };
}
const ms = performance.now() - t0;
const peak = kb('VmHWM');
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, ...result, mode, baseRssBytes: base, peakRssBytes: peak, deltaBytes: peak - base }));
