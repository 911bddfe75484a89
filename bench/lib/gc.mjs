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
const pid = Number(process.argv[2]);
const port = Number(process.argv[3] ?? 9229);

async function targets() {
	const res = await fetch(`http://127.0.0.1:${port}/json/list`);
	return await res.json();
}

async function main() {
	let list;
	try {
		list = await targets();
	} catch {
		process.kill(pid, 'SIGUSR1');
		for (let i = 0; i < 50 && !list; i++) {
			await new Promise((r) => setTimeout(r, 100));
			list = await targets().catch(() => undefined);
		}
	}
	const url = list?.[0]?.webSocketDebuggerUrl;
	if (!url) throw new Error(`no inspector on 127.0.0.1:${port}`);
	const ws = new WebSocket(url);
	await new Promise((resolve, reject) => {
		ws.onopen = resolve;
		ws.onerror = () => reject(new Error('inspector connection failed'));
	});
	let id = 0;
	const call = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const mine = ++id;
			const onMessage = (event) => {
				const msg = JSON.parse(event.data);
				if (msg.id !== mine) return;
				ws.removeEventListener('message', onMessage);
				if (msg.error) reject(new Error(msg.error.message));
				else resolve(msg.result);
			};
			ws.addEventListener('message', onMessage);
			ws.send(JSON.stringify({ id: mine, method, params }));
		});
	// Never collect in some other process that happens to listen on that port.
	const answer = await call('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
	if (answer?.result?.value !== pid) {
		ws.close();
		throw new Error(`the inspector on 127.0.0.1:${port} belongs to process ${answer?.result?.value}, not ${pid}`);
	}
	await call('HeapProfiler.collectGarbage');
	await call('HeapProfiler.collectGarbage');
	ws.close();
}

main().then(
	() => console.log(JSON.stringify({ ok: true })),
	(error) => {
		console.log(JSON.stringify({ ok: false, error: String(error.message ?? error) }));
	},
);
