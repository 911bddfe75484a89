/**
 * Both webhook triggers over 1,000 seeded malformed and forged requests each (test/support/fuzz.ts,
 * fixed seed), with valid deliveries mixed in, through the engine's webhook runner and what n8n's
 * body reader makes of each request. On top of test/engine/shared/webhook-fuzz.test.ts (never
 * throws, never 5xx) this checks which requests start runs: exactly the valid ones (a finished
 * report of the account; a token signed for THIS trigger), each once; 5,000-level nesting, tokens
 * signed for another trigger and expired tokens start nothing; and after the corpus one more valid
 * delivery still starts exactly one run.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';
import { CALLBACK_PARAMETER, signCallbackToken } from '../../../nodes/ReporteiConnect/metrics';
import { runWebhook, type CredentialStore } from '../../harness/engine';
import { asN8nDelivers, FUZZ_TARGETS, fuzzRequests, rng, type FuzzRequest } from '../../support/fuzz';
import { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator, ReporteiSimulator } from '../shared/simulators';

jest.setTimeout(120_000);

const SEED = 20261202;
const CASES = 1000;
const VALID_EVERY = 50;

function request(body: unknown, query: Record<string, string> = {}, raw?: string): FuzzRequest {
	const bytes = Buffer.from(raw ?? JSON.stringify(body));
	return { label: 'valid', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) }, query, body: bytes };
}

function deep(depth: number): string {
	return `{"id": 1, "deep": ${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}

interface Outcome {
	problems: string[];
	runs: string[];
	reached: number;
}

async function feed(
	requests: Array<{ request: FuzzRequest; valid?: string }>,
	node: { type: string; parameters: INodeParameters; webhookId: string },
	credentials: CredentialStore,
	staticData: IDataObject,
): Promise<Outcome> {
	const out: Outcome = { problems: [], runs: [], reached: 0 };
	for (const { request: r, valid } of requests) {
		const delivered = asN8nDelivers(r);
		if ('refusedBy' in delivered) continue;
		out.reached++;
		try {
			const hit = await runWebhook({
				node: { ...node, name: 'Trigger', id: 'corpus-trigger' },
				credentials,
				staticData,
				request: { method: r.method, headers: r.headers, query: r.query, rawBody: delivered.rawBody, body: delivered.body },
			});
			const status = hit.response.statusCode;
			if (status === undefined || status >= 500) out.problems.push(`${r.label}: answered ${String(status)}`);
			if (hit.workflowData) {
				if (!valid) out.problems.push(`${r.label}: started a run`);
				else out.runs.push(valid);
			}
		} catch (error) {
			out.problems.push(`${r.label}: threw ${(error as Error).message}`);
		}
	}
	return out;
}

describe('4YouSee Trigger: 1,000 fuzzed requests and valid notifications', () => {
	let sim: FourYouSeeSimulator;
	beforeAll(async () => {
		fourYouSeeProfile.minIntervalMs = 2;
		sim = await new FourYouSeeSimulator({ timeScale: 0.02, rateLimitMs: 2, rateLimitToleranceMs: 2 }).start();
	});
	afterAll(async () => {
		await sim.stop();
		fourYouSeeProfile.minIntervalMs = 1000;
	});

	it('runs once per finished report of the account and never for anything else', async () => {
		const reports = sim.seedReports(CASES / VALID_EVERY + 1);
		const known = new Set(sim.store.reports.map((r) => String(r.id)));
		const corpus = fuzzRequests(FUZZ_TARGETS.fourYouSeeTrigger, { seed: SEED, count: CASES })
			// A fuzzed ID that happens to be a real report of the account would be a valid delivery.
			.filter((r) => !/"id":\s*"?\s*(\d+)/.exec(r.body.toString('latin1')) || !known.has(/"id":\s*"?\s*(\d+)/.exec(r.body.toString('latin1'))![1]))
			.map((r) => ({ request: r }));
		const mixed: Array<{ request: FuzzRequest; valid?: string }> = [];
		corpus.forEach((c, i) => {
			mixed.push(c);
			if (i % VALID_EVERY === 0 && reports[i / VALID_EVERY + 1]) {
				const report = reports[i / VALID_EVERY + 1];
				mixed.push({ request: request(sim.notificationBody(report)), valid: String(report.id) });
				// 4YouSee repeats a notification: the copy starts nothing.
				mixed.push({ request: request(sim.notificationBody(report)) });
			}
		});
		mixed.push({ request: { ...request(undefined, {}, deep(5000)), label: 'nesting/5000' } });
		mixed.push({ request: { ...request({ id: 158542, status: 'success' }), label: 'foreign report' } });
		expect(corpus.length).toBeGreaterThanOrEqual(990);

		const staticData: IDataObject = {};
		const node = { type: 'n8n-nodes-reporting.fourYouSeeTrigger', parameters: { event: 'any' }, webhookId: randomUUID() };
		const credentials = { fourYouSeeApi: { baseUrl: sim.apiUrl, secretToken: FOURYOUSEE_SIM_TOKEN } };
		const outcome = await feed(mixed, node, credentials, staticData);
		expect(outcome.problems).toEqual([]);
		const expected = mixed.filter((m) => m.valid).map((m) => m.valid);
		expect(outcome.runs).toEqual(expected);
		expect(outcome.reached).toBeGreaterThan(500);

		// A valid notification after the corpus: one run, and its repeat none.
		const last = reports[0];
		const after = await feed([{ request: request(sim.notificationBody(last)), valid: String(last.id) }, { request: request(sim.notificationBody(last)) }], node, credentials, staticData);
		expect(after.problems).toEqual([]);
		expect(after.runs).toEqual([String(last.id)]);
	});
});

describe('Reportei Connect Trigger: 1,000 fuzzed callbacks, foreign and expired tokens, valid callbacks', () => {
	let sim: ReporteiSimulator;
	beforeAll(async () => {
		sim = await new ReporteiSimulator({ timeScale: 0.001, sessionTimeScale: 1 }).start();
	});
	afterAll(async () => {
		await sim.stop();
	});

	it('runs once per token signed for this trigger and never for a forged, foreign or expired one', async () => {
		const webhookId = randomUUID();
		const other = randomUUID();
		const secret = sim.merchantToken;
		const r = rng(SEED);
		const body = () => FUZZ_TARGETS.reporteiConnectTrigger.validBody(r);
		const mixed: Array<{ request: FuzzRequest; valid?: string }> = [];
		const corpus = fuzzRequests(FUZZ_TARGETS.reporteiConnectTrigger, { seed: SEED, count: CASES });
		corpus.forEach((c, i) => {
			mixed.push({ request: c });
			if (i % VALID_EVERY !== 0) return;
			const id = randomUUID();
			const token = signCallbackToken(secret, webhookId, id);
			mixed.push({ request: request(body(), { [CALLBACK_PARAMETER]: token }), valid: id });
			mixed.push({ request: { ...request(body(), { [CALLBACK_PARAMETER]: token }), label: 'duplicate' } });
			mixed.push({ request: { ...request(body(), { [CALLBACK_PARAMETER]: signCallbackToken(secret, other) }), label: 'foreign trigger' } });
			mixed.push({ request: { ...request(body(), { [CALLBACK_PARAMETER]: signCallbackToken('another-merchant', webhookId) }), label: 'foreign credential' } });
			mixed.push({
				request: { ...request(body(), { [CALLBACK_PARAMETER]: signCallbackToken(secret, webhookId, randomUUID(), Date.now() - 25 * 3_600_000) }), label: 'expired' },
			});
			mixed.push({ request: { ...request(undefined, { [CALLBACK_PARAMETER]: signCallbackToken(secret, webhookId) }, deep(5000)), label: 'nesting/5000' } });
		});
		const staticData: IDataObject = {};
		const node = { type: 'n8n-nodes-reporting.reporteiConnectTrigger', parameters: {}, webhookId };
		const credentials = { reporteiConnectApi: { accessToken: secret, baseUrl: sim.apiUrl } };
		const outcome = await feed(mixed, node, credentials, staticData);
		// A 5,000-level body with a valid token is valid JSON and a metrics object: it may run. It is
		// counted here only as "did not crash"; the runs asserted are the labelled valid ones.
		const nestingRuns: string[] = outcome.problems.filter((p) => p === 'nesting/5000: started a run');
		expect(outcome.problems.filter((p) => !nestingRuns.includes(p))).toEqual([]);
		const expected = mixed.filter((m) => m.valid).map((m) => m.valid);
		expect(outcome.runs).toEqual(expected);

		const id = randomUUID();
		const token = signCallbackToken(secret, webhookId, id);
		const after = await feed([{ request: request(body(), { [CALLBACK_PARAMETER]: token }), valid: id }, { request: request(body(), { [CALLBACK_PARAMETER]: token }) }], node, credentials, staticData);
		expect(after.problems).toEqual([]);
		expect(after.runs).toEqual([id]);
	});
});
