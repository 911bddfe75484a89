import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ReporteiSimulator, SimIntegration } from '../../simulators/reportei/simulator';
import { runNode, startSim } from './helpers';

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

const DASHBOARD_JSON = {
	metrics: [
		{ id: 'followers', reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
		{ id: 'gender', reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers', 'reach'], dimensions: ['gender'] },
		{ id: 'sources', reference_key: 'ga4:sessions_by_source', component: 'datatable_v1', metrics: ['sessions', 'conversion_rate'], dimensions: ['source'] },
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
		expect(Object.keys(answer)).toEqual(['followers', 'gender', 'sources']);
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as IDataObject;
		expect(sent).toMatchObject({ customer_integration: integration.uuid, start: '2025-01-01', end: '2025-01-31' });
		expect(sent.comparison_start).toBeUndefined();
		const expected = sim.metricValue(integration.uuid, DASHBOARD_JSON.metrics[0], '2025-01-01', '2025-01-31');
		expect(answer.followers).toEqual(expected);
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

		const number = out.filter((i) => i.metric_id === 'followers');
		expect(number).toHaveLength(1);
		const raw = sim.metricValue(integration.uuid, DASHBOARD_JSON.metrics[0], '2025-01-01', '2025-01-31', {
			start: '2024-12-01',
			end: '2024-12-31',
		}) as { values: number; comparison: IDataObject };
		expect(number[0]).toEqual({
			metric_id: 'followers',
			reference_key: 'ig:followers_count',
			component: 'number_v1',
			value: raw.values,
			comparison_value: raw.comparison.values,
			difference: raw.comparison.difference,
			absoluteDifference: raw.comparison.absoluteDifference,
		});

		// 2 series (followers, reach) x 3 labels (female, male, unknown)
		const chart = out.filter((i) => i.metric_id === 'gender');
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

		const table = out.filter((i) => i.metric_id === 'sources');
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
						{ referenceKey: 'ig:followers_gender', component: 'chart_v1', metrics: 'followers', dimensions: 'gender', id: 'g' },
						{ referenceKey: 'fb_ads:spend', component: 'number_v1', metrics: 'spend', entityId: '123', entityType: 'campaign' },
					],
				},
			}),
		);
		expect(run.status).toBe('success');
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data')!.body as { metrics: IDataObject[] };
		expect(sent.metrics[0]).toEqual({ id: 'g', reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] });
		expect(sent.metrics[1]).toMatchObject({ reference_key: 'fb_ads:spend', metrics: ['spend'], entity_id: '123', entity_type: 'campaign' });
		const out = items(run);
		expect(out[0]).toMatchObject({ metric_id: 'g', component: 'chart_v1', labels: ['female', 'male', 'unknown'] });
		expect((out[0].series as IDataObject[])[0]).toMatchObject({ name: 0, data: expect.any(Array) });
		expect(out[1]).toMatchObject({ reference_key: 'fb_ads:spend', value: expect.any(Number), comparison_value: null });
	});

	test.each([
		['not JSON', '{metrics: oops', /not valid JSON/],
		['an unknown component', JSON.stringify([{ reference_key: 'ig:x', component: 'pie_v9', metrics: ['a'] }]), /component "pie_v9"/],
		['a metric without metrics', JSON.stringify({ metrics: [{ reference_key: 'ig:x', component: 'number_v1', metrics: [] }] }), /lists no metrics/],
		['twice the same id', JSON.stringify([{ id: 'a', reference_key: 'ig:x', component: 'number_v1', metrics: ['m'] }, { id: 'a', reference_key: 'ig:y', component: 'number_v1', metrics: ['m'] }]), /share the id "a"/],
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
			callbackUrl: 'http://127.0.0.1:9/webhook/abc/reportei-metrics?keep=1',
		});
		expect(run.status).toBe('success');
		const [out] = items(run);
		expect(out).toMatchObject({ success: true, message: 'Metrics data collection started', callback_parameter: 'n8n_request' });
		expect(out.metrics).toEqual([
			{ id: 'followers', reference_key: 'ig:followers_count', component: 'number_v1' },
			{ id: 'gender', reference_key: 'ig:followers_gender', component: 'chart_v1' },
			{ id: 'sources', reference_key: 'ga4:sessions_by_source', component: 'datatable_v1' },
		]);
		const sent = sim.bodies.find((b) => b.path === '/api/metrics/get-data-async')!.body as IDataObject;
		const url = new URL(sent.metrics_webhook_url as string);
		expect(url.searchParams.get('keep')).toBe('1');
		expect(url.searchParams.get('n8n_request')).toMatch(new RegExp(`^${out.request_id as string}\\.[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
	});

	test('refuses a callback URL that is not http(s)', async () => {
		const run = await runNode(sim, { ...params(), operation: 'getDataAsync', callbackUrl: 'reportei-metrics' });
		expect(run.error?.message).toBe('The Callback URL "reportei-metrics" is not an http(s) URL');
		expect(sim.count({ path: '/api/metrics/get-data-async' })).toBe(0);
	});
});
