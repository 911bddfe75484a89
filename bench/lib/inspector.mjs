/**
 * A DevTools-protocol connection to another running Node process, for gc.mjs and cpuprofile.mjs.
 * SIGUSR1 makes the process open its inspector on 127.0.0.1:<port> (only the first signal opens
 * it); the connection then checks that the inspector belongs to `pid` before anything is sent, so
 * nothing runs in some other process that happens to listen on that port. Needs a Node with a
 * global WebSocket (22+).
 */
export async function connectInspector(pid, port = 9229) {
	const targets = async () => await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	let list = await targets().catch(() => undefined);
	if (!list) {
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
	const answer = await call('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
	if (answer?.result?.value !== pid) {
		ws.close();
		throw new Error(`the inspector on 127.0.0.1:${port} belongs to process ${answer?.result?.value}, not ${pid}`);
	}
	return { call, close: () => ws.close() };
}
