/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Reportei Connect against a real n8n: create a customer, open an integration session (and
 * connect a network through its link), ask for metrics asynchronously, and the published trigger
 * workflow receives them exactly once although the simulator delivers the callback twice.
 */
import { randomUUID } from 'node:crypto';

import { ReporteiSimulator } from '../../dev/simulators/reportei/simulator';
import { manualWorkflow } from '../support/workflow';
import { useN8n, type CredentialRef, type JsonObject } from './harness/n8n';
import { savedCredentialData } from './harness/saved-credential';

const n8n = useN8n();

const NODE = 'n8n-nodes-reporting.reporteiConnect';
const TRIGGER = 'n8n-nodes-reporting.reporteiConnectTrigger';
/** Connect answers each metric under its id, a UUID. */
const FOLLOWERS = 'f35a44ce-dac5-4188-aace-5c44a8952176';
const GENDER = '3051ed66-a05c-462a-aece-e1d900e78b02';

let sim: ReporteiSimulator;
let credential: CredentialRef;

beforeAll(async () => {
	// Callback 2 s of provider time → 200 ms; sessions keep their real 5 minutes.
	sim = await new ReporteiSimulator({ timeScale: 0.1, sessionTimeScale: 1, callbackDelayMs: 2000, deliverTwice: true }).start();
	[credential] = await n8n().importCredentials([
		{ name: 'Reportei Connect API (e2e)', type: 'reporteiConnectApi', data: savedCredentialData('reporteiConnectApi', { accessToken: sim.merchantToken, baseUrl: sim.apiUrl }) },
	]);
});

afterAll(async () => {
	await sim?.stop();
});

function credentials() {
	return { reporteiConnectApi: { id: credential.id, name: credential.name } };
}

/** Manual Trigger → Reportei Connect nodes in a row. */
function chain(name: string, steps: Array<{ name: string; parameters: JsonObject }>): JsonObject {
	return manualWorkflow(
		steps.map((step) => ({ ...step, type: NODE, credentials: credentials() })),
		{ name },
	);
}

test("n8n's credential test runs the node's test: GET /merchants/settings, each failure naming the field", async () => {
	expect(await n8n().testCredential(credential.id)).toMatchObject({ status: 'OK' });
	const [wrong] = await n8n().importCredentials([
		{ name: 'Reportei Connect API (wrong token)', type: 'reporteiConnectApi', data: savedCredentialData('reporteiConnectApi', { accessToken: 'wrong-merchant-token', baseUrl: sim.apiUrl }) },
	]);
	expect(await n8n().testCredential(wrong.id)).toEqual({
		status: 'Error',
		message: `The Base URL ${sim.apiUrl}/merchants/settings answered, but it refused the Merchant Token (HTTP 401, "Unauthenticated."): check the Merchant Token.`,
	});
	const noApi = await n8n().testCredential({ type: 'reporteiConnectApi', data: savedCredentialData('reporteiConnectApi', { accessToken: sim.merchantToken, baseUrl: sim.url }) });
	expect(noApi.message).toMatch(/^The Base URL .+\/merchants\/settings answered, but there is no Connect API there \(HTTP 404/);
	const unreachable = await n8n().testCredential({ type: 'reporteiConnectApi', data: savedCredentialData('reporteiConnectApi', { accessToken: sim.merchantToken, baseUrl: 'http://127.0.0.1:9/api' }) });
	expect(unreachable).toEqual({ status: 'Error', message: 'The connection was refused at http://127.0.0.1:9/api/merchants/settings: check the Base URL.' });
});

test('customer → integration session → async metrics → the published trigger runs exactly once', async () => {
	// 1. The trigger workflow, published: its Production URL is the callback URL.
	const webhookId = randomUUID();
	const triggerWf = await n8n().importWorkflow({
		name: 'Reportei e2e: metrics callback',
		nodes: [
			{
				id: randomUUID(),
				name: 'Metrics Arrived',
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { output: 'perMetric', chartFormat: 'rows' },
				credentials: credentials(),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(triggerWf.id);
	const callbackUrl = n8n().webhookUrl(`${webhookId}/reportei-metrics`);

	// A callback nobody signed is refused and starts nothing.
	const forged = await n8n().http('POST', `${callbackUrl}?n8n_request=${randomUUID()}.abc.${'A'.repeat(43)}`, {
		body: { m: { values: 1 } },
		headers: { 'content-type': 'application/json' },
	});
	expect(forged.status).toBe(401);

	// 2. Create a customer and open an integration session for it.
	const onboarding = await n8n().importWorkflow(
		chain('Reportei e2e: onboarding', [
			{ name: 'Create Customer', parameters: { resource: 'customer', operation: 'create', name: 'E2E Bakery' } },
			{
				name: 'Open Session',
				parameters: {
					resource: 'integrationSession',
					operation: 'create',
					customerToken: "={{ $('Create Customer').item.json.api_token }}",
					options: { locale: 'en' },
				},
			},
		]),
	);
	const onboarded = await n8n().runWorkflow(onboarding.id);
	expect(onboarded.status).toBe('success');
	const customer = onboarded.nodes['Create Customer'][0];
	expect(customer).toMatchObject({ name: 'E2E Bakery', api_token: expect.stringMatching(/^ct_/), api_token_notice: expect.stringContaining('only once') });
	const session = onboarded.nodes['Open Session'][0];
	expect(session).toMatchObject({ customer_uuid: customer.uuid, session_link: expect.any(String) });

	// The customer opens the link and connects Instagram.
	const link = new URL(session.session_link as string);
	link.searchParams.set('integration', 'instagram_business');
	const opened = await fetch(link);
	expect(opened.status).toBe(200);

	// 3. Ask for metrics asynchronously, for the integration the customer's settings now list.
	const request = await n8n().importWorkflow(
		chain('Reportei e2e: async metrics', [
			{ name: 'Customer Settings', parameters: { resource: 'customer', operation: 'getSettings', customerToken: customer.api_token as string } },
			{
				name: 'Ask Metrics',
				parameters: {
					resource: 'metrics',
					operation: 'getDataAsync',
					customerToken: customer.api_token as string,
					customerIntegration: '={{ $json.integrations[0].uuid }}',
					start: '2025-03-01',
					end: '2025-03-31',
					metricsJson: JSON.stringify([
						{ id: FOLLOWERS, reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
						{ id: GENDER, reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] },
					]),
					callbackUrl,
				},
			},
		]),
	);
	const requested = await n8n().runWorkflow(request.id);
	expect(requested.status).toBe('success');
	const accepted = requested.nodes['Ask Metrics'][0];
	expect(accepted).toMatchObject({ success: true, request_id: expect.any(String) });

	// 4. Reportei POSTs the result twice; the trigger starts one execution and calls the second a duplicate.
	const deliveries = await sim.waitForDeliveries(2, 30_000);
	expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
	expect(JSON.parse(deliveries[1].responseBody ?? '{}')).toMatchObject({ duplicate: true, request_id: accepted.request_id });
	const executions = await n8n().waitForExecutions(triggerWf.id, 1);
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const all = await n8n().getExecutions(triggerWf.id);
	expect(all).toHaveLength(1);
	expect(executions[0].status).toBe('success');
	const items = executions[0].nodes['Metrics Arrived'];
	expect(items[0]).toMatchObject({ request_id: accepted.request_id, metric_id: FOLLOWERS, component: 'number_v1', value: expect.any(Number) });
	expect(items.slice(1).map((i) => i.label)).toEqual(['female', 'male', 'unknown']);

	// 5. The same token replayed on another published trigger of the same credential is refused.
	const otherId = randomUUID();
	const otherWf = await n8n().importWorkflow({
		name: 'Reportei e2e: another trigger',
		nodes: [{ id: randomUUID(), name: 'Metrics Arrived', type: TRIGGER, typeVersion: 1, position: [0, 0], webhookId: otherId, parameters: {}, credentials: credentials() }],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(otherWf.id);
	const signed = new URL(deliveries[0].url);
	const replay = await n8n().http('POST', `${n8n().webhookUrl(`${otherId}/reportei-metrics`)}${signed.search}`, {
		body: deliveries[0].body as JsonObject,
		headers: { 'content-type': 'application/json' },
	});
	expect(replay.status).toBe(401);
	await new Promise((resolve) => setTimeout(resolve, 500));
	expect(await n8n().getExecutions(otherWf.id)).toHaveLength(0);

	await n8n().unpublishWorkflow(otherWf.id);
	await n8n().unpublishWorkflow(triggerWf.id);
});
