/**
 * Process and HTTP helpers shared by the harnesses that run real servers (test/e2e/harness/n8n.ts,
 * test/queue/cluster.ts): the real `process` inside jest, a clean environment for child servers,
 * running a command, free ports on 127.0.0.1, and a small HTTP client.
 */
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';

/**
 * The real `process`: inside a jest test file `process` is a copy whose 'exit' event never fires.
 * `Buffer` comes from the host realm, so its Function constructor evaluates in the host's global.
 */
export function hostProcess(): NodeJS.Process {
	try {
		const real = (Buffer as unknown as { constructor: FunctionConstructor }).constructor('return process')() as NodeJS.Process;
		if (real && typeof real.on === 'function' && real.pid === process.pid) return real;
	} catch {
		// not in a jest sandbox
	}
	return process;
}

/**
 * The environment without what the test runner sets: npm_* from an enclosing `npm run` (they leak
 * into npm calls), NODE_OPTIONS, JEST_*, and NODE_ENV (jest sets `test`; n8n then exits with code 1
 * and no output). `alsoDrop` removes more (a harness that configures n8n itself drops N8N_*, ...).
 */
export function cleanEnv(alsoDrop?: RegExp): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|JEST_)/i.test(k) || k === 'NODE_OPTIONS' || k === 'NODE_ENV') continue;
		if (alsoDrop?.test(k)) continue;
		env[k] = v;
	}
	return env;
}

export function run(
	cmd: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; uid?: number; gid?: number },
): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, {
			cwd: options.cwd,
			env: options.env ?? cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
			uid: options.uid,
			gid: options.gid,
		});
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolvePromise({ stdout, stderr });
			else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}) in ${options.cwd}:\n${(stderr || stdout).slice(-4000)}`));
		});
	});
}

const handedOut = new Set<number>();

/** A free port on 127.0.0.1, never the same one twice in this process, nor one of `exclude`. */
export async function freePort(exclude: number[] = []): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolvePromise, reject) => {
			const srv = createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port: p } = srv.address() as { port: number };
				srv.close(() => resolvePromise(p));
			});
		});
		if (!exclude.includes(port) && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: any;
}

/** One HTTP call without keep-alive; JSON bodies are sent and parsed when they look like JSON. */
export function httpCall(
	method: string,
	url: string,
	options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpResult> {
	return new Promise((resolvePromise, reject) => {
		const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
		let payload: Buffer | undefined;
		if (options.body !== undefined) {
			if (Buffer.isBuffer(options.body)) payload = options.body;
			else if (typeof options.body === 'string') payload = Buffer.from(options.body);
			else {
				payload = Buffer.from(JSON.stringify(options.body));
				headers['content-type'] ??= 'application/json';
			}
			headers['content-length'] = String(payload.length);
		}
		const req = httpRequest(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = text ? JSON.parse(text) : undefined;
				} catch {
					json = undefined;
				}
				resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
			res.on('error', reject);
		});
		req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`${method} ${url}: timed out`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}
