/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Process and HTTP helpers for everything that runs real servers (n8n in start.ts, the queue-mode
 * cluster in test/queue/cluster.ts): the real `process` inside jest, a clean environment for child
 * servers, running a command, free ports on 127.0.0.1, a small HTTP client, and server process
 * groups that never outlive the process that started them (`startGroup`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

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

export const sleep = (ms: number) => new Promise<void>((resolvePromise) => setTimeout(resolvePromise, ms));

/* ------------------------------------------------------------------------------------------------ */
/* Server process groups                                                                            */
/* ------------------------------------------------------------------------------------------------ */

const WATCHDOG = join(__dirname, 'watchdog.js');

export interface ExitStatus {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** A server running under the watchdog, in a process group of its own. */
export interface ProcessGroup {
	name: string;
	/** The group's id (the watchdog's pid); the server and what it starts are in the group. */
	pgid: number;
	logPath: string;
	/** The server's stdout and stderr so far. */
	logs(): string;
	exited(): ExitStatus | null;
	/** Settles when the server (and with it the watchdog) has exited. */
	exitPromise: Promise<void>;
	/** `signal` (default SIGTERM) to the group, SIGKILL after `graceMs`; resolves when the group is gone. */
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface GroupOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Where the server's output goes (appended). */
	logPath: string;
	/** The Node that runs the watchdog (default this one; n8n's own for n8n). */
	nodeBin?: string;
	/** Run the server as this user and group (PostgreSQL refuses root). */
	uid?: number;
	gid?: number;
	/** A folder the watchdog removes when the starting process vanished without stopping the server. */
	removeWhenOrphaned?: string;
	/** Copy the server's output to stderr, each line prefixed with `[name]`. */
	streamLogs?: boolean;
}

const liveGroups = new Set<number>();
const liveFolders = new Set<string>();
let exitHookInstalled = false;

/** Whatever is still running or left on disk when the test process exits is killed and removed. */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	hostProcess().on('exit', () => {
		for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
		liveGroups.clear();
		for (const folder of liveFolders) rmSync(folder, { recursive: true, force: true });
		liveFolders.clear();
	});
}

/** Removes `folder` when the test process exits, unless `forget(folder)` was called before. */
export function removeOnExit(folder: string): void {
	installExitHook();
	liveFolders.add(folder);
}

export function forget(folder: string): void {
	liveFolders.delete(folder);
}

export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

const groupAlive = (pgid: number) => signalGroup(pgid, 0);

/** Starts `cmd args` under the watchdog (dev/n8n/watchdog.js) in a new process group. */
export function startGroup(name: string, cmd: string, args: string[], options: GroupOptions): ProcessGroup {
	installExitHook();
	const watchdogOptions = { removeWhenOrphaned: options.removeWhenOrphaned, uid: options.uid, gid: options.gid };
	const logFd = openSync(options.logPath, 'a');
	const child: ChildProcess = spawn(
		options.nodeBin ?? process.execPath,
		[WATCHDOG, String(hostProcess().pid), JSON.stringify(watchdogOptions), cmd, ...args],
		{ cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', logFd, logFd] },
	);
	closeSync(logFd);
	child.unref(); // a forgotten stop() must not keep the test process alive; the exit hook kills the group
	if (!child.pid) throw new Error(`could not spawn ${name}`);
	const pgid = child.pid;
	liveGroups.add(pgid);

	let exited: ExitStatus | null = null;
	const exitPromise = new Promise<void>((resolvePromise) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolvePromise();
		}),
	);
	const logs = () => {
		try {
			return readFileSync(options.logPath, 'utf8');
		} catch {
			return '';
		}
	};
	let streamed = 0;
	const streamTimer = options.streamLogs
		? setInterval(() => {
				const text = logs();
				if (text.length > streamed) process.stderr.write(text.slice(streamed).replace(/^/gm, `[${name}] `));
				streamed = text.length;
			}, 500)
		: undefined;
	streamTimer?.unref();

	let stopping: Promise<void> | undefined;
	return {
		name,
		pgid,
		logPath: options.logPath,
		logs,
		exited: () => exited,
		exitPromise,
		stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
			stopping ??= (async () => {
				signalGroup(pgid, signal);
				const until = Date.now() + graceMs;
				while (groupAlive(pgid) && Date.now() < until) await sleep(100);
				if (groupAlive(pgid)) {
					signalGroup(pgid, 'SIGKILL');
					for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
				}
				if (streamTimer) clearInterval(streamTimer);
				liveGroups.delete(pgid);
			})();
			return stopping;
		},
	};
}

/** The last `lines` lines of a log, for error messages. */
export function tailOf(text: string, lines = 60): string {
	return text.split('\n').slice(-lines).join('\n');
}
