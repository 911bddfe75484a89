/**
 * End-to-end harness: runs a REAL n8n (pinned in e2e/runtime, installed by e2e/runtime/ensure.mjs
 * into ~/.cache) with this package installed the way a user installs it, and drives it over HTTP.
 *
 * ```ts
 * import { useN8n } from './harness/n8n';
 *
 * const n8n = useN8n();          // beforeAll: start one n8n for this file; afterAll: stop it
 *
 * test('report runs', async () => {
 *   const [cred] = await n8n().importCredentials([{ name: 'Trust', type: 'trustApi', data: { apiKey: 'k', baseUrl: sim.url } }]);
 *   const wf = await n8n().importWorkflow(workflowJson);     // node credentials are re-pointed by name or old id
 *   const run = await n8n().runWorkflow(wf.id);              // manual run, waits until it finished
 *   expect(run.status).toBe('success');
 *   expect(run.nodes['Trust']).toEqual([{ ... }]);           // json of the items on output 0
 *   expect(await n8n().testCredential(cred.id)).toEqual({ status: 'OK', message: expect.any(String) });
 * });
 * ```
 *
 * Start-up (build first: `npm run build`):
 * - `startN8n()` / `useN8n()`: packs the repository once per build (`npm pack`, cached by a hash of
 *   dist/ and package.json under os.tmpdir()), makes a temp user folder, `npm install <tgz>` into
 *   `<userFolder>/.n8n/nodes` (so node types are `n8n-nodes-reporting.<name>`, exactly as for a user),
 *   and starts `n8n start` on two free 127.0.0.1 ports (HTTP, task broker), offline-quiet.
 * - The first start on a runtime migrates a fresh SQLite database, creates the owner and an API key
 *   (~50 s), then snapshots that database as a template in the cache; later starts copy the template
 *   and skip the migrations (13-18 s on an idle 2-core machine). Never start one per test:
 *   `useN8n()` shares one per test file, and with `test/e2e/harness/global-setup.ts` +
 *   `global-teardown.ts` wired into the jest e2e project, one per run (`useN8n()` without options
 *   then attaches to it; files that pass options still get their own).
 * - The n8n version is printed once per start. Set `N8N_E2E_FLAVOR=n8n1` to run against the pinned
 *   n8n 1.x on the machine's Node instead (e2e/runtime-n8n1), `N8N_E2E_KEEP=1` to keep the user folder
 *   (its n8n.log) after stop, `N8N_E2E_LOG=1` to stream n8n's output to stderr.
 *
 * Driving it:
 * - `importCredentials([...])` / `importWorkflow(json)`: public API (`POST /api/v1/credentials`,
 *   `/api/v1/workflows`) on the running instance. The CLI `import:*` commands are separate n8n
 *   processes (~20 s each, a second writer on the SQLite file), so they are not used.
 * - `runWorkflow(id)`: the editor's own manual run, `POST /rest/workflows/:id/run` with the owner's
 *   cookie, from its Manual Trigger (or `triggerNode`), then polls the saved execution through the
 *   public API. About 0.3 s for a small workflow. Not `n8n execute --id`: that boots a second n8n
 *   (~20 s, another task-broker port, a second SQLite writer) for every run.
 * - `publishWorkflow(id)`: public API publish (n8n 1.x: activate), then waits until n8n reports the
 *   triggers live (2.x publishes asynchronously; a production webhook answers 404 for a moment).
 *   `webhookUrl(path)` is the production URL; call it with fetch/got; `getExecutions(workflowId)` /
 *   `waitForExecutions(workflowId, n)` read what ran through the public API with `includeData=true`.
 * - `testCredential(id | {type, data})`: n8n's own credential test: a stored credential through the
 *   public API (`POST /api/v1/credentials/:id/test`), unsaved data like the editor's "Test" button
 *   (`POST /rest/credentials/test`); n8n 1.x fallbacks are built in.
 * - `listNodeTypes()` / `listCredentialTypes()`: what the running n8n loaded (`/types/*.json`).
 * - `api(method, path, body)` (public API, API key) and `rest(method, path, body)` (internal REST,
 *   owner cookie) for anything else; `logs()` is n8n's output so far.
 * - `stop()`: SIGTERM to n8n's process group, SIGKILL after 15 s, temp folder removed. A process
 *   'exit' handler and a watchdog process (kills n8n when the test process disappears) make sure no
 *   n8n or port is left behind when a test run fails or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

import { cleanEnv, freePort, hostProcess, httpCall, run, type HttpResult } from '../../support/processes';

export type { HttpResult };

/* ------------------------------------------------------------------------------------------------ */
/* Types                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

export type JsonObject = Record<string, unknown>;

export interface StartOptions {
	/** Which pinned runtime: `n8n2` (e2e/runtime, default) or `n8n1` (e2e/runtime-n8n1). Env `N8N_E2E_FLAVOR`. */
	flavor?: 'n8n2' | 'n8n1';
	/** Extra environment for n8n (wins over the harness defaults). */
	env?: Record<string, string>;
	/** Install the packed package into the user folder (default true). */
	installPackage?: boolean;
	/** Use/create the migrated-database template (default true). */
	useTemplate?: boolean;
	/** Milliseconds to wait for n8n to be ready (default 180 000). */
	startTimeoutMs?: number;
	/** Stream n8n's output to stderr (default: env `N8N_E2E_LOG`); it always goes to `<userFolder>/n8n.log`. */
	streamLogs?: boolean;
}

export interface CredentialInput {
	name: string;
	type: string;
	data: JsonObject;
	/** An id from an exported credential: workflows imported later that reference it are re-pointed. */
	id?: string;
}

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export interface WorkflowRef {
	id: string;
	name: string;
	/** The workflow as n8n stored it. */
	workflow: JsonObject;
}

export interface NodeError {
	message: string;
	description?: string;
	httpCode?: string;
	node?: string;
	raw: unknown;
}

export interface ExecutionResult {
	id: string;
	workflowId: string;
	/** `success`, `error`, `crashed`, `canceled`, `waiting`, ... */
	status: string;
	finished: boolean;
	/** `manual`, `webhook`, `trigger`, ... */
	mode: string;
	/** Per node that ran: the `json` of the items on output 0 of its last run. */
	nodes: Record<string, JsonObject[]>;
	/** Per node that ran: every output of its last run, as arrays of `json`. */
	outputs: Record<string, JsonObject[][]>;
	/** Per node that ran: how many times it ran. */
	runs: Record<string, number>;
	/** Per node that failed: its error. */
	nodeErrors: Record<string, NodeError>;
	/** The execution's error (the failing node's error), if any. */
	error?: NodeError;
	lastNodeExecuted?: string;
	/** The public API execution object (with `data`). */
	raw: JsonObject;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error' | string;
	message: string;
}

export interface NodeTypeInfo {
	name: string;
	displayName: string;
	version: number | number[];
	group: string[];
	credentials: string[];
	/** The whole description n8n serves. */
	description: JsonObject;
}

export interface CredentialTypeInfo {
	name: string;
	displayName: string;
	supportedNodes: string[];
	description: JsonObject;
}

export interface RunOptions {
	/** Start from this trigger node (default: the workflow's Manual Trigger). */
	triggerNode?: string;
	/** Milliseconds to wait for the execution to finish (default 60 000). */
	timeoutMs?: number;
}


export interface N8n {
	/** `http://127.0.0.1:<port>` */
	readonly baseUrl: string;
	/** The running n8n's version, as it reports it (`/rest/settings`). */
	readonly version: string;
	/** Version of the Node running n8n. */
	readonly nodeVersion: string;
	readonly flavor: 'n8n2' | 'n8n1';
	/** The package under test (`n8n-nodes-reporting`), the prefix of its node types. */
	readonly packageName: string;
	readonly userFolder: string;
	readonly pid: number;
	readonly apiKey: string;
	/** Milliseconds from spawn to ready. */
	readonly startupMs: number;

	importCredentials(credentials: CredentialInput[]): Promise<CredentialRef[]>;
	importWorkflow(workflow: JsonObject): Promise<WorkflowRef>;
	runWorkflow(workflowId: string, options?: RunOptions): Promise<ExecutionResult>;
	publishWorkflow(workflowId: string, options?: { timeoutMs?: number }): Promise<void>;
	unpublishWorkflow(workflowId: string): Promise<void>;
	/** Production webhook URL: `<baseUrl>/webhook/<path>`. */
	webhookUrl(path: string): string;
	getExecution(executionId: string): Promise<ExecutionResult>;
	/** Executions of a workflow, newest first, with data. */
	getExecutions(workflowId: string): Promise<ExecutionResult[]>;
	/** Waits until the workflow has at least `count` finished (not new/running) executions; newest first. */
	waitForExecutions(workflowId: string, count?: number, timeoutMs?: number): Promise<ExecutionResult[]>;
	/** A stored credential (id) via the public API, or unsaved data like the editor's "Test". */
	testCredential(credential: string | { type: string; data: JsonObject; name?: string }): Promise<CredentialTestResult>;
	/** Node types of the package under test (`<packageName>.*`), or all with `{ all: true }`. */
	listNodeTypes(options?: { all?: boolean }): Promise<NodeTypeInfo[]>;
	/** All credential types n8n loaded. */
	listCredentialTypes(): Promise<CredentialTypeInfo[]>;
	/** Public API call (`/api/v1` + path) with the API key; throws unless 2xx. */
	api(method: string, path: string, body?: unknown): Promise<any>;
	/** Internal REST call (`/rest` + path) with the owner's cookie; returns the `data` field; throws unless 2xx. */
	rest(method: string, path: string, body?: unknown): Promise<any>;
	/** A raw HTTP request to this n8n (no auth added), e.g. to a webhook. */
	http(method: string, pathOrUrl: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<HttpResult>;
	/** n8n's stdout+stderr so far. */
	logs(): string;
	stop(): Promise<void>;
}

/* ------------------------------------------------------------------------------------------------ */
/* Constants                                                                                        */
/* ------------------------------------------------------------------------------------------------ */

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const ENSURE_SCRIPT = join(REPO_ROOT, 'e2e', 'runtime', 'ensure.mjs');
const ENCRYPTION_KEY = 'n8n-nodes-reporting-e2e-fixed-encryption-key';
const BROWSER_ID = 'n8n-nodes-reporting-e2e';
const OWNER = { email: 'owner@e2e.invalid', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };
/** Bump when what the template holds changes. */
const TEMPLATE_VERSION = 1;

/* ------------------------------------------------------------------------------------------------ */
/* Process bookkeeping: whatever is still running when the test process exits is killed.            */
/* ------------------------------------------------------------------------------------------------ */

/** n8n offline and quiet: no phoning home, no banners, community packages from the user folder only. */
export const OFFLINE_ENV: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_PYTHON_ENABLED: 'false',
};

const live = new Map<number, { userFolder: string; keep: boolean }>();
let exitHookInstalled = false;


function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	hostProcess().on('exit', () => {
		for (const [pgid, { userFolder, keep }] of live) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				// already gone
			}
			if (!keep) rmSync(userFolder, { recursive: true, force: true });
		}
		live.clear();
	});
}

/**
 * Runs n8n as its child in the watchdog's own process group (argv: test pid, folder to remove when
 * orphaned or '', command...). When the test process is gone (killed, interrupted), it SIGTERMs the
 * group (SIGKILL after 10 s) and removes the user folder. SIGTERM from stop() reaches n8n directly;
 * the watchdog ignores it and exits with n8n.
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const parent = Number(process.argv[1]);
const folder = process.argv[2];
const [cmd, ...args] = process.argv.slice(3);
const child = spawn(cmd, args, { stdio: 'inherit' });
let orphaned = false;
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => {
	if (orphaned && folder) { try { rmSync(folder, { recursive: true, force: true }); } catch {} }
	process.exit(code ?? (signal ? 1 : 0));
});
const alive = () => { try { process.kill(parent, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
	if (orphaned || alive()) return;
	orphaned = true;
	try { process.kill(-process.pid, 'SIGTERM'); } catch {}
	setTimeout(() => { try { process.kill(-process.pid, 'SIGKILL'); } catch {} }, 10000).unref();
}, 1000);
`;

/* ------------------------------------------------------------------------------------------------ */
/* Helpers                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function note(line: string): void {
	process.stderr.write(`[e2e] ${line}\n`);
}


function cacheRoot(): string {
	return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-reporting');
}




function tailOf(text: string, lines: number): string {
	return text.split('\n').slice(-lines).join('\n');
}

/* ------------------------------------------------------------------------------------------------ */
/* Runtime, package tarball, template                                                               */
/* ------------------------------------------------------------------------------------------------ */

interface Runtime {
	nodeBin: string;
	n8nBin: string;
	version: string;
	nodeVersion: string;
	dir: string;
}

const runtimes = new Map<string, Promise<Runtime>>();

/** Runs e2e/runtime/ensure.mjs (a child process: jest runs CommonJS and cannot import the .mjs). */
function ensureRuntime(flavor: 'n8n2' | 'n8n1'): Promise<Runtime> {
	let p = runtimes.get(flavor);
	if (!p) {
		p = new Promise<Runtime>((resolvePromise, reject) => {
			const child = spawn(process.execPath, [ENSURE_SCRIPT, flavor], {
				cwd: REPO_ROOT,
				env: cleanEnv(),
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let out = '';
			child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
			child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code !== 0) return reject(new Error(`e2e/runtime/ensure.mjs ${flavor} failed (exit ${code})`));
				try {
					resolvePromise(JSON.parse(out) as Runtime);
				} catch (err) {
					reject(new Error(`ensure.mjs printed no JSON: ${out}`));
				}
			});
		});
		runtimes.set(flavor, p);
		p.catch(() => runtimes.delete(flavor));
	}
	return p;
}

function listFiles(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) listFiles(full, out);
		else out.push(full);
	}
	return out;
}

let packed: Promise<string> | undefined;

/**
 * `npm pack` of the repository, once per build: the tarball is cached under os.tmpdir() by a hash of
 * dist/ and package.json, so every test file (jest worker) and later runs reuse it.
 */
export function packPackage(): Promise<string> {
	packed ??= (async () => {
		const dist = join(REPO_ROOT, 'dist');
		if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
		const hash = createHash('sha256');
		const files = [join(REPO_ROOT, 'package.json'), ...listFiles(dist).sort()];
		for (const f of files) {
			hash.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
		}
		const key = hash.digest('hex').slice(0, 16);
		const dir = join(tmpdir(), 'n8n-nodes-reporting-e2e', `pack-${key}`);
		const existing = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined;
		if (existing) {
			const now = new Date();
			utimesSync(dir, now, now); // in use: keep it from being pruned
			return join(dir, existing);
		}
		const staging = `${dir}.${process.pid}.${randomBytes(3).toString('hex')}`;
		mkdirSync(staging, { recursive: true });
		await run('npm', ['pack', '--pack-destination', staging, '--ignore-scripts', '--silent'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
		const tgz = readdirSync(staging).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack wrote no tarball into ${staging}`);
		try {
			renameSync(staging, dir);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another worker won the race
		}
		// tarballs of earlier builds: drop those not touched for an hour
		for (const old of readdirSync(dirname(dir))) {
			const full = join(dirname(dir), old);
			if (!old.startsWith('pack-') || full === dir) continue;
			try {
				if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
			} catch {
				// removed concurrently
			}
		}
		return join(dir, tgz);
	})();
	packed.catch(() => (packed = undefined));
	return packed;
}

interface TemplateMeta {
	version: number;
	apiKey: string;
	owner: typeof OWNER;
}

function templateDir(runtime: Runtime): string {
	return join(cacheRoot(), `n8n-template-${basename(runtime.dir)}-v${TEMPLATE_VERSION}`);
}

function readTemplate(runtime: Runtime): TemplateMeta | null {
	try {
		const meta = JSON.parse(readFileSync(join(templateDir(runtime), 'template.json'), 'utf8')) as TemplateMeta;
		if (meta.version !== TEMPLATE_VERSION || !existsSync(join(templateDir(runtime), 'database.sqlite'))) return null;
		return meta;
	} catch {
		return null;
	}
}

/**
 * Snapshot the live, freshly set-up database (`VACUUM INTO`, consistent while n8n runs) with the
 * runtime's own sqlite3 module, plus n8n's config file, as the template for later starts.
 */
async function writeTemplate(runtime: Runtime, userFolder: string, meta: TemplateMeta): Promise<void> {
	const target = templateDir(runtime);
	if (existsSync(join(target, 'template.json'))) return;
	const staging = `${target}.${process.pid}.${randomBytes(3).toString('hex')}`;
	mkdirSync(staging, { recursive: true });
	try {
		const script = `
const sqlite3 = require(${JSON.stringify(join(runtime.dir, 'node_modules', 'sqlite3'))});
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY, (err) => { if (err) { console.error(err); process.exit(1); } });
db.configure('busyTimeout', 10000);
db.exec("VACUUM INTO '" + process.argv[2].replace(/'/g, "''") + "'", (err) => { if (err) { console.error(err); process.exit(1); } db.close(() => process.exit(0)); });
`;
		await run(runtime.nodeBin, ['-e', script, join(userFolder, '.n8n', 'database.sqlite'), join(staging, 'database.sqlite')], {
			cwd: runtime.dir,
			timeoutMs: 60_000,
		});
		copyFileSync(join(userFolder, '.n8n', 'config'), join(staging, 'config'));
		writeFileSync(join(staging, 'template.json'), JSON.stringify(meta, null, 2));
		try {
			renameSync(staging, target);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another worker wrote it first
		}
	} catch (err) {
		rmSync(staging, { recursive: true, force: true });
		note(`could not write the database template (next start will migrate again): ${(err as Error).message}`);
	}
}

/* ------------------------------------------------------------------------------------------------ */
/* Execution data                                                                                   */
/* ------------------------------------------------------------------------------------------------ */

function toNodeError(raw: any, node?: string): NodeError {
	return {
		message: String(raw?.message ?? raw?.description ?? 'unknown error'),
		description: raw?.description ?? undefined,
		httpCode: raw?.httpCode ?? undefined,
		node: node ?? raw?.node?.name ?? undefined,
		raw,
	};
}

/** Flattens the public API's execution object into per-node items. */
export function toExecutionResult(raw: JsonObject): ExecutionResult {
	const data = (raw.data ?? {}) as any;
	const resultData = data.resultData ?? {};
	const runData = (resultData.runData ?? {}) as Record<string, any[]>;
	const nodes: Record<string, JsonObject[]> = {};
	const outputs: Record<string, JsonObject[][]> = {};
	const runs: Record<string, number> = {};
	const nodeErrors: Record<string, NodeError> = {};
	for (const [name, taskRuns] of Object.entries(runData)) {
		if (!Array.isArray(taskRuns) || taskRuns.length === 0) continue;
		runs[name] = taskRuns.length;
		const last = taskRuns[taskRuns.length - 1];
		const main: any[][] = last?.data?.main ?? [];
		outputs[name] = main.map((items) => (Array.isArray(items) ? items.map((i) => (i?.json ?? {}) as JsonObject) : []));
		nodes[name] = outputs[name][0] ?? [];
		const failed = taskRuns.find((r) => r?.error);
		if (failed) nodeErrors[name] = toNodeError(failed.error, name);
	}
	return {
		id: String(raw.id),
		workflowId: String(raw.workflowId),
		status: String(raw.status ?? (raw.finished ? 'success' : 'unknown')),
		finished: Boolean(raw.finished),
		mode: String(raw.mode),
		nodes,
		outputs,
		runs,
		nodeErrors,
		error: resultData.error ? toNodeError(resultData.error) : undefined,
		lastNodeExecuted: resultData.lastNodeExecuted,
		raw,
	};
}

const UNFINISHED = new Set(['new', 'running', 'unknown']);

/* ------------------------------------------------------------------------------------------------ */
/* startN8n                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

/** Start a real n8n with the packed package installed; see the top of this file. */
export async function startN8n(options: StartOptions = {}): Promise<N8n> {
	const flavor = options.flavor ?? ((process.env.N8N_E2E_FLAVOR as 'n8n1' | undefined) === 'n8n1' ? 'n8n1' : 'n8n2');
	const keep = process.env.N8N_E2E_KEEP === '1';
	const streamLogs = options.streamLogs ?? process.env.N8N_E2E_LOG === '1';
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

	const t0 = Date.now();
	const [runtime, tgz] = await Promise.all([ensureRuntime(flavor), options.installPackage === false ? Promise.resolve('') : packPackage()]);

	installExitHook();
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	const n8nFolder = join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true });
	let pgid = 0;
	try {
		// 1. The package, installed the way a user's install lands (community-packages folder).
		if (tgz) {
			const nodesDir = join(n8nFolder, 'nodes');
			mkdirSync(nodesDir, { recursive: true });
			writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
			await run(
				'npm',
				[
					'install',
					tgz,
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--omit=dev',
					'--legacy-peer-deps',
					'--package-lock=false',
					'--loglevel=error',
				],
				{ cwd: nodesDir, timeoutMs: 180_000 },
			);
		}

		const prepareMs = Date.now() - t0;

		// 2. A migrated database with owner and API key, when a template exists.
		const template = options.useTemplate === false ? null : readTemplate(runtime);
		if (template) {
			copyFileSync(join(templateDir(runtime), 'database.sqlite'), join(n8nFolder, 'database.sqlite'));
			copyFileSync(join(templateDir(runtime), 'config'), join(n8nFolder, 'config'));
		}

		// 3. Start on free 127.0.0.1 ports.
		const port = await freePort();
		const brokerPort = await freePort([port]);
		const baseUrl = `http://127.0.0.1:${port}`;
		const env: NodeJS.ProcessEnv = {
			...cleanEnv(),
			PATH: `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(port),
			N8N_PROTOCOL: 'http',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// production webhook base URL (2.x name; 1.x reads WEBHOOK_URL, deprecated in 2.x)
			...(flavor === 'n8n1' ? { WEBHOOK_URL: `${baseUrl}/` } : { N8N_WEBHOOK_URL: `${baseUrl}/` }),
			// n8n 1.123.8x defaults to the isolated-vm expression engine, whose isolated-vm@6 needs
			// Node >= 22; on the machine's Node 20 the pre-vm engine is the only one that starts.
			...(flavor === 'n8n1' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...OFFLINE_ENV,
			N8N_PUBLIC_API_DISABLED: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			// keep every execution so tests can read it back
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			EXECUTIONS_DATA_PRUNE: 'false',
			...(options.env ?? {}),
		};
		const logPath = join(userFolder, 'n8n.log');
		const logFd = openSync(logPath, 'a');
		const spawnedAt = Date.now();
		const child: ChildProcess = spawn(
			runtime.nodeBin,
			['-e', WATCHDOG, String(hostProcess().pid), keep ? '' : userFolder, runtime.nodeBin, runtime.n8nBin, 'start'],
			{
				cwd: userFolder,
				env,
				detached: true,
				stdio: ['ignore', logFd, logFd],
			},
		);
		closeSync(logFd);
		child.unref(); // a forgotten stop() must not keep the test process alive; the exit hook kills n8n
		if (!child.pid) throw new Error('could not spawn n8n');
		pgid = child.pid;
		live.set(pgid, { userFolder, keep });
		let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
		const exitPromise = new Promise<void>((r) =>
			child.on('exit', (code, signal) => {
				exited = { code, signal };
				live.delete(pgid);
				r();
			}),
		);
		const readLog = () => {
			try {
				return readFileSync(logPath, 'utf8');
			} catch {
				return '';
			}
		};
		let streamed = 0;
		const streamTimer = streamLogs
			? setInterval(() => {
					const text = readLog();
					if (text.length > streamed) process.stderr.write(text.slice(streamed));
					streamed = text.length;
				}, 500)
			: undefined;
		streamTimer?.unref();

		// 4. Ready: database migrated (/healthz/readiness) and the server fully started (log line).
		const deadline = spawnedAt + (options.startTimeoutMs ?? 180_000);
		let readySince = 0;
		for (;;) {
			if (exited) {
				throw new Error(`n8n exited during start-up (${JSON.stringify(exited)}); last log lines:\n${tailOf(readLog(), 60)}`);
			}
			if (Date.now() > deadline)
				throw new Error(`n8n was not ready after ${options.startTimeoutMs ?? 180_000} ms; last log lines:\n${tailOf(readLog(), 60)}`);
			const ready = await httpCall('GET', `${baseUrl}/healthz/readiness`, { timeoutMs: 2000 }).then(
				(r) => r.status === 200,
				() => false,
			);
			if (ready) {
				readySince ||= Date.now();
				if (/Editor is now accessible via/.test(readLog()) || Date.now() - readySince > 15_000) break;
			}
			await sleep(250);
		}
		const startupMs = Date.now() - spawnedAt;

		// 5. Owner, cookie, API key.
		let cookie = '';
		const cookieHeaders = () => ({ cookie, 'browser-id': BROWSER_ID });
		const takeCookie = (r: HttpResult) => {
			const set = r.headers['set-cookie'];
			const auth = (Array.isArray(set) ? set : set ? [set] : []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) cookie = auth;
		};
		const restCall = async (method: string, path: string, body?: unknown): Promise<any> => {
			const r = await httpCall(method, `${baseUrl}/rest${path}`, { body, headers: cookieHeaders() });
			if (r.status < 200 || r.status >= 300) throw new Error(`${method} /rest${path} -> ${r.status}: ${r.text.slice(0, 2000)}`);
			return r.json && typeof r.json === 'object' && 'data' in r.json ? r.json.data : r.json;
		};

		let apiKey = template?.apiKey ?? '';
		if (template) {
			const login = await httpCall('POST', `${baseUrl}/rest/login`, {
				body: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
				headers: { 'browser-id': BROWSER_ID },
			});
			if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text.slice(0, 500)}`);
			takeCookie(login);
		} else {
			const setup = await httpCall('POST', `${baseUrl}/rest/owner/setup`, { body: OWNER, headers: { 'browser-id': BROWSER_ID } });
			if (setup.status !== 200) throw new Error(`owner setup failed: ${setup.status} ${setup.text.slice(0, 500)}`);
			takeCookie(setup);
			if (!cookie) {
				const login = await httpCall('POST', `${baseUrl}/rest/login`, {
					body: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
					headers: { 'browser-id': BROWSER_ID },
				});
				takeCookie(login);
			}
		}
		if (!cookie) throw new Error('no n8n-auth cookie after login');
		if (apiKey) {
			const probe = await httpCall('GET', `${baseUrl}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': apiKey } });
			if (probe.status !== 200) apiKey = '';
		}
		if (!apiKey) {
			const scopes = await restCall('GET', '/api-keys/scopes').catch(() => undefined);
			const created = await restCall('POST', '/api-keys', {
				label: `e2e-${Date.now()}`,
				expiresAt: null,
				...(Array.isArray(scopes) ? { scopes } : {}),
			});
			apiKey = created.rawApiKey ?? created.apiKey;
			if (!apiKey) throw new Error(`no API key in ${JSON.stringify(created).slice(0, 300)}`);
			if (!template && options.useTemplate !== false) {
				await writeTemplate(runtime, userFolder, { version: TEMPLATE_VERSION, apiKey, owner: OWNER });
			}
		}
		const settings = await restCall('GET', '/settings').catch(() => ({}));
		const version: string = settings?.versionCli ?? runtime.version;

		note(
			`n8n ${version} (node ${runtime.nodeVersion}) ready at ${baseUrl} in ${(startupMs / 1000).toFixed(1)} s` +
				`${template ? ' (database template)' : ' (fresh database)'}; ` +
				`${tgz ? `${pkg.name}@${pkg.version} packed+installed from ${basename(tgz)}` : 'no package installed'} in ${(prepareMs / 1000).toFixed(1)} s before`,
		);

		// 6. The client.
		let stopping: Promise<void> | undefined;
		const connection: Connection = {
			baseUrl,
			apiKey,
			cookie,
			version,
			nodeVersion: runtime.nodeVersion,
			flavor,
			packageName: pkg.name,
			userFolder,
			pid: pgid,
			startupMs,
			logPath,
		};
		const instance: N8n & { connection?: Connection } = connect(connection, {
			stop() {
				stopping ??= (async () => {
					if (!exited) {
						try {
							process.kill(-pgid, 'SIGTERM');
						} catch {
							// already gone
						}
						let timer: NodeJS.Timeout | undefined;
						const killed = await Promise.race([
							exitPromise.then(() => true),
							new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 15_000))),
						]);
						clearTimeout(timer);
						if (!killed) {
							try {
								process.kill(-pgid, 'SIGKILL');
							} catch {
								// already gone
							}
							await exitPromise;
						}
					}
					// the group may still hold the task runner for a moment
					for (let i = 0; i < 50; i++) {
						try {
							process.kill(-pgid, 0);
						} catch {
							break;
						}
						if (i === 30) {
							try {
								process.kill(-pgid, 'SIGKILL');
							} catch {
								// gone
							}
						}
						await sleep(100);
					}
					if (streamTimer) clearInterval(streamTimer);
					live.delete(pgid);
					if (keep) note(`kept n8n user folder ${userFolder}`);
					else rmSync(userFolder, { recursive: true, force: true });
				})();
				return stopping;
			},
			logs: readLog,
		});
		Object.defineProperty(instance, 'connection', { value: connection, enumerable: false });
		return instance;
	} catch (err) {
		if (pgid) {
			try {
				process.kill(-pgid, 'SIGKILL');
			} catch {
				// gone
			}
			live.delete(pgid);
		}
		if (!keep) rmSync(userFolder, { recursive: true, force: true });
		throw err;
	}
}

/** Where a running n8n is and how to talk to it; what a shared instance's descriptor file holds. */
export interface Connection {
	baseUrl: string;
	apiKey: string;
	/** `n8n-auth=...` of the owner. */
	cookie: string;
	version: string;
	nodeVersion: string;
	flavor: 'n8n2' | 'n8n1';
	packageName: string;
	userFolder: string;
	pid: number;
	startupMs: number;
	logPath: string;
}

/** The client side of an instance: everything but starting and stopping. */
function connect(c: Connection, life: { stop(): Promise<void>; logs(): string }): N8n {
	const { baseUrl, apiKey } = c;
	const knownCredentials: Array<CredentialRef & { oldId?: string; data: JsonObject }> = [];
	const cookieHeaders = () => ({ cookie: c.cookie, 'browser-id': BROWSER_ID });

	const restCall = async (method: string, path: string, body?: unknown): Promise<any> => {
		const r = await httpCall(method, `${baseUrl}/rest${path}`, { body, headers: cookieHeaders() });
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} /rest${path} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		return r.json && typeof r.json === 'object' && 'data' in r.json ? r.json.data : r.json;
	};

	const apiCall = async (method: string, path: string, body?: unknown): Promise<any> => {
		const r = await httpCall(method, `${baseUrl}/api/v1${path}`, { body, headers: { 'X-N8N-API-KEY': apiKey } });
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} /api/v1${path} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		return r.json;
	};

	const getExecution = async (executionId: string) =>
		toExecutionResult(await apiCall('GET', `/executions/${encodeURIComponent(executionId)}?includeData=true`));

	const getExecutions = async (workflowId: string) => {
		const out: ExecutionResult[] = [];
		let cursor: string | undefined;
		do {
			const page = await apiCall(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			out.push(...(page.data as JsonObject[]).map(toExecutionResult));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return out;
	};

	/**
	 * `POST /api/v1/credentials`. n8n 1.x's schema for it wants the HTTP-request domain choice of the
	 * credential types it adds one to (the editor defaults it to "all"): without it the 400 asks for
	 * `allowedDomains`; then it is sent again with `allowedHttpRequestDomains: 'all'`.
	 */
	const postCredential = async (name: string, type: string, data: JsonObject): Promise<any> => {
		try {
			return await apiCall('POST', '/credentials', { name, type, data });
		} catch (err) {
			if ('allowedHttpRequestDomains' in data || !/requires property \\"allowedDomains\\"/.test((err as Error).message)) throw err;
			return await apiCall('POST', '/credentials', { name, type, data: { ...data, allowedHttpRequestDomains: 'all' } });
		}
	};

	const instance: N8n = {
		baseUrl,
		version: c.version,
		nodeVersion: c.nodeVersion,
		flavor: c.flavor,
		packageName: c.packageName,
		userFolder: c.userFolder,
		pid: c.pid,
		apiKey,
		startupMs: c.startupMs,

		async importCredentials(credentials) {
			const refs: CredentialRef[] = [];
			for (const c of credentials) {
				const created = await postCredential(c.name, c.type, c.data);
				const ref = { id: String(created.id), name: String(created.name), type: String(created.type) };
				knownCredentials.push({ ...ref, oldId: c.id, data: c.data });
				refs.push(ref);
			}
			return refs;
		},

		async importWorkflow(workflow) {
			const nodes = ((workflow.nodes ?? []) as JsonObject[]).map((node) => {
				const creds = node.credentials as Record<string, { id?: string; name?: string }> | undefined;
				if (!creds) return node;
				const rewired: Record<string, { id: string; name: string }> = {};
				for (const [type, ref] of Object.entries(creds)) {
					const match =
						knownCredentials.find((k) => k.type === type && ref.id !== undefined && (k.oldId === ref.id || k.id === ref.id)) ??
						knownCredentials.find((k) => k.type === type && k.name === ref.name) ??
						[...knownCredentials].reverse().find((k) => k.type === type);
					rewired[type] = match ? { id: match.id, name: match.name } : { id: String(ref.id ?? ''), name: String(ref.name ?? '') };
				}
				return { ...node, credentials: rewired };
			});
			const body: JsonObject = {
				name: workflow.name ?? `e2e ${Date.now()}`,
				nodes,
				connections: workflow.connections ?? {},
				settings: workflow.settings ?? { executionOrder: 'v1' },
			};
			if (workflow.staticData) body.staticData = workflow.staticData;
			const created = await apiCall('POST', '/workflows', body);
			return { id: String(created.id), name: String(created.name), workflow: created };
		},

		async runWorkflow(workflowId, runOptions = {}) {
			const workflowData = await apiCall('GET', `/workflows/${encodeURIComponent(workflowId)}`);
			const nodes = (workflowData.nodes ?? []) as Array<{ name: string; type: string }>;
			const trigger =
				runOptions.triggerNode ??
				nodes.find((n) => /\.manualTrigger$/.test(n.type))?.name ??
				nodes.find((n) => /\.executeWorkflowTrigger$/.test(n.type))?.name;
			if (!trigger) {
				throw new Error(`workflow ${workflowId} has no Manual Trigger; pass { triggerNode } to start from another trigger`);
			}
			const started = await restCall('POST', `/workflows/${encodeURIComponent(workflowId)}/run`, {
				workflowData,
				triggerToStartFrom: { name: trigger },
			});
			const executionId = started?.executionId;
			if (!executionId) throw new Error(`the run did not start an execution: ${JSON.stringify(started).slice(0, 500)}`);
			const until = Date.now() + (runOptions.timeoutMs ?? 60_000);
			for (;;) {
				const r = await httpCall('GET', `${baseUrl}/api/v1/executions/${encodeURIComponent(executionId)}?includeData=true`, {
					headers: { 'X-N8N-API-KEY': apiKey },
				});
				if (r.status === 200) {
					const result = toExecutionResult(r.json);
					if (!UNFINISHED.has(result.status) || result.finished) return result;
				} else if (r.status !== 404) {
					throw new Error(`GET execution ${executionId} -> ${r.status}: ${r.text.slice(0, 500)}`);
				}
				if (Date.now() > until) throw new Error(`execution ${executionId} of workflow ${workflowId} did not finish in time`);
				await sleep(100);
			}
		},

		async publishWorkflow(workflowId, publishOptions = {}) {
			const id = encodeURIComponent(workflowId);
			const r = await httpCall('POST', `${baseUrl}/api/v1/workflows/${id}/publish`, { body: {}, headers: { 'X-N8N-API-KEY': apiKey } });
			if (r.status === 404 || r.status === 405) {
				await apiCall('POST', `/workflows/${id}/activate`); // n8n 1.x
			} else if (r.status < 200 || r.status >= 300) {
				throw new Error(`publish ${workflowId} -> ${r.status}: ${r.text.slice(0, 2000)}`);
			}
			// n8n 2.x activates triggers asynchronously (publication outbox); wait until they are live.
			const until = Date.now() + (publishOptions.timeoutMs ?? 30_000);
			for (;;) {
				const s = await httpCall('GET', `${baseUrl}/rest/workflows/${id}/publication-status`, { headers: cookieHeaders() });
				if (s.status === 404) return; // n8n 1.x: activation is synchronous
				const status = s.json?.data?.status;
				if (status === 'published') return;
				if (status === 'failed' || status === 'partial') {
					throw new Error(`publishing ${workflowId}: ${status}: ${JSON.stringify(s.json.data.triggers)}`);
				}
				if (Date.now() > until) throw new Error(`workflow ${workflowId} not published in time (status ${status ?? s.status})`);
				await sleep(100);
			}
		},

		async unpublishWorkflow(workflowId) {
			const id = encodeURIComponent(workflowId);
			const r = await httpCall('POST', `${baseUrl}/api/v1/workflows/${id}/unpublish`, { body: {}, headers: { 'X-N8N-API-KEY': apiKey } });
			if (r.status === 404 || r.status === 405) await apiCall('POST', `/workflows/${id}/deactivate`);
			else if (r.status < 200 || r.status >= 300) throw new Error(`unpublish ${workflowId} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		},

		webhookUrl(path) {
			return `${baseUrl}/webhook/${path.replace(/^\/+/, '')}`;
		},

		getExecution,
		getExecutions,

		async waitForExecutions(workflowId, count = 1, timeoutMs = 30_000) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const all = await getExecutions(workflowId);
				const done = all.filter((e) => !UNFINISHED.has(e.status) || e.finished);
				if (done.length >= count) return done;
				if (Date.now() > until) {
					throw new Error(`workflow ${workflowId}: ${done.length} of ${count} executions finished in ${timeoutMs} ms`);
				}
				await sleep(200);
			}
		},

		async testCredential(credential) {
			if (typeof credential === 'string') {
				const r = await httpCall('POST', `${baseUrl}/api/v1/credentials/${encodeURIComponent(credential)}/test`, {
					body: {},
					headers: { 'X-N8N-API-KEY': apiKey },
				});
				if (r.status === 200) return r.json as CredentialTestResult;
				const known = knownCredentials.find((k) => k.id === credential);
				if (r.status !== 404 || !known) throw new Error(`credential test ${credential} -> ${r.status}: ${r.text.slice(0, 1000)}`);
				// n8n 1.x has no public test endpoint: the editor's, which wants the data along with the id
				return (await restCall('POST', '/credentials/test', {
					credentials: { id: known.id, name: known.name, type: known.type, data: known.data },
				})) as CredentialTestResult;
			}
			const name = credential.name ?? 'e2e credential test';
			const r = await httpCall('POST', `${baseUrl}/rest/credentials/test`, {
				body: { credentials: { id: '', name, type: credential.type, data: credential.data } },
				headers: cookieHeaders(),
			});
			if (r.status === 200) return r.json.data as CredentialTestResult;
			if (r.status !== 403) throw new Error(`credential test -> ${r.status}: ${r.text.slice(0, 1000)}`);
			// n8n 1.x tests stored credentials only: store it for the test, then delete it
			const created = await postCredential(name, credential.type, credential.data);
			try {
				return (await restCall('POST', '/credentials/test', {
					credentials: { id: String(created.id), name, type: credential.type, data: credential.data },
				})) as CredentialTestResult;
			} finally {
				await apiCall('DELETE', `/credentials/${encodeURIComponent(String(created.id))}`).catch(() => undefined);
			}
		},

		async listNodeTypes(listOptions = {}) {
			const r = await httpCall('GET', `${baseUrl}/types/nodes.json`, { headers: cookieHeaders(), timeoutMs: 120_000 });
			if (r.status !== 200) throw new Error(`GET /types/nodes.json -> ${r.status}`);
			return (r.json as JsonObject[])
				.filter((d) => listOptions.all || String(d.name).startsWith(`${c.packageName}.`))
				.map((d) => ({
					name: String(d.name),
					displayName: String(d.displayName),
					version: d.version as number | number[],
					group: (d.group as string[]) ?? [],
					credentials: ((d.credentials as Array<{ name: string }>) ?? []).map((c) => c.name),
					description: d,
				}));
		},

		async listCredentialTypes() {
			const r = await httpCall('GET', `${baseUrl}/types/credentials.json`, { headers: cookieHeaders(), timeoutMs: 60_000 });
			if (r.status !== 200) throw new Error(`GET /types/credentials.json -> ${r.status}`);
			return (r.json as JsonObject[]).map((d) => ({
				name: String(d.name),
				displayName: String(d.displayName),
				supportedNodes: (d.supportedNodes as string[]) ?? [],
				description: d,
			}));
		},

		api: apiCall,
		rest: restCall,

		http(method, pathOrUrl, httpOptions = {}) {
			const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
			return httpCall(method, url, httpOptions);
		},

		logs: life.logs,
		stop: life.stop,
	};
	return instance;
}

/* ------------------------------------------------------------------------------------------------ */
/* One n8n per test run (jest globalSetup) or per test file                                         */
/* ------------------------------------------------------------------------------------------------ */

/** Env var naming the descriptor file of the run's shared n8n (set by `shareN8n`, read by `useN8n`). */
export const SHARED_ENV = 'N8N_E2E_SHARED';

/**
 * For a jest `globalSetup`: start one n8n for the whole run and publish its descriptor through
 * `process.env.N8N_E2E_SHARED` (test workers inherit it), so every `useN8n()` attaches to it instead of
 * starting its own. Pair with `unshareN8n` in `globalTeardown`.
 */
export async function shareN8n(options: StartOptions = {}): Promise<N8n> {
	const instance = await startN8n(options);
	const file = join(tmpdir(), 'n8n-nodes-reporting-e2e', `shared-${process.pid}.json`);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify((instance as N8n & { connection: Connection }).connection));
	process.env[SHARED_ENV] = file;
	(globalThis as { __n8nE2eShared?: N8n }).__n8nE2eShared = instance;
	return instance;
}

/** For a jest `globalTeardown`: stop the run's shared n8n. */
export async function unshareN8n(): Promise<void> {
	const holder = globalThis as { __n8nE2eShared?: N8n };
	await holder.__n8nE2eShared?.stop();
	holder.__n8nE2eShared = undefined;
	const file = process.env[SHARED_ENV];
	if (file) rmSync(file, { force: true });
	delete process.env[SHARED_ENV];
}

/** A client for the run's shared n8n (its `stop()` does nothing: the globalTeardown stops it). */
export function attachN8n(file = process.env[SHARED_ENV]): N8n {
	if (!file) throw new Error(`${SHARED_ENV} is not set: no shared n8n in this run`);
	const c = JSON.parse(readFileSync(file, 'utf8')) as Connection;
	return connect(c, {
		stop: async () => undefined,
		logs: () => {
			try {
				return readFileSync(c.logPath, 'utf8');
			} catch {
				return '';
			}
		},
	});
}

/**
 * Jest wiring for a test file. Returns a getter for the instance, raises the file's test timeout to
 * 120 s, and registers `beforeAll`/`afterAll`:
 * - when the run has a shared n8n (`shareN8n` in a globalSetup) and no options are given: attaches
 *   to it (nothing to start or stop; use unique workflow names and webhook paths, filter executions by
 *   workflow id);
 * - otherwise (or with options such as `env`/`flavor`): starts a private n8n for this file (generous
 *   timeout: the first run may install the runtime) and stops it after the file.
 */
export function useN8n(options: StartOptions = {}): () => N8n {
	let instance: N8n | undefined;
	let failure: unknown;
	jest.setTimeout(120_000);
	const shared = process.env[SHARED_ENV] && Object.keys(options).length === 0;
	beforeAll(async () => {
		try {
			instance = shared ? attachN8n() : await startN8n(options);
		} catch (err) {
			failure = err;
			throw err;
		}
	}, 20 * 60_000);
	afterAll(async () => {
		await instance?.stop();
	}, 60_000);
	return () => {
		if (!instance) throw new Error(`n8n did not start: ${failure instanceof Error ? failure.message : String(failure)}`);
		return instance;
	};
}

/** The node and credential types the root package.json declares (`n8n.nodes` / `n8n.credentials`). */
export function declaredTypes(): { nodes: string[]; credentials: string[] } {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const loadName = (file: string, kind: 'node' | 'credentials'): string => {
		const full = join(REPO_ROOT, file);
		if (!existsSync(full) || !statSync(full).isFile())
			throw new Error(`package.json n8n.${kind === 'node' ? 'nodes' : 'credentials'} lists ${file}, which is not built`);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(full) as Record<string, new () => { name?: string; description?: { name: string } }>;
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		if (!Cls) throw new Error(`${file} exports no class`);
		const inst = new Cls();
		return kind === 'node' ? `${pkg.name}.${inst.description!.name}` : String(inst.name);
	};
	return {
		nodes: (pkg.n8n?.nodes ?? []).map((f) => loadName(f, 'node')),
		credentials: (pkg.n8n?.credentials ?? []).map((f) => loadName(f, 'credentials')),
	};
}
