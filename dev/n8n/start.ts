/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Starts a REAL n8n (pinned in dev/n8n/runtime, installed by dev/n8n/ensure.mjs into ~/.cache) with
 * this package installed the way a user installs it, and hands back the client (client.ts) for it.
 *
 * ```ts
 * const n8n = await startN8n();            // build first: `npm run build`
 * const wf = await n8n.importWorkflow(json);
 * const run = await n8n.runWorkflow(wf.id);
 * await n8n.stop();
 * ```
 *
 * - Packs the repository once per build (`npm pack`, cached by a hash of dist/ and package.json
 *   under os.tmpdir()), makes a temp user folder, `npm install <tgz>` into `<userFolder>/.n8n/nodes`,
 *   and starts `n8n start` on two free 127.0.0.1 ports (HTTP, task broker), offline-quiet.
 * - The first start on a runtime migrates a fresh SQLite database, creates the owner and an API key
 *   (~50 s), then snapshots that database as a template in the cache; later starts copy the template
 *   and skip the migrations (13-18 s on an idle 2-core machine). Never start one per test.
 * - The n8n version is printed once per start. `N8N_E2E_FLAVOR=n8n1` runs the pinned n8n 1.x on the
 *   machine's Node instead (dev/n8n/runtime-n8n1), `N8N_E2E_KEEP=1` keeps the user folder (its
 *   n8n.log) after stop, `N8N_E2E_LOG=1` streams n8n's output to stderr.
 * - `stop()`: SIGTERM to n8n's process group, SIGKILL after 15 s, temp folder removed. The watchdog
 *   (watchdog.js) and a process 'exit' hook (processes.ts) make sure no n8n or port is left behind
 *   when a test run fails or is interrupted.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { client, createApiKey, login, setupOwner, type N8nClient, type Owner } from './client';
import { cleanEnv, forget, freePort, httpCall, removeOnExit, sleep, startGroup, tailOf, type ProcessGroup } from './processes';
import { copyTemplate, ensureRuntime, installPackage, packPackage, readTemplate, REPO_ROOT, writeTemplate, type Flavor } from './runtime';

export interface StartOptions {
	/** Which pinned runtime: `n8n2` (dev/n8n/runtime, default) or `n8n1` (dev/n8n/runtime-n8n1). Env `N8N_E2E_FLAVOR`. */
	flavor?: Flavor;
	/** Extra environment for n8n (wins over the defaults). */
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

/** Where a running n8n is and how to talk to it; what a shared instance's descriptor file holds. */
export interface Connection {
	baseUrl: string;
	apiKey: string;
	/** `n8n-auth=...` of the owner. */
	cookie: string;
	version: string;
	nodeVersion: string;
	flavor: Flavor;
	packageName: string;
	userFolder: string;
	pid: number;
	startupMs: number;
	logPath: string;
}

/** A running n8n: the client plus what it is and how to stop it. */
export interface N8n extends N8nClient {
	/** `http://127.0.0.1:<port>` */
	readonly baseUrl: string;
	/** The running n8n's version, as it reports it (`/rest/settings`). */
	readonly version: string;
	/** Version of the Node running n8n. */
	readonly nodeVersion: string;
	readonly flavor: Flavor;
	/** The package under test (`n8n-nodes-reporting`), the prefix of its node types. */
	readonly packageName: string;
	readonly userFolder: string;
	/** The process group of n8n and its watchdog. */
	readonly pid: number;
	readonly apiKey: string;
	/** Milliseconds from spawn to ready. */
	readonly startupMs: number;
	/** n8n's stdout+stderr so far. */
	logs(): string;
	stop(): Promise<void>;
}

/** The owner every n8n started here has (the demo prints this login). */
export const OWNER: Owner = { email: 'owner@e2e.invalid', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

const ENCRYPTION_KEY = 'n8n-nodes-reporting-e2e-fixed-encryption-key';

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

/**
 * How every n8n started here runs, alone or in queue mode: on 127.0.0.1 only over plain HTTP, the
 * public API on (the client uses it), every finished execution kept so it can be read back, UTC.
 */
export const LOCAL_ENV: Record<string, string> = {
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	N8N_PUBLIC_API_DISABLED: 'false',
	N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_PRUNE: 'false',
	GENERIC_TIMEZONE: 'UTC',
	TZ: 'UTC',
};

function note(line: string): void {
	process.stderr.write(`[n8n] ${line}\n`);
}

/** The client for a running n8n described by `c`, with its own way to stop and read logs. */
export function connect(c: Connection, life: { stop(): Promise<void>; logs(): string }): N8n {
	return {
		...client(c, { packageName: c.packageName }),
		baseUrl: c.baseUrl,
		version: c.version,
		nodeVersion: c.nodeVersion,
		flavor: c.flavor,
		packageName: c.packageName,
		userFolder: c.userFolder,
		pid: c.pid,
		apiKey: c.apiKey,
		startupMs: c.startupMs,
		logs: life.logs,
		stop: life.stop,
	};
}

/** Start a real n8n with the packed package installed; see the top of this file. */
export async function startN8n(options: StartOptions = {}): Promise<N8n> {
	const flavor: Flavor = options.flavor ?? (process.env.N8N_E2E_FLAVOR === 'n8n1' ? 'n8n1' : 'n8n2');
	const keep = process.env.N8N_E2E_KEEP === '1';
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

	const t0 = Date.now();
	const [runtime, tgz] = await Promise.all([ensureRuntime(flavor), options.installPackage === false ? Promise.resolve('') : packPackage()]);

	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	const n8nFolder = join(userFolder, '.n8n');
	mkdirSync(n8nFolder, { recursive: true });
	if (!keep) removeOnExit(userFolder);
	const removeFolder = () => {
		forget(userFolder);
		if (keep) note(`kept n8n user folder ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	};
	let group: ProcessGroup | undefined;
	try {
		// 1. The package, installed the way a user's install lands (community-packages folder).
		if (tgz) await installPackage(tgz, userFolder);
		const prepareMs = Date.now() - t0;

		// 2. A migrated database with owner and API key, when a template exists.
		const template = options.useTemplate === false ? null : readTemplate(runtime);
		if (template) copyTemplate(runtime, n8nFolder);

		// 3. Start on free 127.0.0.1 ports.
		const port = await freePort();
		const brokerPort = await freePort([port]);
		const baseUrl = `http://127.0.0.1:${port}`;
		const env: NodeJS.ProcessEnv = {
			...cleanEnv(),
			PATH: `${dirname(runtime.nodeBin)}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			// production webhook base URL (2.x name; 1.x reads WEBHOOK_URL, deprecated in 2.x)
			...(flavor === 'n8n1' ? { WEBHOOK_URL: `${baseUrl}/` } : { N8N_WEBHOOK_URL: `${baseUrl}/` }),
			// n8n 1.123.8x defaults to the isolated-vm expression engine, whose isolated-vm@6 needs
			// Node >= 22; on the machine's Node 20 the pre-vm engine is the only one that starts.
			...(flavor === 'n8n1' ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			...LOCAL_ENV,
			...OFFLINE_ENV,
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			...(options.env ?? {}),
		};
		const spawnedAt = Date.now();
		const n8n = startGroup('n8n', runtime.nodeBin, [runtime.n8nBin, 'start'], {
			cwd: userFolder,
			env,
			logPath: join(userFolder, 'n8n.log'),
			nodeBin: runtime.nodeBin,
			...(keep ? {} : { removeWhenOrphaned: userFolder }),
			streamLogs: options.streamLogs ?? process.env.N8N_E2E_LOG === '1',
		});
		group = n8n;

		// 4. Ready: database migrated (/healthz/readiness) and the server fully started (log line).
		const timeoutMs = options.startTimeoutMs ?? 180_000;
		const deadline = spawnedAt + timeoutMs;
		let readySince = 0;
		for (;;) {
			const exited = n8n.exited();
			if (exited) throw new Error(`n8n exited during start-up (${JSON.stringify(exited)}); last log lines:\n${tailOf(n8n.logs())}`);
			if (Date.now() > deadline) throw new Error(`n8n was not ready after ${timeoutMs} ms; last log lines:\n${tailOf(n8n.logs())}`);
			const ready = await httpCall('GET', `${baseUrl}/healthz/readiness`, { timeoutMs: 2000 }).then(
				(r) => r.status === 200,
				() => false,
			);
			if (ready) {
				readySince ||= Date.now();
				if (/Editor is now accessible via/.test(n8n.logs()) || Date.now() - readySince > 15_000) break;
			}
			await sleep(250);
		}
		const startupMs = Date.now() - spawnedAt;

		// 5. Owner, cookie, API key.
		const cookie = template ? await login(baseUrl, OWNER) : await setupOwner(baseUrl, OWNER);
		let apiKey = template?.apiKey ?? '';
		if (apiKey) {
			const probe = await httpCall('GET', `${baseUrl}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': apiKey } });
			if (probe.status !== 200) apiKey = '';
		}
		if (!apiKey) {
			apiKey = await createApiKey({ baseUrl, cookie }, `e2e-${Date.now()}`);
			if (!template && options.useTemplate !== false) await writeTemplate(runtime, userFolder, { apiKey, owner: OWNER });
		}
		const settings = await client({ baseUrl, apiKey, cookie })
			.rest('GET', '/settings')
			.catch(() => ({}));
		const version: string = settings?.versionCli ?? runtime.version;

		note(
			`n8n ${version} (node ${runtime.nodeVersion}) ready at ${baseUrl} in ${(startupMs / 1000).toFixed(1)} s` +
				`${template ? ' (database template)' : ' (fresh database)'}; ` +
				`${tgz ? `${pkg.name}@${pkg.version} packed+installed from ${basename(tgz)}` : 'no package installed'} in ${(prepareMs / 1000).toFixed(1)} s before`,
		);

		// 6. The client.
		const connection: Connection = {
			baseUrl,
			apiKey,
			cookie,
			version,
			nodeVersion: runtime.nodeVersion,
			flavor,
			packageName: pkg.name,
			userFolder,
			pid: n8n.pgid,
			startupMs,
			logPath: n8n.logPath,
		};
		let stopping: Promise<void> | undefined;
		const instance = connect(connection, {
			stop() {
				stopping ??= n8n.stop('SIGTERM', 15_000).then(removeFolder);
				return stopping;
			},
			logs: n8n.logs,
		});
		// Not enumerable: the descriptor a shared instance's file holds (test/e2e/harness/n8n.ts, shareN8n).
		return Object.defineProperty(instance, 'connection', { value: connection, enumerable: false });
	} catch (err) {
		await group?.stop('SIGKILL', 5_000);
		removeFolder();
		throw err;
	}
}
