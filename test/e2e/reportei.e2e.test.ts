/**
 * Reportei Connect against a real n8n: create a customer, open an integration session (and
 * connect a network through its link), ask for metrics asynchronously, and the published trigger
 * workflow receives them exactly once although the simulator delivers the callback twice.
 */
import { randomUUID } from 'node:crypto';

import { ReporteiSimulator } from '../simulators/reportei/simulator';
import { useN8n, type CredentialRef, type JsonObject } from './harness/n8n';

const n8n = useN8n();

const NODE = 'n8n-nodes-reporting.reporteiConnect';
const TRIGGER = 'n8n-nodes-reporting.reporteiConnectTrigger';

let sim: ReporteiSimulator;
let credential: CredentialRef;

beforeAll(async () => {
	// Callback 2 s of provider time → 200 ms; sessions keep their real 5 minutes.
	sim = await new ReporteiSimulator({ timeScale: 0.1, sessionTimeScale: 1, callbackDelayMs: 2000, deliverTwice: true }).start();
	[credential] = await n8n().importCredentials([
		{ name: 'Reportei Connect API (e2e)', type: 'reporteiConnectApi', data: saved({ accessToken: sim.merchantToken, baseUrl: sim.apiUrl }) },
	]);
});

afterAll(async () => {
	await sim?.stop();
});

/** n8n 1.x's public API asks for the "Allowed HTTP Request Domains" choice explicitly. */
function saved(data: JsonObject): JsonObject {
	return process.env.N8N_E2E_FLAVOR === 'n8n1' ? { ...data, allowedHttpRequestDomains: 'all' } : data;
}

function credentials() {
	return { reporteiConnectApi: { id: credential.id, name: credential.name } };
}

/** Manual Trigger → Reportei Connect nodes in a row. */
function chain(name: string, steps: Array<{ name: string; parameters: JsonObject }>): JsonObject {
	const nodes: JsonObject[] = [
		{ id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: JsonObject = {};
	let previous = 'Start';
	steps.forEach((step, i) => {
		nodes.push({ id: randomUUID(), name: step.name, type: NODE, typeVersion: 1, position: [220 * (i + 1), 0], parameters: step.parameters, credentials: credentials() });
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

test('the credential test passes against GET /merchants/settings', async () => {
	expect(await n8n().testCredential(credential.id)).toMatchObject({ status: 'OK' });
	const [wrong] = await n8n().importCredentials([
		{ name: 'Reportei Connect API (wrong token)', type: 'reporteiConnectApi', data: saved({ accessToken: 'wrong', baseUrl: sim.apiUrl }) },
	]);
	const bad = await n8n().testCredential(wrong.id);
	expect(bad.status).toBe('Error');
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
	const opened = await fetch(`${session.session_link as string}&integration=instagram_business`);
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
						{ id: 'followers', reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
						{ id: 'gender', reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] },
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
	expect(items[0]).toMatchObject({ request_id: accepted.request_id, metric_id: 'followers', component: 'number_v1', value: expect.any(Number) });
	expect(items.slice(1).map((i) => i.label)).toEqual(['female', 'male', 'unknown']);

	await n8n().unpublishWorkflow(triggerWf.id);
});
