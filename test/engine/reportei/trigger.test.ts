/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWebhook, runWebhookMethod } from '../../harness/engine';
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { signCallbackToken } from '../../../nodes/ReporteiConnect/metrics';
import { credentialsFor, runNode, startSim, TRIGGER_TYPE } from './helpers';

interface Captured {
	query: Record<string, string>;
	rawBody: Buffer;
}

const FOLLOWERS = 'f35a44ce-dac5-4188-aace-5c44a8952176';
const GENDER = '3051ed66-a05c-462a-aece-e1d900e78b02';

let sim: ReporteiSimulator;
let receiver: Server;
let receiverUrl: string;
let captured: Captured[];
/** The webhook ID of the trigger the callbacks are for (n8n puts it in the trigger's URL). */
const WEBHOOK_ID = '5b0c7a8e-2f4d-4c1a-9e3b-7d6f1a2b3c4d';

beforeEach(async () => {
	sim = await startSim({ deliverTwice: true, callbackDelayMs: 20 });
	captured = [];
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			captured.push({ query: Object.fromEntries(url.searchParams), rawBody: Buffer.concat(chunks) });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"Workflow was started"}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/${WEBHOOK_ID}/reportei-metrics`;
});

afterEach(async () => {
	await sim.stop();
	receiver.closeAllConnections();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Runs Get Data Async for a new paying customer, its callback going to `callbackUrl`. */
async function askAsync(callbackUrl = receiverUrl) {
	const { customer, apiToken } = sim.addCustomer('Async Co', { isPaying: true });
	const integration = sim.addIntegration(customer.uuid);
	const run = await runNode(sim, {
		resource: 'metrics',
		operation: 'getDataAsync',
		customerToken: apiToken,
		customerIntegration: integration.uuid,
		start: '2025-02-01',
		end: '2025-02-28',
		metricsJson: JSON.stringify({
			metrics: [
				{ id: FOLLOWERS, reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
				{ id: GENDER, reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] },
			],
		}),
		callbackUrl,
	});
	expect(run.status).toBe('success');
	return run;
}

/** Runs Get Data Async for a new paying customer and returns the callbacks Reportei POSTed. */
async function requestAsyncMetrics(): Promise<{ requestId: string; callbacks: Captured[] }> {
	const run = await askAsync();
	await sim.waitForDeliveries(2);
	return { requestId: run.output('Reportei')[0].json.request_id as string, callbacks: captured };
}

function deliver(callback: Captured, staticData: IDataObject, parameters: INodeParameters = {}, token = sim.merchantToken, name?: string, webhookId = WEBHOOK_ID) {
	return runWebhook({
		node: { type: TRIGGER_TYPE, parameters, name, webhookId },
		credentials: credentialsFor(sim, token),
		staticData,
		request: { headers: { 'content-type': 'application/json' }, query: callback.query, rawBody: callback.rawBody },
	});
}

describe('Reportei Connect Trigger', () => {
	test('a correlated callback starts one execution; the same callback again starts none', async () => {
		const { requestId, callbacks } = await requestAsyncMetrics();
		expect(callbacks).toHaveLength(2);
		expect(callbacks[0].query.n8n_request.startsWith(`${requestId}.`)).toBe(true);
		const staticData: IDataObject = {};

		const firstHit = await deliver(callbacks[0], staticData);
		expect(firstHit.response.statusCode).toBe(200);
		expect(firstHit.workflowData).toHaveLength(1);
		const [item] = firstHit.workflowData![0];
		expect(item.json).toMatchObject({ request_id: requestId, [FOLLOWERS]: { values: expect.any(Number) }, [GENDER]: { labels: ['female', 'male', 'unknown'] } });

		const again = await deliver(callbacks[1], staticData);
		expect(again.workflowData).toBeUndefined();
		expect(again.response).toMatchObject({ statusCode: 200, body: { received: true, duplicate: true, request_id: requestId } });
		expect(Object.keys(staticData.deliveredRequests as IDataObject)).toEqual([requestId]);
	});

	test('a duplicate is caught even when n8n did not keep the static data of the first delivery', async () => {
		const { callbacks } = await requestAsyncMetrics();
		expect((await deliver(callbacks[0], {})).workflowData).toHaveLength(1);
		// n8n 2.x loses static data written by a webhook that starts an execution: the process memory remembers.
		const again = await deliver(callbacks[1], {});
		expect(again.workflowData).toBeUndefined();
		expect(again.response.body).toMatchObject({ duplicate: true });
	});

	test('a duplicate is caught from static data alone (another process, or after a restart)', async () => {
		const { requestId, callbacks } = await requestAsyncMetrics();
		const staticData: IDataObject = { deliveredRequests: { [requestId]: Date.now() + 3600_000 } };
		const hit = await deliver(callbacks[0], staticData, {}, sim.merchantToken, 'Fresh Trigger');
		expect(hit.workflowData).toBeUndefined();
		expect(hit.response.body).toMatchObject({ duplicate: true, request_id: requestId });
	});

	test('flattened output: one item per metric, charts as label/value rows, each with the request id', async () => {
		const { requestId, callbacks } = await requestAsyncMetrics();
		const hit = await deliver(callbacks[0], {}, { output: 'perMetric', chartFormat: 'rows' });
		const items = hit.workflowData![0].map((i) => i.json);
		expect(items[0]).toMatchObject({ request_id: requestId, metric_id: FOLLOWERS, component: 'number_v1', value: expect.any(Number) });
		expect(items.slice(1).map((i) => [i.metric_id, i.label])).toEqual([
			[GENDER, 'female'],
			[GENDER, 'male'],
			[GENDER, 'unknown'],
		]);
	});

	test('a callback under data with a failed metric: each metric surfaced, the failure on its own item', async () => {
		sim.metricsEnvelope = 'data';
		sim.failMetric('ig:followers_gender', { message: 'Metric not available for this account', type: 'metric_error' });
		const { requestId, callbacks } = await requestAsyncMetrics();
		expect(JSON.parse(callbacks[0].rawBody.toString('utf8'))).toHaveProperty('data');
		const flat = await deliver(callbacks[0], {}, { output: 'perMetric' });
		expect(flat.workflowData![0].map((i) => i.json)).toEqual([
			expect.objectContaining({ request_id: requestId, metric_id: FOLLOWERS, value: expect.any(Number) }),
			{ request_id: requestId, metric_id: GENDER, component: null, error: 'Metric not available for this account', error_type: 'metric_error' },
		]);
		const keyed = await deliver(callbacks[1], {}, {}, sim.merchantToken, 'Another Trigger');
		expect(keyed.workflowData![0][0].json).toMatchObject({
			[FOLLOWERS]: { values: expect.any(Number) },
			metric_errors: [{ metric_id: GENDER, error: 'Metric not available for this account', error_type: 'metric_error' }],
		});
	});

	test.each([
		['no token', () => ({}), 401],
		['a malformed token', () => ({ n8n_request: 'abc' }), 401],
		['a token with a forged signature', () => ({ n8n_request: `${randomUUID()}.${Date.now().toString(36)}.${'A'.repeat(43)}` }), 401],
		['a token signed with another merchant token', () => ({ n8n_request: signCallbackToken('someone-else', WEBHOOK_ID, randomUUID()) }), 401],
		['a token issued 25 hours ago', () => ({ n8n_request: signCallbackToken(sim.merchantToken, WEBHOOK_ID, randomUUID(), Date.now() - 25 * 3600_000) }), 410],
	])('refuses a callback with %s and starts nothing', async (_name, query, status) => {
		const staticData: IDataObject = {};
		const hit = await deliver({ query: query(), rawBody: Buffer.from('{"m":{"values":1}}') }, staticData);
		expect(hit.response.statusCode).toBe(status);
		expect(hit.response.body).toEqual({ error: expect.stringMatching(/^Callback refused: /) });
		expect(hit.workflowData).toBeUndefined();
		expect(staticData.deliveredRequests).toBeUndefined();
	});

	test.each([
		['non-JSON', Buffer.from('<xml>nope</xml>'), 400, /not JSON/],
		['an empty body', Buffer.alloc(0), 400, /empty/],
		['a JSON array', Buffer.from('[1,2]'), 400, /not a metrics result/],
		['an oversized body', Buffer.alloc(1024 * 1024 + 10, 32), 413, /larger than/],
	])('answers %s with a 4xx and starts nothing', async (_name, rawBody, status, message) => {
		const staticData: IDataObject = {};
		const token = signCallbackToken(sim.merchantToken, WEBHOOK_ID, randomUUID());
		const hit = await runWebhook({
			node: { type: TRIGGER_TYPE, parameters: { options: { maxBodyMb: 1 } }, webhookId: WEBHOOK_ID },
			credentials: credentialsFor(sim),
			staticData,
			request: { headers: { 'content-type': 'text/plain' }, query: { n8n_request: token }, rawBody },
		});
		expect(hit.response.statusCode).toBe(status);
		expect(String((hit.response.body as IDataObject).error)).toMatch(message);
		expect(hit.workflowData).toBeUndefined();
		expect(staticData.deliveredRequests).toBeUndefined();
	});

	test('remembers at most 1,000 delivered requests', async () => {
		const staticData: IDataObject = { deliveredRequests: {} };
		const future = Date.now() + 3600_000;
		for (let i = 0; i < 1000; i++) (staticData.deliveredRequests as IDataObject)[randomUUID()] = future + i;
		const hit = await deliver({ query: { n8n_request: signCallbackToken(sim.merchantToken, WEBHOOK_ID) }, rawBody: Buffer.from('{"m":{"values":1}}') }, staticData);
		expect(hit.workflowData).toHaveLength(1);
		expect(Object.keys(staticData.deliveredRequests as IDataObject)).toHaveLength(1000);
	});

	test('copies arriving together start one execution; the copy waits for the first and is answered as a duplicate', async () => {
		const { requestId, callbacks } = await requestAsyncMetrics();
		const staticData: IDataObject = {};
		const hits = await Promise.all([deliver(callbacks[0], staticData), deliver(callbacks[1], staticData), deliver(callbacks[0], staticData)]);
		expect(hits.filter((h) => h.workflowData).length).toBe(1);
		for (const copy of hits.filter((h) => !h.workflowData)) {
			expect(copy.response).toMatchObject({ statusCode: 200, body: { duplicate: true, request_id: requestId } });
		}
	});

	test('lifecycle: nothing to register at Reportei; create and delete record the live URL', async () => {
		const staticData: IDataObject = {};
		const node = { type: TRIGGER_TYPE, parameters: {} };
		const credentials = credentialsFor(sim);
		expect((await runWebhookMethod({ node, method: 'checkExists', credentials, staticData })).result).toBe(false);
		const created = await runWebhookMethod({ node, method: 'create', credentials, staticData });
		expect(created.result).toBe(true);
		expect(staticData.callbackUrl).toBe(created.webhookUrl);
		expect((await runWebhookMethod({ node, method: 'checkExists', credentials, staticData })).result).toBe(true);
		expect((await runWebhookMethod({ node, method: 'delete', credentials, staticData })).result).toBe(true);
		expect(staticData.callbackUrl).toBeUndefined();
		expect(sim.requests).toHaveLength(0);
	});
});

describe('a token is valid only for the trigger whose URL it was signed for', () => {
	const OTHER_WEBHOOK_ID = '9d2e4f60-1a3b-4c5d-8e7f-0a1b2c3d4e5f';
	/** Trigger B: same credential, another workflow and webhook ID. */
	const deliverToB = (callback: Captured, staticData: IDataObject) =>
		runWebhook({
			node: { type: TRIGGER_TYPE, name: 'Reportei Connect Trigger', webhookId: OTHER_WEBHOOK_ID },
			workflow: { id: 'workflow-b', nodes: [], connections: {} },
			credentials: credentialsFor(sim),
			staticData,
			request: { headers: { 'content-type': 'application/json' }, query: callback.query, rawBody: callback.rawBody },
		});

	test("A's callback replayed on trigger B (same credential, another workflow) is refused with 401 and starts nothing", async () => {
		const { requestId, callbacks } = await requestAsyncMetrics();
		const staticB: IDataObject = {};
		const onB = await deliverToB(callbacks[0], staticB);
		expect(onB.response.statusCode).toBe(401);
		expect(onB.response.body).toEqual({ error: "Callback refused: the n8n_request parameter was issued for another trigger's URL: Get Data Async must point at this trigger's own URL" });
		expect(onB.workflowData).toBeUndefined();
		expect(staticB.deliveredRequests).toBeUndefined();
		// A still takes it: the refusal on B claimed nothing.
		const onA = await deliver(callbacks[0], {});
		expect(onA.workflowData![0][0].json).toMatchObject({ request_id: requestId });
	});

	test("the token signed for A's Test URL is accepted by A's Production URL: both carry its webhook ID", async () => {
		const run = await askAsync(`http://127.0.0.1:1/webhook-test/${WEBHOOK_ID}/reportei-metrics`);
		const signed = new URL(String((sim.bodies.find((b) => b.path === '/api/metrics/get-data-async')!.body as IDataObject).metrics_webhook_url));
		const query = Object.fromEntries(signed.searchParams);
		expect(run.runData.Reportei[0].hints ?? []).toEqual([]);
		const hit = await deliver({ query, rawBody: Buffer.from(`{"${FOLLOWERS}":{"values":1}}`) }, {});
		expect(hit.workflowData).toHaveLength(1);
		expect((await deliverToB({ query, rawBody: Buffer.from('{"m":{"values":1}}') }, {})).response.statusCode).toBe(401);
	});

	test('a token of the first version (no trigger in it) is accepted for a day, then refused whatever Accept Callbacks For says', async () => {
		const legacy = (issuedAt: number) => {
			const id = randomUUID();
			const issued = issuedAt.toString(36);
			const mac = createHmac('sha256', sim.merchantToken).update(`reportei-connect-callback.v1.${id}.${issued}`).digest('base64url');
			return { query: { n8n_request: `${id}.${issued}.${mac}` }, rawBody: Buffer.from('{"m":{"values":1}}') };
		};
		expect((await deliver(legacy(Date.now() - 23 * 3600_000), {})).workflowData).toHaveLength(1);
		const late = await deliver(legacy(Date.now() - 25 * 3600_000), {}, { options: { maxAgeHours: 48 } });
		expect(late.response.statusCode).toBe(410);
		expect(late.workflowData).toBeUndefined();
	});
});
