/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The one client of a running n8n, for the e2e harness, the queue-mode cluster, the demo and the
 * benchmarks: owner sign-in, credentials, workflows, manual runs, publishing, executions, n8n's own
 * credential test and the loaded types. It only talks HTTP; starting n8n is start.ts's job.
 *
 * ```ts
 * const cookie = await login(baseUrl, OWNER);                   // or setupOwner() on a fresh database
 * const apiKey = await createApiKey({ baseUrl, cookie }, 'e2e');
 * const n8n = client({ baseUrl, apiKey, cookie });
 * const [cred] = await n8n.importCredentials([{ name: 'Trust', type: 'trustApi', data: { ... } }]);
 * const wf = await n8n.importWorkflow(workflowJson);            // node credentials re-pointed by name or old id
 * const run = await n8n.runWorkflow(wf.id);                     // manual run, waits until n8n stored it
 * run.nodes['Trust'];                                           // json of the items on output 0
 * ```
 *
 * - `importCredentials` / `importWorkflow`: the public API (`POST /api/v1/credentials`,
 *   `/api/v1/workflows`). The CLI `import:*` commands are separate n8n processes (~20 s each, a
 *   second writer on the SQLite file), so they are not used.
 * - `runWorkflow(id)`: the editor's own manual run, `POST /rest/workflows/:id/run` with the owner's
 *   cookie, from its Manual Trigger (or `triggerNode`), then reads the saved execution back through
 *   the public API (see `isStored` for when it counts as saved). About 0.3 s for a small workflow.
 *   Not `n8n execute --id`: that boots a second n8n (~20 s, another task-broker port, a second
 *   SQLite writer) for every run.
 * - `publishWorkflow(id)`: public API publish (n8n 1.x: activate), then waits until n8n reports the
 *   triggers live (2.x publishes asynchronously; a production webhook answers 404 for a moment).
 * - `testCredential(id | {type, data})`: n8n's own credential test: a stored credential through the
 *   public API (`POST /api/v1/credentials/:id/test`), unsaved data like the editor's "Test" button
 *   (`POST /rest/credentials/test`); n8n 1.x fallbacks are built in.
 * - `api(method, path, body)` (public API, API key), `rest(method, path, body)` (internal REST,
 *   owner cookie) and `http(...)` (no auth, or `ownerHeaders(cookie)`) for anything else.
 */
import { httpCall, sleep, type HttpResult } from './processes';

export type { HttpResult };

export type JsonObject = Record<string, unknown>;

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** How to reach a running n8n as its owner. */
export interface Session {
	/** `http://127.0.0.1:<port>` */
	baseUrl: string;
	apiKey: string;
	/** `n8n-auth=...` of the owner. */
	cookie: string;
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

export interface WaitOptions {
	/** Also wait until none of the workflow's executions is still new or running (default false). */
	all?: boolean;
	/** Milliseconds between two looks (default 200). */
	pollMs?: number;
}

/** Everything a test, the demo or a benchmark does with a running n8n. */
export interface N8nClient {
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
	waitForExecutions(workflowId: string, count?: number, timeoutMs?: number, options?: WaitOptions): Promise<ExecutionResult[]>;
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
	http(method: string, pathOrUrl: string, options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<HttpResult>;
}

/* ------------------------------------------------------------------------------------------------ */
/* Signing in                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

/** n8n ties the auth cookie to the browser id it was issued with; every request sends the same one. */
const BROWSER_ID = 'n8n-nodes-reporting-dev';

/** Headers of a request made as the signed-in owner. */
export function ownerHeaders(cookie: string): Record<string, string> {
	return { cookie, 'browser-id': BROWSER_ID };
}

function authCookie(response: HttpResult): string | undefined {
	const set = response.headers['set-cookie'];
	return (Array.isArray(set) ? set : set ? [set] : []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
}

/** Signs in as `owner` (n8n 2.x reads `emailOrLdapLoginId`, 1.x `email`); resolves to the auth cookie. */
export async function login(baseUrl: string, owner: Pick<Owner, 'email' | 'password'>): Promise<string> {
	const response = await httpCall('POST', `${baseUrl}/rest/login`, {
		body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
		headers: { 'browser-id': BROWSER_ID },
	});
	const cookie = authCookie(response);
	if (response.status !== 200 || !cookie) {
		throw new Error(`login as ${owner.email} failed: ${response.status} ${response.text.slice(0, 500)}`);
	}
	return cookie;
}

/** Creates the owner of a fresh n8n and resolves to their auth cookie. */
export async function setupOwner(baseUrl: string, owner: Owner): Promise<string> {
	const setup = await httpCall('POST', `${baseUrl}/rest/owner/setup`, { body: owner, headers: { 'browser-id': BROWSER_ID } });
	if (setup.status !== 200) throw new Error(`owner setup failed: ${setup.status} ${setup.text.slice(0, 500)}`);
	return authCookie(setup) ?? (await login(baseUrl, owner));
}

/** A new API key of the signed-in owner, with every scope n8n offers (1.x has no scopes). */
export async function createApiKey(session: Omit<Session, 'apiKey'>, label: string): Promise<string> {
	const { rest } = client({ ...session, apiKey: '' });
	const scopes = await rest('GET', '/api-keys/scopes').catch(() => undefined);
	const created = await rest('POST', '/api-keys', { label, expiresAt: null, ...(Array.isArray(scopes) ? { scopes } : {}) });
	const apiKey = created?.rawApiKey ?? created?.apiKey;
	if (!apiKey) throw new Error(`no API key in ${JSON.stringify(created).slice(0, 300)}`);
	return String(apiKey);
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

/** The execution row says it ended (any status but new/running). */
function isFinished(raw: JsonObject): boolean {
	return !UNFINISHED.has(String(raw.status ?? (raw.finished ? 'success' : 'unknown'))) || raw.finished === true;
}

/**
 * The execution ended and n8n has stored its outcome. A success or error always carries run data
 * naming the last node that ran, or the error. n8n 1.x on SQLite (its default legacy driver, pool
 * size 0) writes the execution row (status, finished) and its data in two statements with no
 * transaction (`ExecutionRepository.updateExistingExecution`), so a read between the two sees the
 * final status with the data stored when the run began: none. n8n 2.x writes both in one
 * transaction. Crashed and canceled executions may never get data, so they count as they are.
 */
function isStored(raw: JsonObject): boolean {
	if (!isFinished(raw)) return false;
	const status = String(raw.status ?? 'success');
	if (status !== 'success' && status !== 'error') return true;
	const resultData = (raw.data as { resultData?: { lastNodeExecuted?: unknown; error?: unknown } } | undefined)?.resultData;
	return resultData?.lastNodeExecuted !== undefined || resultData?.error !== undefined;
}

/* ------------------------------------------------------------------------------------------------ */
/* The client                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

/** A client of the n8n at `session.baseUrl`; `packageName` narrows `listNodeTypes()` to the package. */
export function client(session: Session, options: { packageName?: string } = {}): N8nClient {
	const { baseUrl, apiKey } = session;
	const knownCredentials: Array<CredentialRef & { oldId?: string; data: JsonObject }> = [];
	const asOwner = () => ownerHeaders(session.cookie);
	const withApiKey = () => ({ 'X-N8N-API-KEY': apiKey });

	const rest = async (method: string, path: string, body?: unknown): Promise<any> => {
		const r = await httpCall(method, `${baseUrl}/rest${path}`, { body, headers: asOwner() });
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} /rest${path} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		return r.json && typeof r.json === 'object' && 'data' in r.json ? r.json.data : r.json;
	};

	const api = async (method: string, path: string, body?: unknown): Promise<any> => {
		const r = await httpCall(method, `${baseUrl}/api/v1${path}`, { body, headers: withApiKey() });
		if (r.status < 200 || r.status >= 300) throw new Error(`${method} /api/v1${path} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		return r.json;
	};

	/** Every execution of a workflow as the public API lists them (newest first), pages followed. */
	const listExecutions = async (workflowId: string, includeData: boolean): Promise<JsonObject[]> => {
		const out: JsonObject[] = [];
		let cursor: string | undefined;
		do {
			const page = await api(
				'GET',
				`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&limit=${includeData ? 100 : 250}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			out.push(...(page.data as JsonObject[]));
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return out;
	};

	const getExecution = async (executionId: string) =>
		toExecutionResult(await api('GET', `/executions/${encodeURIComponent(executionId)}?includeData=true`));

	const getExecutions = async (workflowId: string) => (await listExecutions(workflowId, true)).map(toExecutionResult);

	/**
	 * `POST /api/v1/credentials`. n8n 1.x's schema for it wants the HTTP-request domain choice of the
	 * credential types it adds one to (the editor defaults it to "all"): without it the 400 asks for
	 * `allowedDomains`; then it is sent again with `allowedHttpRequestDomains: 'all'`.
	 */
	const postCredential = async (name: string, type: string, data: JsonObject): Promise<any> => {
		try {
			return await api('POST', '/credentials', { name, type, data });
		} catch (err) {
			if ('allowedHttpRequestDomains' in data || !/requires property \\"allowedDomains\\"/.test((err as Error).message)) throw err;
			return await api('POST', '/credentials', { name, type, data: { ...data, allowedHttpRequestDomains: 'all' } });
		}
	};

	return {
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
				name: workflow.name ?? `workflow ${Date.now()}`,
				nodes,
				connections: workflow.connections ?? {},
				settings: workflow.settings ?? { executionOrder: 'v1' },
			};
			if (workflow.staticData) body.staticData = workflow.staticData;
			const created = await api('POST', '/workflows', body);
			return { id: String(created.id), name: String(created.name), workflow: created };
		},

		async runWorkflow(workflowId, runOptions = {}) {
			const workflowData = await api('GET', `/workflows/${encodeURIComponent(workflowId)}`);
			const nodes = (workflowData.nodes ?? []) as Array<{ name: string; type: string }>;
			const trigger =
				runOptions.triggerNode ??
				nodes.find((n) => /\.manualTrigger$/.test(n.type))?.name ??
				nodes.find((n) => /\.executeWorkflowTrigger$/.test(n.type))?.name;
			if (!trigger) {
				throw new Error(`workflow ${workflowId} has no Manual Trigger; pass { triggerNode } to start from another trigger`);
			}
			const started = await rest('POST', `/workflows/${encodeURIComponent(workflowId)}/run`, {
				workflowData,
				triggerToStartFrom: { name: trigger },
			});
			const executionId = started?.executionId;
			if (!executionId) throw new Error(`the run did not start an execution: ${JSON.stringify(started).slice(0, 500)}`);
			const until = Date.now() + (runOptions.timeoutMs ?? 60_000);
			let last: JsonObject | undefined;
			for (;;) {
				// 404 until n8n has written the execution (1.x inserts its row and its data separately).
				const r = await httpCall('GET', `${baseUrl}/api/v1/executions/${encodeURIComponent(executionId)}?includeData=true`, {
					headers: withApiKey(),
				});
				if (r.status === 200) {
					last = r.json as JsonObject;
					if (isStored(last)) return toExecutionResult(last);
				} else if (r.status !== 404) {
					throw new Error(`GET execution ${executionId} -> ${r.status}: ${r.text.slice(0, 500)}`);
				}
				if (Date.now() > until) {
					const state = last && isFinished(last) ? `ended (${String(last.status)}) but n8n stored no run data for it` : 'did not finish';
					throw new Error(`execution ${executionId} of workflow ${workflowId} ${state} in time`);
				}
				await sleep(100);
			}
		},

		async publishWorkflow(workflowId, publishOptions = {}) {
			const id = encodeURIComponent(workflowId);
			const r = await httpCall('POST', `${baseUrl}/api/v1/workflows/${id}/publish`, { body: {}, headers: withApiKey() });
			if (r.status === 404 || r.status === 405) {
				await api('POST', `/workflows/${id}/activate`); // n8n 1.x
			} else if (r.status < 200 || r.status >= 300) {
				throw new Error(`publish ${workflowId} -> ${r.status}: ${r.text.slice(0, 2000)}`);
			}
			// n8n 2.x activates triggers asynchronously (publication outbox); wait until they are live.
			const until = Date.now() + (publishOptions.timeoutMs ?? 30_000);
			for (;;) {
				const s = await httpCall('GET', `${baseUrl}/rest/workflows/${id}/publication-status`, { headers: asOwner() });
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
			const r = await httpCall('POST', `${baseUrl}/api/v1/workflows/${id}/unpublish`, { body: {}, headers: withApiKey() });
			if (r.status === 404 || r.status === 405) await api('POST', `/workflows/${id}/deactivate`);
			else if (r.status < 200 || r.status >= 300) throw new Error(`unpublish ${workflowId} -> ${r.status}: ${r.text.slice(0, 2000)}`);
		},

		webhookUrl(path) {
			return `${baseUrl}/webhook/${path.replace(/^\/+/, '')}`;
		},

		getExecution,
		getExecutions,

		async waitForExecutions(workflowId, count = 1, timeoutMs = 30_000, waitOptions = {}) {
			const until = Date.now() + timeoutMs;
			let seen = { finished: 0, all: 0 };
			for (;;) {
				// Looked at without run data (cheap), read with data once enough have finished.
				const listed = await listExecutions(workflowId, false);
				seen = { finished: listed.filter(isFinished).length, all: listed.length };
				if (seen.finished >= count && (!waitOptions.all || seen.finished === seen.all)) {
					const read = await listExecutions(workflowId, true);
					const stored = read.filter(isStored);
					if (stored.length >= count && (!waitOptions.all || stored.length === read.length)) return stored.map(toExecutionResult);
				}
				if (Date.now() > until) {
					throw new Error(`workflow ${workflowId}: ${seen.finished} of ${count} executions finished (${seen.all} exist) in ${timeoutMs} ms`);
				}
				await sleep(waitOptions.pollMs ?? 200);
			}
		},

		async testCredential(credential) {
			if (typeof credential === 'string') {
				const r = await httpCall('POST', `${baseUrl}/api/v1/credentials/${encodeURIComponent(credential)}/test`, {
					body: {},
					headers: withApiKey(),
				});
				if (r.status === 200) return r.json as CredentialTestResult;
				const known = knownCredentials.find((k) => k.id === credential);
				if (r.status !== 404 || !known) throw new Error(`credential test ${credential} -> ${r.status}: ${r.text.slice(0, 1000)}`);
				// n8n 1.x has no public test endpoint: the editor's, which wants the data along with the id
				return (await rest('POST', '/credentials/test', {
					credentials: { id: known.id, name: known.name, type: known.type, data: known.data },
				})) as CredentialTestResult;
			}
			const name = credential.name ?? 'credential test';
			const r = await httpCall('POST', `${baseUrl}/rest/credentials/test`, {
				body: { credentials: { id: '', name, type: credential.type, data: credential.data } },
				headers: asOwner(),
			});
			if (r.status === 200) return r.json.data as CredentialTestResult;
			if (r.status !== 403) throw new Error(`credential test -> ${r.status}: ${r.text.slice(0, 1000)}`);
			// n8n 1.x tests stored credentials only: store it for the test, then delete it
			const created = await postCredential(name, credential.type, credential.data);
			try {
				return (await rest('POST', '/credentials/test', {
					credentials: { id: String(created.id), name, type: credential.type, data: credential.data },
				})) as CredentialTestResult;
			} finally {
				await api('DELETE', `/credentials/${encodeURIComponent(String(created.id))}`).catch(() => undefined);
			}
		},

		async listNodeTypes(listOptions = {}) {
			const r = await httpCall('GET', `${baseUrl}/types/nodes.json`, { headers: asOwner(), timeoutMs: 120_000 });
			if (r.status !== 200) throw new Error(`GET /types/nodes.json -> ${r.status}`);
			return (r.json as JsonObject[])
				.filter((d) => listOptions.all || !options.packageName || String(d.name).startsWith(`${options.packageName}.`))
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
			const r = await httpCall('GET', `${baseUrl}/types/credentials.json`, { headers: asOwner(), timeoutMs: 60_000 });
			if (r.status !== 200) throw new Error(`GET /types/credentials.json -> ${r.status}`);
			return (r.json as JsonObject[]).map((d) => ({
				name: String(d.name),
				displayName: String(d.displayName),
				supportedNodes: (d.supportedNodes as string[]) ?? [],
				description: d,
			}));
		},

		api,
		rest,

		http(method, pathOrUrl, httpOptions = {}) {
			const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
			return httpCall(method, url, httpOptions);
		},
	};
}
