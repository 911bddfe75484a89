/**
 * Runs a full garbage collection in another Node process through its inspector, so every measured
 * run starts from a collected heap instead of whatever the previous run left behind.
 *
 *   node bench/lib/gc.mjs <pid> [port]
 *
 * SIGUSR1 makes a running Node process open its inspector on 127.0.0.1:<port> (default 9229; only
 * the first signal opens it); this script then sends `HeapProfiler.collectGarbage` over the
 * DevTools protocol (twice: the second pass frees what the first one's finalizers released) and
 * disconnects. Needs a Node with a global WebSocket (22+): run it with n8n's own Node 24.
 * Prints `{"ok":true}` or `{"ok":false,"error":...}`.
 */
import { connectInspector } from './inspector.mjs';

const pid = Number(process.argv[2]);
const port = Number(process.argv[3] ?? 9229);

async function main() {
	const { call, close } = await connectInspector(pid, port);
	await call('HeapProfiler.collectGarbage');
	await call('HeapProfiler.collectGarbage');
	close();
}

main().then(
	() => console.log(JSON.stringify({ ok: true })),
	(error) => {
		console.log(JSON.stringify({ ok: false, error: String(error.message ?? error) }));
	},
);
