/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Reliability in a REAL n8n 2.41 with the packed package (test/e2e/harness/n8n.ts) and the
 * simulators of dev/simulators, one n8n for the file, in this order:
 *
 * 1. fuzz: 1,000 seeded malformed and forged requests per webhook trigger (test/support/fuzz.ts)
 *    over raw HTTP to the published Production URL, valid deliveries mixed in: n8n stays healthy in
 *    the same process, logs no unhandled rejection or crash, answers 5xx only where n8n's own body
 *    reader refuses first, runs exactly the valid deliveries, still runs one valid delivery after
 *    the corpus once, and every execution is readable through the API;
 * 2. canary: credentials holding canary secrets, runs including a provider 302 to another origin:
 *    the canary is in no stored execution, not in n8n's log, not in the SQLite files, and the
 *    other origin received no secret header;
 * 3. burst: 200 distinct 4YouSee notifications, each delivered 3 times, in bursts of 50: runs,
 *    duplicates, missing, 429s seen by the simulator, acknowledgement times.
 *
 * Figures are printed as `[reliability] ...` and written to .tmp/reliability/figures.json.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';

import { FourYouSeeSimulator, type SimReport } from '../../dev/simulators/fouryousee/server';
import { ReporteiSimulator } from '../../dev/simulators/reportei/simulator';
import { CALLBACK_PARAMETER, signCallbackToken } from '../../nodes/ReporteiConnect/metrics';
import { asN8nDelivers, FUZZ_TARGETS, fuzzRequests, N8N_PAYLOAD_SIZE_MAX, rng, type FuzzRequest } from '../support/fuzz';
import { manualWorkflow } from '../support/workflow';
import { startServer, type LocalServer } from '../unit/shared/local-server';
import { useN8n, type JsonObject, type WorkflowRef } from '../e2e/harness/n8n';

const n8n = useN8n({ env: { N8N_LOG_LEVEL: 'info' } });
// After useN8n, which sets its own 120 s.
jest.setTimeout(40 * 60_000);

const SEED = 20261202;
const CASES = Number(process.env.RELIABILITY_FUZZ_CASES ?? 1000);
const PKG = 'n8n-nodes-reporting';
const FIGURES: JsonObject = { date: new Date().toISOString() };

function figure(name: string, value: unknown): void {
	FIGURES[name] = value;
	process.stderr.write(`[reliability] ${name}: ${JSON.stringify(value)}\n`);
}

afterAll(() => {
	const dir = join(__dirname, '..', '..', '.tmp', 'reliability');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'figures.json'), `${JSON.stringify(FIGURES, null, 2)}\n`);
});

/* ------------------------------------------------------------------------------------------------ */

/** The request exactly as the corpus has it, lying headers included, over one raw connection. */
function rawSend(url: string, r: FuzzRequest, timeoutMs = 30_000): Promise<number | undefined> {
	const target = new URL(url);
	const query = new URLSearchParams();
	for (const [k, v] of Object.entries(r.query)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
	const search = query.toString();
	const head =
		`${r.method} ${target.pathname}${search ? `?${search}` : ''} HTTP/1.1\r\n` +
		`host: ${target.host}\r\nconnection: close\r\n` +
		Object.entries(r.headers)
			.map(([k, v]) => `${k}: ${v}`)
			.join('\r\n') +
		'\r\n\r\n';
	return new Promise((resolve) => {
		const socket = netConnect(Number(target.port), target.hostname);
		let text = '';
		const done = (status: number | undefined) => {
			socket.destroy();
			resolve(status);
		};
		const timer = setTimeout(() => done(undefined), timeoutMs);
		socket.on('connect', () => {
			socket.write(head);
			socket.write(r.body);
		});
		socket.on('data', (chunk: Buffer) => {
			text += chunk.toString('latin1');
			const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
			if (m) {
				clearTimeout(timer);
				done(Number(m[1]));
			}
		});
		socket.on('error', () => {
			clearTimeout(timer);
			done(undefined);
		});
		socket.on('close', () => {
			clearTimeout(timer);
			done(undefined);
		});
	});
}

function validRequest(body: unknown, query: Record<string, string> = {}): FuzzRequest {
	const bytes = Buffer.from(JSON.stringify(body));
	return { label: 'valid', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) }, query, body: bytes };
}

async function pool<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await work(items[i], i);
			}
		}),
	);
	return out;
}

/** n8n answers, in the same process as at the start, and has logged no crash. */
async function expectHealthy(startLogs: { banners: number }): Promise<void> {
	const health = await n8n().http('GET', '/healthz');
	expect(health.status).toBe(200);
	expect(() => process.kill(-n8n().pid, 0)).not.toThrow();
	const logs = n8n().logs();
	expect((logs.match(/Editor is now accessible via/g) ?? []).length).toBe(startLogs.banners);
	expect(logs).not.toMatch(/unhandled ?rejection|uncaught ?exception|FATAL ERROR|heap out of memory|Segmentation fault/i);
}

async function settledExecutions(workflowId: string, quietMs = 4000, maxMs = 5 * 60_000) {
	const until = Date.now() + maxMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const list = (await n8n().api('GET', `/executions?workflowId=${encodeURIComponent(workflowId)}&limit=250`)) as { data: JsonObject[] };
		const running = list.data.filter((e) => e.status === 'running' || e.status === 'new').length;
		if (list.data.length !== last || running > 0) {
			last = list.data.length;
			stableSince = Date.now();
		} else if (Date.now() - stableSince > quietMs) break;
		if (Date.now() > until) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	return await n8n().getExecutions(workflowId);
}

async function trigger(name: string, type: string, credentials: JsonObject, parameters: JsonObject): Promise<{ wf: WorkflowRef; webhookId: string }> {
	const webhookId = randomUUID();
	const wf = await n8n().importWorkflow({
		name,
		nodes: [{ id: randomUUID(), name: 'Trigger', type, typeVersion: 1, position: [0, 0], webhookId, parameters, credentials }],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(wf.id);
	return { wf, webhookId };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/* ------------------------------------------------------------------------------------------------ */

let fys: FourYouSeeSimulator;
let reportei: ReporteiSimulator;
let banners = 1;

beforeAll(async () => {
	fys = await new FourYouSeeSimulator({ timeScale: 0.005 }).start();
	reportei = await new ReporteiSimulator({ timeScale: 0.001, sessionTimeScale: 1 }).start();
	banners = (n8n().logs().match(/Editor is now accessible via/g) ?? []).length;
});

afterAll(async () => {
	await fys?.stop();
	await reportei?.stop();
});

describe('fuzz corpora over HTTP to the published triggers', () => {
	async function runCorpus(
		name: string,
		mixed: Array<{ request: FuzzRequest; valid?: string }>,
		url: string,
		workflowId: string,
		runId: (execution: JsonObject) => string,
		width: number,
	) {
		const started = Date.now();
		const problems: string[] = [];
		const statuses = new Map<string, number>();
		let n8nOwn5xx = 0;
		await pool(mixed, width, async ({ request, valid }) => {
			const status = await rawSend(url, request);
			const key = String(status ?? 'none');
			statuses.set(key, (statuses.get(key) ?? 0) + 1);
			const delivered = asN8nDelivers(request);
			// n8n answers these itself, before any node code runs: a method the trigger did not register
			// (only POST is), a declared length over its payload limit, a body its reader refuses.
			const refusedByN8n =
				'refusedBy' in delivered || request.method !== 'POST' || Number(request.headers['content-length']) > N8N_PAYLOAD_SIZE_MAX;
			if (refusedByN8n && status !== undefined && status >= 500) n8nOwn5xx++;
			if (status !== undefined && status >= 500 && !refusedByN8n) problems.push(`${request.label}: ${status}`);
			if (valid && status !== 200) problems.push(`valid ${valid}: ${String(status)}`);
		});
		const executions = await settledExecutions(workflowId);
		const ran = executions.map((e) => runId(e.nodes.Trigger?.[0] ?? {}));
		const expected = mixed.filter((m) => m.valid).map((m) => m.valid!);
		figure(`fuzz ${name}`, {
			requests: mixed.length,
			valid: expected.length,
			runs: ran.length,
			seconds: Math.round((Date.now() - started) / 1000),
			statuses: Object.fromEntries([...statuses].sort()),
			n8nOwn5xx,
		});
		expect(problems).toEqual([]);
		expect(ran.sort()).toEqual([...expected].sort());
		// Every execution stays readable through the public API and the editor's REST API.
		for (const e of executions) {
			expect((await n8n().getExecution(e.id)).status).toBe('success');
			const rest = (await n8n().rest('GET', `/executions/${e.id}`)) as JsonObject;
			expect(String(rest.id)).toBe(e.id);
		}
		await expectHealthy({ banners });
	}

	test('4YouSee Trigger: 1,000 fuzzed requests, valid notifications mixed in', async () => {
		const token = `fuzz-token-${randomUUID()}`;
		fys.tokens.set(token, fys.store.account);
		const [cred] = await n8n().importCredentials([{ name: '4YouSee fuzz', type: 'fourYouSeeApi', data: { secretToken: token, baseUrl: fys.apiUrl } }]);
		const { wf, webhookId } = await trigger('reliability: 4YouSee fuzz', `${PKG}.fourYouSeeTrigger`, { fourYouSeeApi: { id: cred.id, name: cred.name } }, { event: 'any' });
		const url = n8n().webhookUrl(`${webhookId}/webhook`);
		const reports = fys.seedReports(CASES / 50 + 1);
		const known = new Set(fys.store.reports.map((r) => String(r.id)));
		const idOf = (r: FuzzRequest) => /"id":\s*"?\s*(\d+)/.exec(r.body.toString('latin1'))?.[1];
		const mixed: Array<{ request: FuzzRequest; valid?: string }> = [];
		fuzzRequests(FUZZ_TARGETS.fourYouSeeTrigger, { seed: SEED, count: CASES }).forEach((request, i) => {
			const id = idOf(request);
			mixed.push({ request: id && known.has(id) ? { ...request, body: Buffer.from('{"id":"not-a-report"}') } : request });
			if (i % 50 === 0) {
				const report = reports[i / 50 + 1];
				mixed.push({ request: validRequest(fys.notificationBody(report)), valid: String(report.id) });
			}
		});
		const deep = `{"id": 1, "deep": ${'['.repeat(5000)}1${']'.repeat(5000)}}`;
		mixed.push({ request: { ...validRequest({}), body: Buffer.from(deep), headers: { 'content-type': 'application/json', 'content-length': String(deep.length) }, label: 'nesting/5000' } });
		// Sequential per valid ID (a duplicate in flight is answered before the read ends).
		await runCorpus('fourYouSeeTrigger', mixed, url, wf.id, (item) => String(item.id), 6);

		// One more valid notification after the corpus: one run.
		const last = reports[0];
		expect(await fys.notify(last.id, { url })).toBe(200);
		expect(await fys.notify(last.id, { url })).toBe(200);
		const executions = await settledExecutions(wf.id);
		expect(executions.filter((e) => String(e.nodes.Trigger?.[0]?.id) === String(last.id))).toHaveLength(1);
		await n8n().unpublishWorkflow(wf.id);
	});

	test('Reportei Connect Trigger: 1,000 fuzzed callbacks, foreign and expired tokens, valid callbacks mixed in', async () => {
		const [cred] = await n8n().importCredentials([
			{ name: 'Reportei fuzz', type: 'reporteiConnectApi', data: { accessToken: reportei.merchantToken, baseUrl: reportei.apiUrl } },
		]);
		const creds = { reporteiConnectApi: { id: cred.id, name: cred.name } };
		const { wf, webhookId } = await trigger('reliability: Reportei fuzz', `${PKG}.reporteiConnectTrigger`, creds, {});
		const other = await trigger('reliability: Reportei other trigger', `${PKG}.reporteiConnectTrigger`, creds, {});
		const url = n8n().webhookUrl(`${webhookId}/reportei-metrics`);
		const secret = reportei.merchantToken;
		const r = rng(SEED);
		const body = () => FUZZ_TARGETS.reporteiConnectTrigger.validBody(r);
		const mixed: Array<{ request: FuzzRequest; valid?: string }> = [];
		fuzzRequests(FUZZ_TARGETS.reporteiConnectTrigger, { seed: SEED, count: CASES }).forEach((request, i) => {
			mixed.push({ request });
			if (i % 50 !== 0) return;
			const id = randomUUID();
			mixed.push({ request: validRequest(body(), { [CALLBACK_PARAMETER]: signCallbackToken(secret, webhookId, id) }), valid: id });
			mixed.push({ request: { ...validRequest(body(), { [CALLBACK_PARAMETER]: signCallbackToken(secret, other.webhookId) }), label: 'foreign trigger' } });
			mixed.push({ request: { ...validRequest(body(), { [CALLBACK_PARAMETER]: signCallbackToken('another-merchant', webhookId) }), label: 'foreign credential' } });
			mixed.push({
				request: { ...validRequest(body(), { [CALLBACK_PARAMETER]: signCallbackToken(secret, webhookId, randomUUID(), Date.now() - 25 * 3_600_000) }), label: 'expired' },
			});
		});
		await runCorpus('reporteiConnectTrigger', mixed, url, wf.id, (item) => String(item.request_id), 8);
		expect(await n8n().getExecutions(other.wf.id)).toHaveLength(0);

		const id = randomUUID();
		const token = signCallbackToken(secret, webhookId, id);
		for (let i = 0; i < 2; i++) expect(await rawSend(url, validRequest(body(), { [CALLBACK_PARAMETER]: token }))).toBe(200);
		const executions = await settledExecutions(wf.id);
		expect(executions.filter((e) => e.nodes.Trigger?.[0]?.request_id === id)).toHaveLength(1);
		await n8n().unpublishWorkflow(wf.id);
		await n8n().unpublishWorkflow(other.wf.id);
	});
});

describe('canary secret', () => {
	let elsewhere: LocalServer;
	beforeAll(async () => {
		elsewhere = await startServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"id": 1, "status": "success"}');
		});
	});
	afterAll(async () => {
		await elsewhere?.close();
	});

	test('no canary in stored executions, the log or the database; nothing secret reaches another origin', async () => {
		const canary = `CANARY-${randomUUID()}`;
		fys.tokens.set(canary, fys.store.account);
		const [cred] = await n8n().importCredentials([{ name: '4YouSee canary', type: 'fourYouSeeApi', data: { secretToken: canary, baseUrl: fys.apiUrl } }]);
		const credentials = { fourYouSeeApi: { id: cred.id, name: cred.name } };
		const [report] = fys.seedReports(1);
		const step = (name: string, parameters: JsonObject) => ({ name, type: `${PKG}.fourYouSee`, typeVersion: 2, parameters: { resource: 'report', ...parameters }, credentials, continueOnFail: true });
		const wf = await n8n().importWorkflow(
			manualWorkflow(
				[
					step('Get', { operation: 'get', reportId: String(report.id) }),
					step('Plays', { operation: 'getPlaylogs', reportId: String(report.id), output: 'summary', groupBy: ['mediaId'] }),
					step('Unknown', { operation: 'get', reportId: '999' }),
				],
				{ name: 'reliability: canary runs' },
			),
		);
		const ok = await n8n().runWorkflow(wf.id);
		expect(ok.status).toBe('success');
		expect(ok.nodes.Plays.length).toBeGreaterThan(0);

		// The provider answers a read with a 302 to another origin.
		fys.injectFault({ method: 'GET', path: '/v1/reports/:id', status: 302, headers: { location: `${elsewhere.url}/v1/reports/${report.id}` }, times: 10 });
		const redirected = await n8n().importWorkflow(manualWorkflow(step('Redirected', { operation: 'get', reportId: String(report.id) }), { name: 'reliability: canary redirect' }));
		const run = await n8n().runWorkflow(redirected.id);
		const item = run.nodes.Redirected?.[0] ?? {};
		expect(String(item.error ?? run.error?.message ?? '')).toMatch(/redirect|another|origin|host/i);
		// A wrong-token credential test and a failing run put the token in no message either.
		await n8n().testCredential(cred.id);

		const leaks: string[] = [];
		for (const id of [wf.id, redirected.id]) {
			for (const e of await n8n().getExecutions(id)) if (JSON.stringify(e.raw).includes(canary)) leaks.push(`execution ${e.id}`);
		}
		if (n8n().logs().includes(canary)) leaks.push('n8n log');
		const dir = join(n8n().userFolder, '.n8n');
		const needles = [canary, Buffer.from(canary).toString('base64')];
		let dbFiles = 0;
		for (const file of readdirSync(dir).filter((f) => /^database\.sqlite/.test(f))) {
			dbFiles++;
			const bytes = readFileSync(join(dir, file));
			for (const needle of needles) if (bytes.includes(Buffer.from(needle)) || bytes.includes(Buffer.from(needle, 'utf16le'))) leaks.push(`${file} (${needle === canary ? 'plain' : 'base64'})`);
		}
		expect(dbFiles).toBeGreaterThan(0);
		expect(existsSync(join(dir, 'database.sqlite'))).toBe(true);
		const secretHeaders = elsewhere.requests.filter((r) => JSON.stringify(r.headers).includes(canary) || r.headers['secret-token'] !== undefined);
		figure('canary', { leaks, requestsToOtherOrigin: elsewhere.requests.length, secretHeadersToOtherOrigin: secretHeaders.length, databaseFiles: dbFiles });
		expect(leaks).toEqual([]);
		expect(secretHeaders).toEqual([]);
	});
});

describe('burst of 4YouSee notifications', () => {
	test('200 distinct notifications, each delivered 3 times, in bursts of 50', async () => {
		const token = `burst-token-${randomUUID()}`;
		fys.tokens.set(token, fys.store.account);
		const [cred] = await n8n().importCredentials([{ name: '4YouSee burst', type: 'fourYouSeeApi', data: { secretToken: token, baseUrl: fys.apiUrl } }]);
		const { wf, webhookId } = await trigger('reliability: 4YouSee burst', `${PKG}.fourYouSeeTrigger`, { fourYouSeeApi: { id: cred.id, name: cred.name } }, { event: 'success' });
		const url = n8n().webhookUrl(`${webhookId}/webhook`);
		const reports: SimReport[] = fys.seedReports(200);
		const r = rng(SEED);
		const deliveries = reports.flatMap((report) => [report, report, report]);
		for (let i = deliveries.length - 1; i > 0; i--) {
			const j = r.int(i + 1);
			[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
		}
		const before429 = fys.count({ status: 429 });
		const acks: number[] = [];
		const statuses = new Map<string, number>();
		const started = Date.now();
		for (let at = 0; at < deliveries.length; at += 50) {
			await Promise.all(
				deliveries.slice(at, at + 50).map(async (report) => {
					const t = Date.now();
					const status = await fys.notify(report.id, { url }).catch(() => undefined);
					acks.push(Date.now() - t);
					statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
				}),
			);
		}
		const executions = await settledExecutions(wf.id, 6000, 10 * 60_000);
		const seen = new Map<string, number>();
		for (const e of executions) {
			const id = String(e.nodes.Trigger?.[0]?.id);
			seen.set(id, (seen.get(id) ?? 0) + 1);
		}
		const duplicates = [...seen.values()].reduce((s, n) => s + (n > 1 ? n - 1 : 0), 0);
		const missing = reports.filter((rep) => !seen.has(String(rep.id))).length;
		const sorted = [...acks].sort((a, b) => a - b);
		const figures = {
			deliveries: deliveries.length,
			runs: executions.length,
			duplicates,
			missing,
			simulator429s: fys.count({ status: 429 }) - before429,
			ackMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), max: sorted[sorted.length - 1] },
			statuses: Object.fromEntries(statuses),
			seconds: Math.round((Date.now() - started) / 1000),
		};
		figure('burst', figures);
		await n8n().unpublishWorkflow(wf.id);
		await expectHealthy({ banners });
		expect({ runs: figures.runs, duplicates, missing }).toEqual({ runs: 200, duplicates: 0, missing: 0 });
		expect(figures.simulator429s).toBe(0);
		expect(figures.ackMs.p90).toBeLessThan(5000);
	});
});

