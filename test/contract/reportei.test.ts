/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Reportei Connect against what its public sources show it answers: every recorded case of
 * fixtures/reportei.json (and every JSON answer of the seed README, kind `seed`) is replayed
 * through the nodes by FixtureServer, which knows no Reportei rules. Each test asserts what a user
 * sees (the items, or the error in Reportei's own words) and the request the node sent.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signCallbackToken } from '../../nodes/ReporteiConnect/metrics';
import { MANUAL_TRIGGER_TYPE, runWebhook, runWorkflow, type WorkflowJson } from '../harness/engine';
import { caseById, FixtureServer, loadCases, recordedAnswer, type Answer, type Received, type ShapeCase } from './fixture-server';

const cases = loadCases('reportei');
const NODE = 'n8n-nodes-reporting.reporteiConnect';
const TRIGGER = 'n8n-nodes-reporting.reporteiConnectTrigger';
const MERCHANT_TOKEN = 'merchant-token-for-contract-tests';
const CUSTOMER_TOKEN = 'customer-token-for-contract-tests';

/** Case ids these tests replay, registered when the tests are declared. */
const replayed = new Set<string>();

/** Cases no test can replay, with the reason. */
const UNUSABLE: Record<string, string> = {};

/** A test that replays recorded cases. */
function replays(ids: string[], name: string, fn: (...shapes: ShapeCase[]) => Promise<void>) {
	for (const id of ids) replayed.add(id);
	test(`${ids.join(' + ')}: ${name}`, async () => await fn(...ids.map((id) => caseById(cases, id))));
}

let server: FixtureServer;

beforeEach(async () => {
	server = new FixtureServer();
	await server.start();
});

afterEach(async () => {
	await server.stop();
});

/** A new server with no routes, for a test that replays several cases of one request. */
async function freshServer(): Promise<void> {
	await server.stop();
	server = new FixtureServer();
	await server.start();
}

/** `/customers/{uuid}` → `/api/customers/:uuid` (the credential's Base URL ends in /api). */
function route(path: string): string {
	return `/api${path.split('?')[0].replace(/\{[^}]+\}/g, ':id')}`;
}

/** Answers a case's request with its recorded response (once, when `times` says so). */
function answer(shape: ShapeCase, replacement?: Partial<Answer>, times?: number): void {
	server.on(shape.request.method, route(shape.request.path), { ...recordedAnswer(shape), ...replacement }, times);
}

function workflow(parameters: INodeParameters, version = 2): WorkflowJson {
	return {
		name: 'reportei contract',
		nodes: [
			{ id: 'start', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'reportei', name: 'Reportei', type: NODE, typeVersion: version, position: [200, 0], parameters },
		],
		connections: { Start: { main: [[{ node: 'Reportei', type: 'main', index: 0 }]] } },
	};
}

function credentials() {
	return { reporteiConnectApi: { accessToken: MERCHANT_TOKEN, baseUrl: `${server.url}/api` } };
}

async function run(parameters: INodeParameters, version = 2) {
	const result = await runWorkflow({ workflow: workflow(parameters, version), credentials: credentials(), inputItems: [{}] });
	return { ...result, items: result.status === 'success' ? result.output('Reportei').map((i) => i.json) : [] };
}

function sent(index = 0): Received {
	const request = server.received[index];
	if (!request) throw new Error(`No request ${index} was sent`);
	return request;
}

function sentJson(index = 0): unknown {
	return JSON.parse(sent(index).body) as unknown;
}

/** The request line and query the node sent, for comparison with a case's request. */
function requestLine(index = 0) {
	const request = sent(index);
	return { method: request.method, path: request.path, query: Object.fromEntries(request.query) };
}

const customer = (parameters: INodeParameters) => ({ resource: 'customer', ...parameters });
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Merchant', () => {
	replays(['rep-merchant-settings'], 'Get Settings returns the merchant as documented, rate limits as given', async (shape) => {
		answer(shape);
		const result = await run({ resource: 'merchant', operation: 'getSettings' });
		expect(result.items).toEqual([(shape.response.body as IDataObject).merchant]);
		expect(requestLine()).toEqual({ method: 'GET', path: '/api/merchants/settings', query: {} });
		expect(sent().headers.authorization).toBe(`Bearer ${MERCHANT_TOKEN}`);
		expect(sent().headers.accept).toContain('application/json');
		expect(sent().headers['x-customer-token']).toBeUndefined();
	});

	replays(
		['rep-merchant-settings', 'rep-merchant-settings-client-fields'],
		'the fields clients read beyond the docs (is_paying, trial_ends_at, include_settings) reach the item',
		async (literal, fields) => {
			// The client-model case lists fields only: its values are typed on the literal settings.
			expect((fields.response as IDataObject).fields_read).toEqual(expect.arrayContaining(['merchant.is_paying', 'merchant.trial_ends_at', 'include_settings']));
			const merchant = { ...((literal.response.body as IDataObject).merchant as IDataObject), is_paying: true, trial_ends_at: null };
			answer(fields, { status: 200, body: { merchant, include_settings: { white_label: true } } });
			const result = await run({ resource: 'merchant', operation: 'getSettings' });
			expect(result.items).toEqual([{ ...merchant, include_settings: { white_label: true } }]);
		},
	);
});

describe('Customer', () => {
	replays(['rep-customers-list'], 'Get Many (Return All) returns both customers from one page', async (shape) => {
		answer(shape);
		const result = await run(customer({ operation: 'getMany', returnAll: true }));
		expect(result.items).toEqual((shape.response.body as IDataObject).data);
		expect(server.received).toHaveLength(1);
		expect(requestLine()).toEqual({ method: 'GET', path: '/api/customers', query: { page: '1', per_page: '100' } });
	});

	replays(['rep-customers-list-readme', 'seed-readme-paginated-response'], 'a page saying to:2 and total:2 with one item is one page of one customer', async (readme, seed) => {
		for (const shape of [readme, seed]) {
			server.received.length = 0;
			answer(shape, {}, 1);
			const result = await run(customer({ operation: 'getAll', returnAll: true }), 1);
			expect(result.items).toEqual((shape.response.body as IDataObject).data);
			expect(server.received).toHaveLength(1);
		}
	});

	replays(['rep-customers-get', 'seed-readme-successful-response'], 'Get returns the customer out of its wrapper', async (...shapes) => {
		for (const shape of shapes) {
			server.received.length = 0;
			answer(shape, {}, 1);
			const id = shape.request.path.split('/').pop()!;
			const result = await run(customer({ operation: 'get', customerId: locator(id) }));
			expect(result.items).toEqual([(shape.response.body as IDataObject).customer]);
			expect(requestLine()).toEqual({ method: 'GET', path: `/api${shape.request.path}`, query: {} });
		}
	});

	replays(['rep-customers-settings'], 'Get Settings sends the Customer Token and returns the customer with its integrations', async (shape) => {
		answer(shape);
		const result = await run(customer({ operation: 'getSettings', customerToken: CUSTOMER_TOKEN }));
		expect(result.items).toEqual([(shape.response.body as IDataObject).customer]);
		expect(sent().headers['x-customer-token']).toBe(CUSTOMER_TOKEN);
		expect(requestLine()).toEqual({ method: 'GET', path: '/api/customers/settings', query: {} });
	});

	replays(['rep-customers-create'], 'Create (201) returns the customer with its one-time api_token and the notice to store it', async (shape) => {
		answer(shape);
		const result = await run(customer({ operation: 'create', name: 'Reportei Customer 3' }));
		const created = (shape.response.body as IDataObject).customer as IDataObject;
		expect(result.items).toEqual([{ ...created, api_token_notice: expect.stringContaining('shown only once') }]);
		expect(requestLine()).toEqual({ method: 'POST', path: '/api/customers', query: {} });
		expect(sentJson()).toEqual(shape.request.body);
	});

	replays(['rep-customers-update'], 'Update answered without a body still says what was changed', async (shape) => {
		answer(shape);
		const id = '9cdc0998-cd1c-406c-98b2-a40448486657';
		const result = await run(customer({ operation: 'update', customerId: locator(id), name: 'Reportei Customer 3.1' }));
		expect(result.items).toEqual([{ uuid: id, name: 'Reportei Customer 3.1' }]);
		expect(requestLine()).toEqual({ method: 'PUT', path: `/api/customers/${id}`, query: {} });
		expect(sentJson()).toEqual(shape.request.body);
	});

	replays(['rep-customers-delete'], 'Delete returns {deleted: true}', async (shape) => {
		answer(shape);
		const id = 'caedbbbe-7d93-476f-b965-bf97cd7ce874';
		const result = await run(customer({ operation: 'delete', customerId: id }));
		expect(result.items).toEqual([{ deleted: true }]);
		expect(requestLine()).toEqual({ method: 'DELETE', path: `/api/customers/${id}`, query: {} });
	});

	replays(['rep-customers-payment-status', 'rep-customers-payment-status-lp'], 'Set Payment Status keeps whatever message Reportei gives', async (...shapes) => {
		const id = '073c1e15-94d0-49b3-9861-a0e9b7ffb06c';
		for (const shape of shapes) {
			server.received.length = 0;
			answer(shape, {}, 1);
			const result = await run(customer({ operation: 'setPaymentStatus', customerId: locator(id), isPaying: true }));
			expect(result.items).toEqual([{ uuid: id, is_paying: true, ...(shape.response.body as IDataObject) }]);
			expect(requestLine()).toEqual({ method: 'POST', path: `/api/customers/${id}/update-payment-status`, query: {} });
			expect(sentJson()).toEqual(shape.request.body);
		}
	});
});

describe('Integration Session', () => {
	const session = () => (caseById(cases, 'rep-session-create').response.body as IDataObject).integration_session;

	replays(['rep-session-create'], 'Create with a redirect URL returns the session', async (shape) => {
		answer(shape);
		const result = await run({ resource: 'integrationSession', operation: 'create', customerToken: CUSTOMER_TOKEN, options: { redirectUrl: 'https://reportei.com/dashboard' } });
		expect(result.items).toEqual([session()]);
		expect(sentJson()).toEqual(shape.request.body);
		expect(sent().headers['x-customer-token']).toBe(CUSTOMER_TOKEN);
	});

	replays(['rep-session-create-all-options'], 'every lp-connect option is sent under its documented name', async (shape) => {
		// "Response as in rep-session-create" (the case's notes).
		answer(shape, { status: 200, body: caseById(cases, 'rep-session-create').response.body });
		const result = await run({
			resource: 'integrationSession',
			operation: 'create',
			customerToken: CUSTOMER_TOKEN,
			options: {
				redirectUrl: 'https://sua-aplicacao.com/dashboard',
				locale: 'pt_BR',
				limitReachedUrl: 'https://sua-aplicacao.com/limite',
				expiresInMinutes: 30,
				closeOnFinish: true,
				enableMultiAccountSelection: false,
			},
		});
		expect(result.items).toEqual([session()]);
		// The example's empty `"limits": {}` is never sent: without limits there is no limits field.
		const { limits: _empty, ...recorded } = shape.request.body as IDataObject;
		expect(sentJson()).toEqual(recorded);
	});

	replays(['rep-session-create-client'], 'limits go out as the array a production client sends', async (shape) => {
		answer(shape, { status: 200, body: caseById(cases, 'rep-session-create').response.body });
		await run({
			resource: 'integrationSession',
			operation: 'create',
			customerToken: CUSTOMER_TOKEN,
			options: {
				locale: 'pt_BR',
				closeOnFinish: true,
				expiresInMinutes: 60,
				limits: { limit: [{ name: 'available_integrations', integrations: ['instagram_business', 'facebook_ads'] }] },
			},
		});
		expect(sentJson()).toEqual(shape.request.body);
	});
});

describe('Customer Integration', () => {
	replays(['rep-customer-integration-get'], 'Get returns the integration out of its wrapper', async (shape) => {
		answer(shape);
		const id = shape.request.path.split('/').pop()!;
		const result = await run({ resource: 'customerIntegration', operation: 'get', customerToken: CUSTOMER_TOKEN, customerIntegrationId: locator(id) });
		expect(result.items).toEqual([(shape.response.body as IDataObject).customer_integration]);
		expect(requestLine()).toEqual({ method: 'GET', path: `/api${shape.request.path}`, query: {} });
		expect(sent().headers['x-customer-token']).toBe(CUSTOMER_TOKEN);
	});

	replays(['rep-customer-integrations-list'], 'Get Many reads the undocumented {data, meta: {last_page}} list the clients read', async (shape) => {
		answer(shape);
		const result = await run({ resource: 'customerIntegration', operation: 'getMany', customerToken: CUSTOMER_TOKEN, returnAll: true });
		expect(result.items).toEqual((shape.response.body as IDataObject).data);
		expect(server.received).toHaveLength(1);
		expect(requestLine().query).toEqual({ page: '1', per_page: '100' });
		// The clients' filters, under the names they send.
		server.received.length = 0;
		await run({ resource: 'customerIntegration', operation: 'getMany', customerToken: CUSTOMER_TOKEN, returnAll: true, filters: { status: 'active', sourceName: 'reportei' } });
		expect(requestLine().query).toEqual({ page: '1', per_page: '100', status: 'active', source_name: 'reportei' });
	});

	replays(['rep-customer-integration-delete'], 'Delete sends the session id and returns {deleted: true}', async (shape) => {
		answer(shape);
		const id = '4addc0da-8583-4dbb-a0e9-c7e2e8470f50';
		const sessionId = '679e77d9-b270-4fb9-9f2c-27bcaebddc52';
		const result = await run({ resource: 'customerIntegration', operation: 'delete', customerToken: CUSTOMER_TOKEN, customerIntegrationId: locator(id), sessionId });
		expect(result.items).toEqual([{ deleted: true }]);
		expect(requestLine()).toEqual({ method: 'DELETE', path: `/api/customer-integrations/${id}`, query: { session_id: sessionId } });
	});
});

describe('Metric', () => {
	const getData = caseById(cases, 'rep-metrics-get-data');
	const documented = getData.request.body as IDataObject;
	const results = getData.response.body as IDataObject;
	const [number, chart, table] = documented.metrics as IDataObject[];
	/** The documented request as the metrics section prints it: with its trailing comma. */
	const asPrinted = JSON.stringify({ metrics: documented.metrics }, null, 2).replace(/("clicks_breakdown"\n\s*\])/, '$1,');

	function metricsParams(extra: INodeParameters = {}): INodeParameters {
		return {
			resource: 'metrics',
			operation: 'getData',
			customerToken: CUSTOMER_TOKEN,
			customerIntegration: documented.customer_integration as string,
			start: documented.start as string,
			end: documented.end as string,
			metricsJson: asPrinted,
			...extra,
		};
	}

	replays(['rep-metrics-get-data'], 'Get Data sends the documented body (trailing comma and all) and returns the answer keyed by id', async (shape) => {
		expect(asPrinted).toMatch(/\],\n\s*\}/);
		answer(shape);
		const result = await run(metricsParams());
		expect(result.items).toEqual([results]);
		expect(requestLine()).toEqual({ method: 'POST', path: '/api/metrics/get-data', query: {} });
		expect(sentJson()).toEqual(documented);
		expect(sent().headers['x-customer-token']).toBe(CUSTOMER_TOKEN);
	});

	replays(['rep-metrics-get-data'], 'flattened: the number, the chart by label, the table by row with named columns', async (shape) => {
		answer(shape);
		const result = await run(metricsParams({ output: 'perMetric', chartFormat: 'rows' }));
		expect(result.items).toEqual([
			{ metric_id: number.id, reference_key: 'ig:story_replies', component: 'number_v1', value: 55645, comparison_value: null, difference: null, absoluteDifference: null },
			{ metric_id: chart.id, reference_key: 'ig:followers_gender', component: 'chart_v1', series: 0, label: 'Male', value: 12628 },
			{ metric_id: chart.id, reference_key: 'ig:followers_gender', component: 'chart_v1', series: 0, label: 'Female', value: 8815 },
			{ metric_id: chart.id, reference_key: 'ig:followers_gender', component: 'chart_v1', series: 0, label: 'Unknown', value: 2745 },
			...(((results[table.id as string] as IDataObject).values as unknown[][]).map((row, i) => ({
				metric_id: table.id,
				reference_key: 'ig:clicks_breakdown',
				component: 'datatable_v1',
				row: i + 1,
				clicks_breakdown: row[0],
				count: row[1],
				ctr: row[2],
				values: row,
			}))),
		]);
	});

	replays(['rep-metrics-get-data'], 'the same results under data (as the spec-typed client reads them) give the same items', async (shape) => {
		answer(shape, { body: { data: results } });
		expect((await run(metricsParams())).items).toEqual([results]);
		const flat = await run(metricsParams({ output: 'perMetric' }));
		expect(flat.items.map((i) => i.metric_id)).toEqual([number.id, chart.id, chart.id, chart.id, table.id, table.id, table.id]);
		expect(flat.items.every((i) => i.error === undefined)).toBe(true);
	});

	replays(['rep-metrics-partial-failure'], 'a metric failing as {message, type} inside a 200 is surfaced on its own item', async (shape) => {
		// The case keys its answer by placeholders: they stand for the two requested ids.
		const ok = randomUUID();
		const failed = randomUUID();
		const body = shape.response.body as IDataObject;
		answer(shape, { body: { [ok]: body['<ok metric id>'], [failed]: body['<failed metric id>'] } });
		const metricsJson = JSON.stringify([
			{ id: ok, reference_key: 'ig:story_replies', component: 'number_v1', metrics: ['replies'] },
			{ id: failed, reference_key: 'ig:reach', component: 'number_v1', metrics: ['reach'] },
		]);
		const flat = await run(metricsParams({ metricsJson, output: 'perMetric' }));
		expect(flat.status).toBe('success');
		expect(flat.items).toEqual([
			expect.objectContaining({ metric_id: ok, value: 55645 }),
			{ metric_id: failed, reference_key: 'ig:reach', component: 'number_v1', error: '<string>', error_type: '<string>' },
		]);
		const keyed = await run(metricsParams({ metricsJson }));
		expect(keyed.items[0]).toMatchObject({ [ok]: { values: 55645 }, metric_errors: [{ metric_id: failed, reference_key: 'ig:reach', error: '<string>', error_type: '<string>' }] });
	});

	replays(['rep-metrics-request-references'], 'display-only references of the V1 collection are passed on unchanged', async (shape) => {
		answer(shape, { status: 200, body: {} });
		const recorded = shape.request.body as IDataObject;
		const result = await run(metricsParams({ customerIntegration: documented.customer_integration as string, metricsJson: JSON.stringify({ metrics: recorded.metrics }) }));
		expect((sentJson() as IDataObject).metrics).toEqual(recorded.metrics);
		// Answered {} here (the case records no response): the metric is reported, not dropped.
		expect(result.items[0].metric_errors).toEqual([
			{ metric_id: '0c13d5f2-1965-4c77-9479-b1220364e600', reference_key: 'nuvem_shop:sales', error: 'Reportei sent no data for this metric' },
		]);
	});

	replays(['rep-payload-items'], 'predefined payload widgets (objects as dimensions, filters, custom, sort, containers) go out as they are, with generated UUIDs', async (shape) => {
		answer(shape, { status: 200, body: {} });
		const recorded = (shape.request.body as IDataObject).metrics as IDataObject[];
		// Payload files carry no ids (the case's "<uuid>" marks where one goes): leave them out.
		const widgets = recorded.map(({ id: _id, ...rest }) => rest);
		for (const key of ['metrics', 'widgets']) {
			server.received.length = 0;
			await run(metricsParams({ metricsJson: JSON.stringify({ [key]: widgets }) }));
			const out = (sentJson() as IDataObject).metrics as IDataObject[];
			expect(out.map(({ id: _id, ...rest }) => rest)).toEqual(widgets);
			for (const metric of out) expect(metric.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		}
	});

	replays(['rep-metrics-get-data-async'], 'Get Data Async sends the documented body plus a signed callback URL', async (shape) => {
		answer(shape);
		const recorded = shape.request.body as IDataObject;
		const result = await run({
			...metricsParams({ metricsJson: JSON.stringify(recorded.metrics) }),
			operation: 'getDataAsync',
			callbackUrl: recorded.metrics_webhook_url as string,
		});
		expect(result.items).toEqual([
			{
				...(shape.response.body as IDataObject),
				request_id: expect.any(String),
				callback_parameter: 'n8n_request',
				metrics: [{ id: number.id, reference_key: 'ig:story_replies', component: 'number_v1' }],
			},
		]);
		const body = sentJson() as IDataObject;
		const url = new URL(body.metrics_webhook_url as string);
		expect(`${url.origin}${url.pathname}`).toBe(recorded.metrics_webhook_url);
		expect(url.searchParams.get('n8n_request')).toMatch(new RegExp(`^${String(result.items[0].request_id)}\\.`));
		expect({ ...body, metrics_webhook_url: recorded.metrics_webhook_url }).toEqual(recorded);
	});

	replays(['rep-metrics-async-callback'], 'the callback ("the same format as the get-data response") starts the trigger, keyed or flattened', async (shape) => {
		const requestId = randomUUID();
		const WEBHOOK_ID = randomUUID();
		const deliver = (parameters: INodeParameters, body: unknown) =>
			runWebhook({
				node: { type: TRIGGER, parameters, name: `Trigger ${randomUUID()}`, webhookId: WEBHOOK_ID },
				credentials: credentials(),
				staticData: {},
				request: {
					headers: { 'content-type': 'application/json' },
					query: { n8n_request: signCallbackToken(MERCHANT_TOKEN, WEBHOOK_ID, requestId) },
					rawBody: Buffer.from(JSON.stringify(body)),
				},
			});
		const keyed = await deliver({}, shape.request.body);
		expect(keyed.response.statusCode).toBe(200);
		expect(keyed.workflowData![0].map((i) => i.json)).toEqual([{ request_id: requestId, ...(shape.request.body as IDataObject) }]);
		const wrapped = await deliver({ output: 'perMetric' }, { data: shape.request.body });
		const flat = wrapped.workflowData![0].map((i) => i.json);
		expect(flat[0]).toEqual({ request_id: requestId, metric_id: number.id, component: 'number_v1', value: 55645, comparison_value: null, difference: null, absoluteDifference: null });
		expect(flat.filter((i) => i.component === 'datatable_v1')).toHaveLength(3);
	});
});

describe('errors in Reportei words', () => {
	replays(['rep-error-invalid-customer-token', 'seed-readme-error-response'], 'a refused Customer Token', async (...shapes) => {
		for (const shape of shapes) {
			await freshServer();
			answer(shape);
			const result = await run(customer({ operation: 'getSettings', customerToken: CUSTOMER_TOKEN }));
			expect(result.error?.message).toBe('Reportei Connect answered 401: Invalid Customer Token');
			expect(result.error?.description).toMatch(/Customer Token/);
			expect(`${result.error?.message} ${result.error?.description}`).not.toContain(CUSTOMER_TOKEN);
		}
	});

	replays(['rep-validation-error-lp'], "lp-connect's {error: {code, message, details}} lists each field", async (shape) => {
		// The case names no endpoint: a validation failure of Customer > Create.
		server.on('POST', '/api/customers', recordedAnswer(shape));
		const result = await run(customer({ operation: 'create', name: 'ab' }));
		expect(result.error?.message).toBe('Reportei Connect answered 422: email: The email field is required; name: The name must be at least 3 characters');
	});
});

test('every recorded case and every seed answer is replayed, or said why not', () => {
	const ids = cases.map((c) => c.id);
	const missing = ids.filter((id) => !replayed.has(id) && !(id in UNUSABLE));
	expect(missing).toEqual([]);
	expect(cases.filter((c) => c.kind === 'seed').map((c) => c.id).filter((id) => !replayed.has(id))).toEqual([]);
	expect([...replayed].filter((id) => !ids.includes(id))).toEqual([]);
	expect(cases.filter((c) => c.kind === 'seed')).toHaveLength(3);
});
