/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ReporteiSimulator, SimIntegration } from '../../../dev/simulators/reportei/simulator';
import { hintsOf, runNode, startSim } from './helpers';

let sim: ReporteiSimulator;
let apiToken: string;
let integration: SimIntegration;

beforeEach(async () => {
	sim = await startSim();
	const created = sim.addCustomer('Metrics Co', { isPaying: true });
	apiToken = created.apiToken;
	integration = sim.addIntegration(created.customer.uuid, 'instagram_business');
});

afterEach(async () => {
	await sim.stop();
});

// Connect keys each answer by its metric's UUID (docs/reportei.md).
const FOLLOWERS = 'f35a44ce-dac5-4188-aace-5c44a8952176';
const GENDER = '3051ed66-a05c-462a-aece-e1d900e78b02';
const SOURCES = 'b3a949ac-f6ae-4bd1-bb90-1e8e0cbe8ed5';

const DASHBOARD_JSON = {
	metrics: [
		{ id: FOLLOWERS, reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
		{ id: GENDER, reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers', 'reach'], dimensions: ['gender'] },
		{ id: SOURCES, reference_key: 'ga4:sessions_by_source', component: 'datatable_v1', metrics: ['sessions', 'conversion_rate'], dimensions: ['source'] },
	],
};

function params(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'metrics',
		operation: 'getData',
		customerToken: apiToken,
		customerIntegration: integration.uuid,
		start: '2025-01-01T00:00:00',
		end: '2025-01-31T00:00:00',
		metricsJson: JSON.stringify(DASHBOARD_JSON),
		...extra,
	};
}

const items = (run: Awaited<ReturnType<typeof runNode>>) => run.output('Reportei').map((i) => i.json);

describe('Get Data', () => {
	test('pasted dashboard JSON: one item keyed by metric ID, exactly what Reportei answered', async () => {
		const run = await runNode(sim, params());
		expect(run.status).toBe('success');
		const [answer] = items(run);
		expect(Object.keys(answer)).toEqual([FOLLOWERS, GENDER, SOURCES]);
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as IDataObject;
		expect(sent).toMatchObject({ customer_integration: integration.uuid, start: '2025-01-01', end: '2025-01-31' });
		expect(sent.comparison_start).toBeUndefined();
		const expected = sim.metricValue(integration.uuid, DASHBOARD_JSON.metrics[0], '2025-01-01', '2025-01-31');
		expect(answer[FOLLOWERS]).toEqual(expected);
		expect(run.output('Reportei')[0].pairedItem).toEqual({ item: 0 });
	});

	test('a bare array without ids gets generated ids, one per metric', async () => {
		const bare = DASHBOARD_JSON.metrics.map(({ id: _id, ...rest }) => rest);
		const run = await runNode(sim, params({ metricsJson: JSON.stringify(bare) }));
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as { metrics: IDataObject[] };
		const ids = sent.metrics.map((m) => m.id as string);
		expect(new Set(ids).size).toBe(3);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
		expect(Object.keys(items(run)[0])).toEqual(ids);
	});

	test('flattened per metric, with a comparison period: number, chart rows and named table columns', async () => {
		const run = await runNode(
			sim,
			params({ output: 'perMetric', chartFormat: 'rows', comparison: { comparisonStart: '2024-12-01', comparisonEnd: '2024-12-31' } }),
		);
		const out = items(run);
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as IDataObject;
		expect(sent).toMatchObject({ comparison_start: '2024-12-01', comparison_end: '2024-12-31' });

		const number = out.filter((i) => i.metric_id === FOLLOWERS);
		expect(number).toHaveLength(1);
		const raw = sim.metricValue(integration.uuid, DASHBOARD_JSON.metrics[0], '2025-01-01', '2025-01-31', {
			start: '2024-12-01',
			end: '2024-12-31',
		}) as { values: number; comparison: IDataObject };
		expect(number[0]).toEqual({
			metric_id: FOLLOWERS,
			reference_key: 'ig:followers_count',
			component: 'number_v1',
			value: raw.values,
			comparison_value: raw.comparison.values,
			difference: raw.comparison.difference,
			absoluteDifference: raw.comparison.absoluteDifference,
		});

		// 2 series (followers, reach) x 3 labels (female, male, unknown)
		const chart = out.filter((i) => i.metric_id === GENDER);
		expect(chart).toHaveLength(6);
		expect(chart.map((r) => [r.series, r.label])).toEqual([
			[0, 'female'],
			[0, 'male'],
			[0, 'unknown'],
			[1, 'female'],
			[1, 'male'],
			[1, 'unknown'],
		]);
		expect(typeof chart[0].value).toBe('number');

		const table = out.filter((i) => i.metric_id === SOURCES);
		expect(table).toHaveLength(5);
		expect(table[0]).toMatchObject({ row: 1, component: 'datatable_v1', source: 'Email' });
		expect(typeof table[0].sessions).toBe('number');
		expect(table[0].values).toEqual([table[0].source, table[0].sessions, table[0].conversion_rate]);
		expect(run.output('Reportei').every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('metrics built field by field, charts as one item with labels and series', async () => {
		const run = await runNode(
			sim,
			params({
				metricsInput: 'fields',
				output: 'perMetric',
				chartFormat: 'series',
				metricsUi: {
					metric: [
						{ referenceKey: 'ig:followers_gender', component: 'chart_v1', metrics: 'followers', dimensions: 'gender', id: GENDER },
						{ referenceKey: 'fb_ads:spend', component: 'number_v1', metrics: 'spend', entityId: '123', entityType: 'campaign' },
					],
				},
			}),
		);
		expect(run.status).toBe('success');
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as { metrics: IDataObject[] };
		expect(sent.metrics[0]).toEqual({ id: GENDER, reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] });
		expect(sent.metrics[1]).toMatchObject({ reference_key: 'fb_ads:spend', metrics: ['spend'], entity_id: '123', entity_type: 'campaign' });
		const out = items(run);
		expect(out[0]).toMatchObject({ metric_id: GENDER, component: 'chart_v1', labels: ['female', 'male', 'unknown'] });
		expect((out[0].series as IDataObject[])[0]).toMatchObject({ name: 0, data: expect.any(Array) });
		expect(out[1]).toMatchObject({ reference_key: 'fb_ads:spend', value: expect.any(Number), comparison_value: null });
	});

	test.each([
		['not JSON', '{metrics: oops', /not valid JSON/],
		['a malformed component', JSON.stringify([{ reference_key: 'ig:x', component: 'pie chart', metrics: ['a'] }]), /component "pie chart"/],
		['a metric without metrics', JSON.stringify({ metrics: [{ reference_key: 'ig:x', component: 'number_v1' }] }), /lists no metrics/],
		['twice the same id', JSON.stringify([{ id: FOLLOWERS, reference_key: 'ig:x', component: 'number_v1', metrics: ['m'] }, { id: FOLLOWERS, reference_key: 'ig:y', component: 'number_v1', metrics: ['m'] }]), /share the id/],
		['an id that is not a UUID', JSON.stringify([{ id: 'followers', reference_key: 'ig:x', component: 'number_v1', metrics: ['m'] }]), /has the id "followers", which is not a UUID/],
	])('input mistakes fail clearly before any request: %s', async (_name, json, message) => {
		const run = await runNode(sim, params({ metricsJson: json }));
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(message);
		expect(sim.count({ path: '/api/metrics/get-data' })).toBe(0);
	});

	test('an inactive integration is refused with the reason', async () => {
		integration.status = 'expired';
		const run = await runNode(sim, params());
		expect(run.error?.message).toBe(
			'Reportei Connect answered 422: The customer integration is expired: reconnect it through a new integration session.',
		);
	});
});

describe('Get Data Async', () => {
	test('adds a signed n8n_request token to the callback URL and returns the request id', async () => {
		const run = await runNode(sim, {
			...params(),
			operation: 'getDataAsync',
			callbackUrl: 'http://127.0.0.1:9/webhook/7d4c2f7e-3c1b-4f53-9a0e-5b2a41f1c0de/reportei-metrics?keep=1',
		});
		expect(run.status).toBe('success');
		const [out] = items(run);
		expect(out).toMatchObject({ success: true, message: 'Metrics data collection started', callback_parameter: 'n8n_request' });
		expect(out.metrics).toEqual([
			{ id: FOLLOWERS, reference_key: 'ig:followers_count', component: 'number_v1' },
			{ id: GENDER, reference_key: 'ig:followers_gender', component: 'chart_v1' },
			{ id: SOURCES, reference_key: 'ga4:sessions_by_source', component: 'datatable_v1' },
		]);
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data-async')!.body as IDataObject;
		const url = new URL(sent.metrics_webhook_url as string);
		expect(url.searchParams.get('keep')).toBe('1');
		const token = url.searchParams.get('n8n_request')!;
		expect(token).toMatch(new RegExp(`^${out.request_id as string}\\.[0-9a-z]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`));
		// Signed for the trigger the URL points at: its webhook ID.
		expect(Buffer.from(token.split('.')[2], 'base64url').toString()).toBe('7d4c2f7e-3c1b-4f53-9a0e-5b2a41f1c0de');
		expect(run.runData.Reportei[0].hints ?? []).toEqual([]);
	});

	test("a Callback URL that is not a trigger's is signed for its path, with a warning that no trigger accepts it", async () => {
		const run = await runNode(sim, { ...params(), operation: 'getDataAsync', callbackUrl: 'https://hooks.example.com/reportei' });
		expect(run.status).toBe('success');
		expect(run.runData.Reportei[0].hints?.[0]).toMatchObject({ type: 'warning', message: expect.stringMatching(/^The Callback URL does not end in \/<webhook id>\/reportei-metrics/) });
	});

	test('refuses a callback URL that is not http(s)', async () => {
		const run = await runNode(sim, { ...params(), operation: 'getDataAsync', callbackUrl: 'reportei-metrics' });
		expect(run.error?.message).toBe('The Callback URL "reportei-metrics" is not an http(s) URL');
		expect(sim.count({ path: '/api/metrics/get-data-async' })).toBe(0);
	});
});

describe('what the documents leave open', () => {
	test('results under data are read like top-level ones, in both output modes', async () => {
		sim.metricsEnvelope = 'data';
		const keyed = items(await runNode(sim, params()));
		expect(Object.keys(keyed[0])).toEqual([FOLLOWERS, GENDER, SOURCES]);
		const flat = items(await runNode(sim, params({ output: 'perMetric' })));
		expect(flat[0]).toMatchObject({ metric_id: FOLLOWERS, component: 'number_v1', value: expect.any(Number) });
		expect(flat.every((i) => i.error === undefined)).toBe(true);
	});

	test('a metric failing inside a 200 is surfaced on its own; the others and the item survive', async () => {
		sim.failMetric('ig:followers_gender', { message: 'Metric not available for this account', type: 'metric_error' });
		sim.failMetric('ga4:sessions_by_source', { warning: 'Some metrics left the network' });
		const keyedRun = await runNode(sim, params());
		expect(keyedRun.status).toBe('success');
		const [keyed] = items(keyedRun);
		expect(keyed[FOLLOWERS]).toMatchObject({ values: expect.any(Number) });
		expect(keyed.metric_errors).toEqual([
			{ metric_id: GENDER, reference_key: 'ig:followers_gender', error: 'Metric not available for this account', error_type: 'metric_error' },
			{ metric_id: SOURCES, reference_key: 'ga4:sessions_by_source', warning: 'Some metrics left the network' },
		]);
		expect(hintsOf(keyedRun)).toEqual([expect.stringMatching(/^2 of 3 metrics came back from Reportei without data or with a warning \(ig:followers_gender: Metric not available/)]);
		const flat = items(await runNode(sim, params({ output: 'perMetric' })));
		expect(flat.map((i) => [i.metric_id, i.error ?? i.warning ?? 'ok'])).toEqual([
			[FOLLOWERS, 'ok'],
			[GENDER, 'Metric not available for this account'],
			[SOURCES, 'Some metrics left the network'],
		]);
	});

	test('a metrics refusal (422 {message, extra}) fails the item with both', async () => {
		sim.failMetric('ig:followers_count', { refuse: 'The requested metrics are not available for this integration', extra: { metrics: ['followers_count'] } });
		const run = await runNode(sim, params());
		expect(run.error?.message).toBe(
			'Reportei Connect answered 422: The requested metrics are not available for this integration (extra: {"metrics":["followers_count"]})',
		);
	});

	test('client_timezone and several integrations (customer_integration_uuids) are sent', async () => {
		const other = sim.addIntegration(integration.customer_uuid, 'facebook');
		const run = await runNode(sim, params({ comparison: { clientTimezone: 'America/Sao_Paulo', customerIntegrationIds: [other.uuid] } }));
		expect(run.status).toBe('success');
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as IDataObject;
		expect(sent).toMatchObject({ client_timezone: 'America/Sao_Paulo', customer_integration_uuids: [integration.uuid, other.uuid] });
		expect(sent.customer_integration).toBeUndefined();
	});

	test('a predefined payload with "widgets" and payload components is sent as it is, with generated UUIDs', async () => {
		const widgets = [
			{ reference_key: 'fb_ads:reach_facebook', component: 'number_v1', metrics: ['reach'], dimensions: [{ field: 'publisher_platform', operator: 'IN', value: ['facebook'] }] },
			{ reference_key: 'fb_ads:summary', component: 'container_v1', container_type: 'summary', metrics: [], dimensions: [{ field: 'summary' }], widgets: [] },
		];
		const run = await runNode(sim, params({ metricsJson: JSON.stringify({ widgets }), output: 'perMetric' }));
		expect(run.status).toBe('success');
		const sent = (sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as { metrics: IDataObject[] }).metrics;
		expect(sent.map(({ id: _id, ...rest }) => rest)).toEqual(widgets);
		const out = items(run);
		expect(out[0]).toMatchObject({ reference_key: 'fb_ads:reach_facebook', value: expect.any(Number) });
		expect(out[1]).toMatchObject({ reference_key: 'fb_ads:summary', component: 'container_v1', error: expect.any(String) });
	});

	test('a workflow saved with a plain Customer Integration string (before the picker) still runs', async () => {
		const run = await runNode(sim, params({ customerIntegration: integration.uuid }), [{}], { version: 1 });
		expect(run.status).toBe('success');
		const picked = await runNode(sim, params({ customerIntegration: { __rl: true, mode: 'list', value: integration.uuid } }));
		expect(items(picked)).toEqual(items(run));
	});
});
