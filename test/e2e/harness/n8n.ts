/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * End-to-end harness: a REAL n8n with this package installed the way a user installs it (started by
 * dev/n8n/start.ts, pinned in dev/n8n/runtime), driven over HTTP by the one n8n client
 * (dev/n8n/client.ts), plus the jest wiring that shares one n8n per run or per test file.
 *
 * ```ts
 * import { useN8n } from './harness/n8n';
 *
 * const n8n = useN8n();          // beforeAll: start one n8n for this file; afterAll: stop it
 *
 * test('report runs', async () => {
 *   const [cred] = await n8n().importCredentials([{ name: 'Trust', type: 'trustApi', data: { apiKey: 'k', baseUrl: sim.url } }]);
 *   const wf = await n8n().importWorkflow(workflowJson);     // node credentials are re-pointed by name or old id
 *   const run = await n8n().runWorkflow(wf.id);              // manual run, waits until n8n stored it
 *   expect(run.status).toBe('success');
 *   expect(run.nodes['Trust']).toEqual([{ ... }]);           // json of the items on output 0
 *   expect(await n8n().testCredential(cred.id)).toEqual({ status: 'OK', message: expect.any(String) });
 * });
 * ```
 *
 * Build first (`npm run build`). Never start one n8n per test: `useN8n()` shares one per test file,
 * and with `global-setup.ts` + `global-teardown.ts` wired into the jest e2e project, one per run
 * (`useN8n()` without options then attaches to it; files that pass options still get their own).
 * What the client does (manual runs, publishing, credential tests, executions) is written at the top
 * of dev/n8n/client.ts; how n8n is started, and `N8N_E2E_FLAVOR` / `N8N_E2E_KEEP` / `N8N_E2E_LOG`,
 * at the top of dev/n8n/start.ts.
 *
 * Test suites outside this repository build on this file: it keeps exporting what it always did.
 */
import { mkdirSync, readFileSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { connect, startN8n, type Connection, type N8n, type StartOptions } from '../../../dev/n8n/start';
import { REPO_ROOT } from '../../../dev/n8n/runtime';

export type {
	CredentialInput,
	CredentialRef,
	CredentialTestResult,
	CredentialTypeInfo,
	ExecutionResult,
	HttpResult,
	JsonObject,
	NodeError,
	NodeTypeInfo,
	RunOptions,
	WorkflowRef,
} from '../../../dev/n8n/client';
export { toExecutionResult } from '../../../dev/n8n/client';
export { packPackage } from '../../../dev/n8n/runtime';
export { OFFLINE_ENV, startN8n, type Connection, type N8n, type StartOptions } from '../../../dev/n8n/start';

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
