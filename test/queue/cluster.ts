/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Queue-mode (scale-out) n8n for tests: Redis + PostgreSQL + one `n8n start` (main) + M
 * `n8n webhook` + N `n8n worker` processes, on 127.0.0.1 only, in temporary folders.
 *
 * ```ts
 * import { useCluster } from './cluster';
 * const cluster = useCluster({ workers: 2 });   // beforeAll: start everything; afterAll: stop it
 * test('x', async () => {
 *   const c = cluster();
 *   const wf = await c.importWorkflow(json);      // public API on main
 *   await c.publishWorkflow(wf.id);               // waits until the webhook process answers it
 *   await fetch(c.webhookUrl('<webhookId>/webhook'), { method: 'POST', ... });  // webhook process
 *   const runs = await c.waitForExecutions(wf.id, 10);
 *   c.workerOf(runs[0].id);                       // 'worker-1' | 'worker-2' (from the worker logs)
 *   await c.killWorker(0);                        // SIGKILL to worker 1's whole process group
 * });
 * ```
 *
 * What a real deployment looks like, and what this builds:
 * - Redis (`redis-server` from Debian) and PostgreSQL 15 (`initdb`/`postgres` from Debian), each in
 *   its own temp folder on a free port; installed with apt-get when missing (the tests run as root).
 *   PostgreSQL refuses to run as root, so initdb and postgres run as the `postgres` user, with the
 *   unix socket in the temp folder. Nothing is persisted (`--save ''`, `fsync=off`).
 * - Every n8n process has ITS OWN user folder with the packed package installed by `npm install
 *   <tgz>` in `<folder>/.n8n/nodes`, as each server (container) of a real deployment must: n8n
 *   loads community nodes from the local filesystem in every process (main: editor + lifecycle
 *   methods; webhook: the trigger's `webhook()`; workers: `execute()`).
 * - All share `N8N_ENCRYPTION_KEY`, the database and Redis; each has its own HTTP port and task
 *   broker port. Main has `N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true`, so production webhooks are
 *   served only by the webhook process (main answers them 404); `WEBHOOK_URL` points at the webhook
 *   process everywhere. Workers have their health server on (`QUEUE_HEALTH_CHECK_ACTIVE`) so the
 *   test knows when they are ready. Binary data: `database` (the queue-mode default).
 * - Bull's lock is shortened (`QUEUE_WORKER_LOCK_DURATION` 15 s, renewal 3 s, stalled check 5 s),
 *   so a killed worker's job is failed as stalled in ~20-30 s instead of up to 90 s (defaults: 60 s
 *   lock, 30 s check); the process that enqueued it then marks the execution failed. Main's queue
 *   recovery keeps its default (every 180 min): run every 12 s it once marked a healthy execution
 *   `crashed` during the 100-notification burst (it was created, not yet in Redis).
 * - All processes start in parallel (Postgres migrations are serialized by n8n's advisory lock).
 *
 * Which worker ran an execution: each worker logs `Worker started execution <id> (job <n>)` (n8n
 * `scaling/job-processor.js`, info level); `workerOf(id)` reads the worker logs. The public API's
 * execution object does not say which worker ran it.
 *
 * The pieces are the ones the e2e harness uses (dev/n8n): the pinned runtime and the packed
 * package (runtime.ts), the owner sign-in and the n8n client on main (client.ts), process groups.
 *
 * Clean-up: every process runs in its own process group under the watchdog (dev/n8n/watchdog.js),
 * which kills the group when the test process disappears; `stop()` sends SIGTERM to each group
 * (SIGKILL after 20 s) and removes the temp folders; a process 'exit' hook SIGKILLs whatever is
 * left. `QUEUE_E2E_KEEP=1` keeps the folders (logs), `QUEUE_E2E_LOG=1` streams all output to stderr.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { client, createApiKey, ownerHeaders, setupOwner, type ExecutionResult, type JsonObject, type Owner } from '../../dev/n8n/client';
import {
	cleanEnv as baseEnv,
	forget,
	freePort,
	httpCall,
	removeOnExit,
	run,
	sleep,
	startGroup,
	tailOf,
	type GroupOptions,
	type HttpResult,
	type ProcessGroup,
} from '../../dev/n8n/processes';
import { ensureRuntime, installPackage, packPackage } from '../../dev/n8n/runtime';
import { LOCAL_ENV, OFFLINE_ENV } from '../../dev/n8n/start';

export { httpCall, type HttpResult };

/** Each server of the cluster is configured here, never by the caller's N8N_/DB_/QUEUE_ settings. */
const cleanEnv = () => baseEnv(/^(N8N_|DB_|QUEUE_|EXECUTIONS_)/);

export type { ExecutionResult, JsonObject };

const ENCRYPTION_KEY = 'n8n-nodes-reporting-queue-fixed-encryption-key';
const OWNER: Owner = { email: 'owner@queue.invalid', firstName: 'Queue', lastName: 'Owner', password: 'Queue-Owner-Passw0rd' };
const PG_USER = 'n8n';
const PG_DB = 'postgres';

const note = (line: string) => process.stderr.write(`[queue] ${line}\n`);

/** A server of the cluster: a process group under the watchdog (dev/n8n/processes.ts). */
export type Proc = ProcessGroup;

function startProc(name: string, cmd: string, args: string[], options: Omit<GroupOptions, 'streamLogs'>): Proc {
	return startGroup(name, cmd, args, { ...options, streamLogs: process.env.QUEUE_E2E_LOG === '1' });
}

/* ------------------------------------------------------------------------------------------------ */
/* Redis and PostgreSQL                                                                              */
/* ------------------------------------------------------------------------------------------------ */

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];

function which(cmd: string): string | undefined {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function pgBin(tool: string): string | undefined {
	for (const dir of PG_BIN_DIRS) if (existsSync(join(dir, tool))) return join(dir, tool);
	return which(tool);
}

/** Installs redis-server and postgresql from Debian's packages when missing (once per machine). */
export async function ensureServices(): Promise<{ redisServer: string; initdb: string; postgres: string; pgIsReady: string }> {
	const find = () => ({
		redisServer: which('redis-server'),
		initdb: pgBin('initdb'),
		postgres: pgBin('postgres'),
		pgIsReady: pgBin('pg_isready'),
	});
	let found = find();
	const missing = [!found.redisServer && 'redis-server', !(found.initdb && found.postgres && found.pgIsReady) && 'postgresql'].filter(Boolean) as string[];
	if (missing.length) {
		note(`installing ${missing.join(' ')} with apt-get (once per machine)`);
		const env = { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
		await run('apt-get', ['update'], { cwd: '/', env, timeoutMs: 600_000 });
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { cwd: '/', env, timeoutMs: 900_000 });
		found = find();
	}
	if (!found.redisServer || !found.initdb || !found.postgres || !found.pgIsReady) {
		throw new Error(`redis-server / PostgreSQL not available after install: ${JSON.stringify(found)}`);
	}
	return found as { redisServer: string; initdb: string; postgres: string; pgIsReady: string };
}

function tcpReply(port: number, payload: string, timeoutMs = 1000): Promise<string> {
	return new Promise((resolvePromise) => {
		const socket = connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (v: string) => {
			socket.destroy();
			resolvePromise(v);
		};
		socket.setTimeout(timeoutMs, () => done(''));
		socket.on('error', () => done(''));
		socket.on('connect', () => socket.write(payload));
		socket.on('data', (d) => {
			data += d.toString();
			if (data.includes('\r\n')) done(data);
		});
	});
}

async function startRedis(bin: string, dir: string): Promise<{ proc: Proc; port: number }> {
	const port = await freePort();
	mkdirSync(dir, { recursive: true });
	const proc = startProc(
		'redis',
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no'],
		{ cwd: dir, env: cleanEnv(), logPath: join(dir, 'redis.log') },
	);
	const until = Date.now() + 20_000;
	while ((await tcpReply(port, 'PING\r\n')).trim() !== '+PONG') {
		if (proc.exited() || Date.now() > until) throw new Error(`redis did not start:\n${proc.logs().slice(-2000)}`);
		await sleep(100);
	}
	return { proc, port };
}

async function startPostgres(bins: { initdb: string; postgres: string; pgIsReady: string }, dir: string): Promise<{ proc: Proc; port: number }> {
	const port = await freePort();
	const data = join(dir, 'data');
	const sock = join(dir, 'socket');
	mkdirSync(sock, { recursive: true });
	// PostgreSQL refuses root: run it as the Debian package's `postgres` user, which must own the folder.
	let uid: number | undefined;
	let gid: number | undefined;
	if (process.getuid?.() === 0) {
		const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
		uid = id('-u');
		gid = id('-g');
		if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
		// the parent temp folder is 0700 root: let the postgres user traverse it
		chmodSync(dirname(dir), 0o711);
		for (const p of [dir, sock]) chownSync(p, uid, gid);
	}
	await run(bins.initdb, ['-D', data, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--no-sync'], { cwd: dir, uid, gid, timeoutMs: 120_000 });
	const proc = startProc(
		'postgres',
		bins.postgres,
		[
			'-D', data, '-p', String(port), '-k', sock,
			'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
			'-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
		],
		{ cwd: dir, env: cleanEnv(), logPath: join(dir, 'postgres.log'), uid, gid },
	);
	const until = Date.now() + 30_000;
	for (;;) {
		const r = spawnSync(bins.pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, '-d', PG_DB], { encoding: 'utf8' });
		if (r.status === 0) break;
		if (proc.exited() || Date.now() > until) throw new Error(`postgres did not start:\n${proc.logs().slice(-2000)}`);
		await sleep(200);
	}
	return { proc, port };
}

/* ------------------------------------------------------------------------------------------------ */
/* The cluster                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

export interface ClusterOptions {
	workers?: number;
	/** `n8n webhook` processes (default 1): several stand for replicas behind a load balancer. */
	webhooks?: number;
	/** `n8n worker --concurrency` (default 10, n8n's default). */
	concurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
}

export interface N8nProcess extends Proc {
	role: 'main' | 'webhook' | 'worker';
	port: number;
	baseUrl: string;
	userFolder: string;
	/** Milliseconds from spawn to ready. */
	startupMs: number;
}

export interface Cluster {
	version: string;
	main: N8nProcess;
	/** The first webhook process. */
	webhook: N8nProcess;
	webhooks: N8nProcess[];
	workers: N8nProcess[];
	redisPort: number;
	postgresPort: number;
	apiKey: string;
	/** Timings in ms: services, n8n processes (parallel), owner/API key. */
	timings: Record<string, number>;
	api(method: string, path: string, body?: unknown): Promise<any>;
	rest(method: string, path: string, body?: unknown): Promise<any>;
	/** A request to main with the owner's cookie (e.g. `/types/nodes.json`). */
	asOwner(method: string, path: string): Promise<HttpResult>;
	importCredential(c: { name: string; type: string; data: JsonObject }): Promise<{ id: string; name: string; type: string }>;
	importWorkflow(workflow: JsonObject): Promise<{ id: string; name: string }>;
	publishWorkflow(id: string, probeUrl?: string): Promise<void>;
	/** Production webhook URL on a webhook process (default the first). */
	webhookUrl(path: string, webhookIndex?: number): string;
	getExecutions(workflowId: string): Promise<ExecutionResult[]>;
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<ExecutionResult[]>;
	/** Which worker ran an execution, from the worker logs ('worker-1', ...), or undefined. */
	workerOf(executionId: string): string | undefined;
	/** Every execution id each worker started, from their logs. */
	startedByWorker(): Record<string, string[]>;
	killWorker(index: number): Promise<void>;
	stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhooks ?? 1;
	const keep = process.env.QUEUE_E2E_KEEP === '1';
	const root = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
	if (!keep) removeOnExit(root);
	const timings: Record<string, number> = {};
	const procs: Proc[] = [];
	const t0 = Date.now();

	const stopAll = async () => {
		// n8n first (they hold connections), then Redis and PostgreSQL (fast shutdown: SIGINT).
		const n8ns = procs.filter((p) => p.name !== 'redis' && p.name !== 'postgres');
		await Promise.all(n8ns.map((p) => p.stop('SIGTERM', 20_000)));
		await Promise.all(procs.filter((p) => p.name === 'redis' || p.name === 'postgres').map((p) => p.stop('SIGINT', 10_000)));
		forget(root);
		if (keep) note(`kept ${root}`);
		else rmSync(root, { recursive: true, force: true });
	};

	try {
		const [services, runtime, tgz] = await Promise.all([ensureServices(), ensureRuntime(), packPackage()]);
		timings.prepare = Date.now() - t0;

		const t1 = Date.now();
		const [redis, pg] = await Promise.all([
			startRedis(services.redisServer, join(root, 'redis')),
			startPostgres(services, join(root, 'postgres')),
		]);
		procs.push(redis.proc, pg.proc);
		timings.services = Date.now() - t1;

		const roles: Array<{ name: string; role: 'main' | 'webhook' | 'worker' }> = [
			{ name: 'main', role: 'main' },
			...Array.from({ length: webhookCount }, (_, i) => ({ name: i === 0 ? 'webhook' : `webhook-${i + 1}`, role: 'webhook' as const })),
			...Array.from({ length: workerCount }, (_, i) => ({ name: `worker-${i + 1}`, role: 'worker' as const })),
		];
		const ports = new Map<string, { port: number; broker: number }>();
		for (const r of roles) ports.set(r.name, { port: await freePort(), broker: await freePort() });
		const webhookBase = `http://127.0.0.1:${ports.get('webhook')!.port}`;

		// Each server gets its own user folder with the package installed, like separate machines.
		const t2 = Date.now();
		const folders = new Map<string, string>();
		await Promise.all(
			roles.map(async (r) => {
				const folder = join(root, r.name);
				mkdirSync(join(folder, '.n8n'), { recursive: true });
				folders.set(r.name, folder);
				await installPackage(tgz, folder);
			}),
		);
		timings.installPackage = Date.now() - t2;

		const common: Record<string, string> = {
			...LOCAL_ENV,
			...OFFLINE_ENV,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: PG_DB,
			DB_POSTGRESDB_USER: PG_USER,
			DB_POSTGRESDB_PASSWORD: '',
			// n8n's default pool is 2 connections per process: a burst of 100 webhook calls then times
			// out on the pool, the process's DB health check fails and it answers 503 "Database is not
			// ready!" for a while (measured; docs/queue-mode.md). 10 per process is still far below
			// max_connections.
			DB_POSTGRESDB_POOL_SIZE: '10',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			WEBHOOK_URL: `${webhookBase}/`,
			...(options.env ?? {}),
		};

		const t3 = Date.now();
		const started: N8nProcess[] = roles.map((r) => {
			const { port, broker } = ports.get(r.name)!;
			const folder = folders.get(r.name)!;
			const env: NodeJS.ProcessEnv = {
				...cleanEnv(),
				PATH: `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`,
				...common,
				N8N_USER_FOLDER: folder,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(broker),
			};
			if (r.role === 'main') {
				env.N8N_DISABLE_PRODUCTION_MAIN_PROCESS = 'true';
				env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${port}/`;
			}
			const args = [runtime.n8nBin, r.role === 'main' ? 'start' : r.role];
			if (r.role === 'worker') {
				env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
				env.QUEUE_HEALTH_CHECK_PORT = String(port);
				env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
				args.push(`--concurrency=${options.concurrency ?? 10}`);
			}
			const proc = startProc(r.name, runtime.nodeBin, args, { cwd: folder, env, logPath: join(folder, 'n8n.log'), nodeBin: runtime.nodeBin });
			procs.push(proc);
			return { ...proc, role: r.role, port, baseUrl: `http://127.0.0.1:${port}`, userFolder: folder, startupMs: 0 };
		});

		// Ready: main and webhook answer /healthz/readiness; workers' health server answers /healthz/readiness.
		await Promise.all(
			started.map(async (p) => {
				const until = Date.now() + 300_000;
				for (;;) {
					const e = p.exited();
					if (e) throw new Error(`${p.name} exited during start-up (${JSON.stringify(e)}):\n${tailOf(p.logs())}`);
					if (Date.now() > until) throw new Error(`${p.name} not ready after 300 s:\n${tailOf(p.logs())}`);
					const ok = await httpCall('GET', `${p.baseUrl}/healthz/readiness`, { timeoutMs: 2000 }).then(
						(r) => r.status === 200,
						() => false,
					);
					const logged =
						p.role === 'main'
							? /Editor is now accessible via/.test(p.logs())
							: p.role === 'webhook'
								? /Webhook listener waiting for requests/.test(p.logs())
								: /n8n worker is now ready/.test(p.logs());
					if (ok && logged) break;
					await sleep(250);
				}
				p.startupMs = Date.now() - t3;
			}),
		);
		timings.n8nParallelStart = Date.now() - t3;

		// Owner, cookie, API key on main.
		const t4 = Date.now();
		const main = started[0];
		const cookie = await setupOwner(main.baseUrl, OWNER);
		const apiKey = await createApiKey({ baseUrl: main.baseUrl, cookie }, `queue-${Date.now()}`);
		const n8n = client({ baseUrl: main.baseUrl, apiKey, cookie });
		const settings = await n8n.rest('GET', '/settings').catch(() => ({}));
		timings.owner = Date.now() - t4;
		timings.total = Date.now() - t0;
		const version: string = settings?.versionCli ?? runtime.version;
		note(
			`n8n ${version} queue mode ready in ${(timings.total / 1000).toFixed(1)} s ` +
				`(services ${(timings.services / 1000).toFixed(1)} s, package installs ${(timings.installPackage / 1000).toFixed(1)} s, ` +
				`${started.length} n8n processes in parallel ${(timings.n8nParallelStart / 1000).toFixed(1)} s: ` +
				started.map((p) => `${p.name} ${(p.startupMs / 1000).toFixed(1)} s`).join(', ') +
				')',
		);

		const workers = started.filter((p) => p.role === 'worker');
		const startedByWorker = () => {
			const out: Record<string, string[]> = {};
			for (const w of workers) {
				out[w.name] = [...w.logs().matchAll(/Worker started execution (\S+) \(job/g)].map((m) => m[1]);
			}
			return out;
		};

		let stopped: Promise<void> | undefined;
		const cluster: Cluster = {
			version,
			main,
			webhook: started[1],
			webhooks: started.filter((p) => p.role === 'webhook'),
			workers,
			redisPort: redis.port,
			postgresPort: pg.port,
			apiKey,
			timings,
			api: n8n.api,
			rest: n8n.rest,
			asOwner: (method, path) => n8n.http(method, path, { headers: ownerHeaders(cookie), timeoutMs: 120_000 }),
			async importCredential(c) {
				const [ref] = await n8n.importCredentials([c]);
				return ref;
			},
			async importWorkflow(workflow) {
				const { id, name } = await n8n.importWorkflow(workflow);
				return { id, name };
			},
			async publishWorkflow(id, probeUrl) {
				const until = Date.now() + 60_000;
				await n8n.publishWorkflow(id, { timeoutMs: 60_000 });
				// The webhook process looks webhooks up in the database (and its cache): wait until it
				// stops answering 404 for the production URL (a HEAD/GET probe does not start a run).
				if (probeUrl) {
					for (;;) {
						const p = await httpCall('GET', probeUrl, { timeoutMs: 5000 }).catch(() => undefined);
						if (p && p.status !== 404) break;
						if (Date.now() > until) throw new Error(`webhook ${probeUrl} still 404 after publishing`);
						await sleep(200);
					}
				}
			},
			webhookUrl(path, webhookIndex = 0) {
				const base = started.filter((p) => p.role === 'webhook')[webhookIndex].baseUrl;
				return `${base}/webhook/${path.replace(/^\/+/, '')}`;
			},
			getExecutions: n8n.getExecutions,
			// every execution of the workflow finished (a burst is done), looked at once a second
			waitForExecutions: (workflowId, count, timeoutMs = 120_000) => n8n.waitForExecutions(workflowId, count, timeoutMs, { all: true, pollMs: 1000 }),
			workerOf(executionId) {
				const by = startedByWorker();
				return Object.keys(by).find((w) => by[w].includes(String(executionId)));
			},
			startedByWorker,
			async killWorker(index) {
				await workers[index].stop('SIGKILL', 5_000);
			},
			stop() {
				stopped ??= stopAll();
				return stopped;
			},
		};
		return cluster;
	} catch (err) {
		await stopAll().catch(() => undefined);
		throw err;
	}
}

/** Jest wiring: one cluster for the calling test file (beforeAll/afterAll). */
export function useCluster(options: ClusterOptions = {}): () => Cluster {
	let instance: Cluster | undefined;
	let failure: unknown;
	beforeAll(async () => {
		try {
			instance = await startCluster(options);
		} catch (err) {
			failure = err;
			throw err;
		}
	}, 30 * 60_000);
	afterAll(async () => {
		await instance?.stop();
	}, 120_000);
	return () => {
		if (!instance) throw new Error(`the queue-mode cluster did not start: ${failure instanceof Error ? failure.message : String(failure)}`);
		return instance;
	};
}

/** A random id for webhook nodes. */
export const randomId = () => randomBytes(8).toString('hex');
