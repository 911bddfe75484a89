import { randomUUID } from 'node:crypto';

import {
	callbackUrlWithToken,
	componentOf,
	flattenMetric,
	isoDate,
	metricsFromFields,
	metricsFromJson,
	metricsOutput,
	signCallbackToken,
	verifyCallbackToken,
} from '../../../nodes/ReporteiConnect/metrics';
import { customerIntegrationEnvelope, customerProfile, merchantProfile } from '../../../nodes/ReporteiConnect/transport';

const HOUR = 3600_000;

describe('callback token', () => {
	const secret = 'merchant-token';

	test('a token it signed verifies and yields the request id and issue time', () => {
		const id = randomUUID();
		const now = Date.now();
		expect(verifyCallbackToken(secret, signCallbackToken(secret, id, now), 24 * HOUR, now)).toEqual({ ok: true, requestId: id, issuedAt: now });
	});

	test('forgeries fail: another key, a changed id, a changed time, garbage', () => {
		const id = randomUUID();
		const token = signCallbackToken(secret, id);
		const [, issued, mac] = token.split('.');
		expect(verifyCallbackToken('other', token, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, `${randomUUID()}.${issued}.${mac}`, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, `${id}.${(parseInt(issued, 36) + 1).toString(36)}.${mac}`, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, 'x.y.z', HOUR)).toEqual({ ok: false, reason: 'malformed' });
		expect(verifyCallbackToken(secret, undefined, HOUR)).toEqual({ ok: false, reason: 'missing' });
		expect(verifyCallbackToken(secret, ['a', 'b'], HOUR)).toEqual({ ok: false, reason: 'missing' });
	});

	test('old tokens and tokens from the future expire', () => {
		const now = Date.now();
		expect(verifyCallbackToken(secret, signCallbackToken(secret, randomUUID(), now - 2 * HOUR), HOUR, now)).toEqual({ ok: false, reason: 'expired' });
		expect(verifyCallbackToken(secret, signCallbackToken(secret, randomUUID(), now + HOUR), HOUR, now)).toEqual({ ok: false, reason: 'expired' });
	});

	test('the callback URL keeps its query and gets the token', () => {
		const url = callbackUrlWithToken('https://n8n.example.com/webhook/x/reportei-metrics?a=1', 'tok');
		expect(url).toBe('https://n8n.example.com/webhook/x/reportei-metrics?a=1&n8n_request=tok');
	});
});

describe('metrics input', () => {
	test('accepts {"metrics":[...]} and a bare array, keeps extra keys, generates missing ids', () => {
		const wrapped = metricsFromJson('{"metrics":[{"reference_key":"ig:a","component":"number_v1","metrics":["m"],"type":"widget"}]}');
		expect(wrapped[0]).toMatchObject({ reference_key: 'ig:a', type: 'widget', metrics: ['m'] });
		expect(wrapped[0].id).toMatch(/^[0-9a-f-]{36}$/);
		const bare = metricsFromJson([{ id: 'x', reference_key: 'ig:b', component: 'chart_v1', metrics: ['m'], dimensions: ['gender'] }]);
		expect(bare).toEqual([{ id: 'x', reference_key: 'ig:b', component: 'chart_v1', metrics: ['m'], dimensions: ['gender'] }]);
	});

	test('rejects empty lists and missing reference keys', () => {
		expect(() => metricsFromJson('{"metrics":[]}')).toThrow(/at least one metric/);
		expect(() => metricsFromJson('[{"component":"number_v1","metrics":["m"]}]')).toThrow(/no reference_key/);
		expect(() => metricsFromFields([])).toThrow(/at least one metric/);
	});

	test('fields: comma lists, entity only with an id', () => {
		const [m] = metricsFromFields([{ referenceKey: 'fb:x', component: 'datatable_v1', metrics: 'a, b', dimensions: '', entityId: '', entityType: 'ad' }]);
		expect(m).toMatchObject({ reference_key: 'fb:x', metrics: ['a', 'b'] });
		expect(m.entity_type).toBeUndefined();
		expect(m.dimensions).toBeUndefined();
	});

	test('dates become YYYY-MM-DD', () => {
		expect(isoDate('2025-03-04T10:00:00', 'Start')).toBe('2025-03-04');
		expect(isoDate(new Date('2025-03-04T00:00:00Z'), 'Start')).toBe('2025-03-04');
		expect(() => isoDate('yesterday', 'Start')).toThrow(/Start must be a date/);
	});
});

describe('flattening', () => {
	test('component read from the shape when the request is unknown (the callback)', () => {
		expect(componentOf({ values: 5 })).toBe('number_v1');
		expect(componentOf({ values: '5' })).toBe('number_v1');
		expect(componentOf({ labels: [], values: [] })).toBe('chart_v1');
		expect(componentOf({ values: [['a', 1]] })).toBe('datatable_v1');
		expect(componentOf({ something: true })).toBeUndefined();
	});

	test('number without comparison has null comparison fields', () => {
		expect(flattenMetric('n', { values: 7 }, 'rows')).toEqual([
			{ metric_id: 'n', component: 'number_v1', value: 7, comparison_value: null, difference: null, absoluteDifference: null },
		]);
	});

	test('datatable columns fall back to column_n when names do not match the width', () => {
		const [row] = flattenMetric('t', { values: [['Email', 2, 0.0002]] }, 'rows');
		expect(row).toEqual({ metric_id: 't', component: 'datatable_v1', row: 1, column_1: 'Email', column_2: 2, column_3: 0.0002, values: ['Email', 2, 0.0002] });
	});

	test('named chart series and unknown shapes', () => {
		const rows = flattenMetric('c', { labels: ['a'], values: [{ name: 'reach', data: [3] }] }, 'rows');
		expect(rows).toEqual([{ metric_id: 'c', component: 'chart_v1', series: 'reach', label: 'a', value: 3 }]);
		expect(flattenMetric('u', { foo: 1 }, 'rows')).toEqual([{ metric_id: 'u', component: null, data: { foo: 1 } }]);
		expect(flattenMetric('e', { error: 'No data' }, 'rows')).toEqual([{ metric_id: 'e', component: null, error: 'No data' }]);
	});

	test('a requested metric missing from the answer is reported, not dropped', () => {
		const out = metricsOutput({}, { output: 'perMetric', chartFormat: 'rows' }, metricsFromJson([{ id: 'a', reference_key: 'ig:a', component: 'number_v1', metrics: ['m'] }]));
		expect(out).toEqual([{ metric_id: 'a', reference_key: 'ig:a', component: 'number_v1', error: 'Reportei sent no data for this metric' }]);
	});
});

describe('transport', () => {
	const page = { page: 1, offset: 0, size: 100 };

	test('customer integration lists in the three possible shapes', () => {
		expect(customerIntegrationEnvelope.read([{ uuid: 'a' }], page)).toEqual({ items: [{ uuid: 'a' }], last: true });
		expect(customerIntegrationEnvelope.read({ customer_integrations: [{ uuid: 'b' }] }, page)).toEqual({ items: [{ uuid: 'b' }], last: true });
		expect(customerIntegrationEnvelope.read({ data: [{ uuid: 'c' }], meta: { current_page: 1, last_page: 2 } }, page)).toEqual({
			items: [{ uuid: 'c' }],
			last: false,
		});
	});

	test('hints: the trial 401 names Set Payment Status, the merchant 401 names the credential', () => {
		expect(customerProfile.hint?.({ status: 401, headers: {}, body: { message: 'Trial expired' }, message: '' })).toMatch(/Set Payment Status/);
		expect(customerProfile.hint?.({ status: 401, headers: {}, body: { error: { code: 'x', message: 'Invalid Customer Token' } }, message: '' })).toMatch(
			/Customer Token/,
		);
		expect(merchantProfile.hint?.({ status: 401, headers: {}, body: { message: 'Unauthenticated.' }, message: '' })).toMatch(/credential/);
		expect(merchantProfile.honourRateLimitHeaders).toBe(true);
	});
});
