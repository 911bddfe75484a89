import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWebhook, runWebhookMethod } from '../../harness/engine';
import type { ReporteiSimulator } from '../../simulators/reportei/simulator';
import { signCallbackToken } from '../../../nodes/ReporteiConnect/metrics';
import { credentialsFor, runNode, startSim, TRIGGER_TYPE } from './helpers';

interface Captured {
	query: Record<string, string>;
	rawBody: Buffer;
}

let sim: ReporteiSimulator;
let receiver: Server;
let receiverUrl: string;
let captured: Captured[];

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
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/abc/reportei-metrics`;
});

afterEach(async () => {
	await sim.stop();
	receiver.closeAllConnections();
	await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Runs Get Data Async for a new paying customer and returns the callbacks Reportei POSTed. */
async function requestAsyncMetrics(): Promise<{ requestId: string; callbacks: Captured[] }> {
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
				{ id: 'followers', reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
				{ id: 'gender', reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] },
			],
		}),
		callbackUrl: receiverUrl,
	});
	expect(run.status).toBe('success');
	await sim.waitForDeliveries(2);
	return { requestId: run.output('Reportei')[0].json.request_id as string, callbacks: captured };
}

function deliver(callback: Captured, staticData: IDataObject, parameters: INodeParameters = {}, token = sim.merchantToken, name?: string) {
	return runWebhook({
		node: { type: TRIGGER_TYPE, parameters, name },
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
		expect(item.json).toMatchObject({ request_id: requestId, followers: { values: expect.any(Number) }, gender: { labels: ['female', 'male', 'unknown'] } });

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
		expect(items[0]).toMatchObject({ request_id: requestId, metric_id: 'followers', component: 'number_v1', value: expect.any(Number) });
		expect(items.slice(1).map((i) => [i.metric_id, i.label])).toEqual([
			['gender', 'female'],
			['gender', 'male'],
			['gender', 'unknown'],
		]);
	});

	test.each([
		['no token', () => ({}), 401],
		['a malformed token', () => ({ n8n_request: 'abc' }), 401],
		['a token with a forged signature', () => ({ n8n_request: `${randomUUID()}.${Date.now().toString(36)}.${'A'.repeat(43)}` }), 401],
		['a token signed with another merchant token', () => ({ n8n_request: signCallbackToken('someone-else', randomUUID()) }), 401],
		['a token issued 25 hours ago', () => ({ n8n_request: signCallbackToken(sim.merchantToken, randomUUID(), Date.now() - 25 * 3600_000) }), 410],
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
		const token = signCallbackToken(sim.merchantToken, randomUUID());
		const hit = await runWebhook({
			node: { type: TRIGGER_TYPE, parameters: { options: { maxBodyMb: 1 } } },
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
		const hit = await deliver({ query: { n8n_request: signCallbackToken(sim.merchantToken) }, rawBody: Buffer.from('{"m":{"values":1}}') }, staticData);
		expect(hit.workflowData).toHaveLength(1);
		expect(Object.keys(staticData.deliveredRequests as IDataObject)).toHaveLength(1000);
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
