import { randomUUID } from 'node:crypto';

import { calendarDay } from '../../../nodes/shared/fields';
import {
	callbackTrigger,
	callbackUrlWithToken,
	componentOf,
	flattenMetric,
	metricProblem,
	metricResults,
	metricsFromFields,
	metricsFromJson,
	metricsOutput,
	signCallbackToken,
	verifyCallbackToken,
	withoutTrailingCommas,
} from '../../../nodes/ReporteiConnect/metrics';
import { smallerPageSize } from '../../../nodes/ReporteiConnect/lists';
import { connectTime, customerProfile, merchantProfile, reporteiWords } from '../../../nodes/ReporteiConnect/transport';

const A = 'f35a44ce-dac5-4188-aace-5c44a8952176';
const B = '3051ed66-a05c-462a-aece-e1d900e78b02';

const HOUR = 3600_000;

describe('callback token', () => {
	const secret = 'merchant-token';
	const WEBHOOK = '7d4c2f7e-3c1b-4f53-9a0e-5b2a41f1c0de';
	const self = { webhookId: WEBHOOK, workflowId: 'wf-1', nodeName: 'Metrics Arrived' };

	test('a token it signed verifies and yields the request id and issue time', () => {
		const id = randomUUID();
		const now = Date.now();
		expect(verifyCallbackToken(secret, signCallbackToken(secret, WEBHOOK, id, now), self, 24 * HOUR, now)).toEqual({ ok: true, requestId: id, issuedAt: now, bound: true });
	});

	test('forgeries fail: another key, a changed id, time or trigger, garbage', () => {
		const id = randomUUID();
		const token = signCallbackToken(secret, WEBHOOK, id);
		const [, issued, bound, mac] = token.split('.');
		const other = Buffer.from('9d2e4f60-1a3b-4c5d-8e7f-0a1b2c3d4e5f').toString('base64url');
		expect(verifyCallbackToken('other', token, self, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, `${randomUUID()}.${issued}.${bound}.${mac}`, self, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, `${id}.${(parseInt(issued, 36) + 1).toString(36)}.${bound}.${mac}`, self, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, `${id}.${issued}.${other}.${mac}`, { ...self, webhookId: '9d2e4f60-1a3b-4c5d-8e7f-0a1b2c3d4e5f' }, HOUR)).toEqual({ ok: false, reason: 'signature' });
		// Without its trigger the token is no first-version token either.
		expect(verifyCallbackToken(secret, `${id}.${issued}.${mac}`, self, HOUR)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyCallbackToken(secret, 'x.y.z', self, HOUR)).toEqual({ ok: false, reason: 'malformed' });
		expect(verifyCallbackToken(secret, undefined, self, HOUR)).toEqual({ ok: false, reason: 'missing' });
		expect(verifyCallbackToken(secret, ['a', 'b'], self, HOUR)).toEqual({ ok: false, reason: 'missing' });
	});

	test('a genuine token for another trigger is refused as such', () => {
		const token = signCallbackToken(secret, WEBHOOK);
		expect(verifyCallbackToken(secret, token, { ...self, webhookId: randomUUID() }, HOUR)).toEqual({ ok: false, reason: 'trigger' });
		expect(verifyCallbackToken(secret, token, { workflowId: 'wf-1', nodeName: 'Metrics Arrived' }, HOUR)).toEqual({ ok: false, reason: 'trigger' });
	});

	test("the trigger is read from the URL: the webhook ID, or the workflow and node name of a trigger saved without one", () => {
		expect(callbackTrigger(`https://n8n.example.com/webhook/${WEBHOOK}/reportei-metrics?a=1`)).toBe(WEBHOOK);
		expect(callbackTrigger(`https://n8n.example.com/webhook-test/${WEBHOOK.toUpperCase()}/reportei-metrics/`)).toBe(WEBHOOK);
		expect(callbackTrigger(`https://example.com/n8n/hooks/${WEBHOOK}/reportei-metrics`)).toBe(WEBHOOK);
		const byName = callbackTrigger('https://n8n.example.com/webhook/wf-1/metrics%20arrived/reportei-metrics');
		expect(byName).toBe('wf-1/metrics arrived');
		expect(verifyCallbackToken(secret, signCallbackToken(secret, byName), { workflowId: 'wf-1', nodeName: 'Metrics Arrived' }, HOUR)).toMatchObject({ ok: true });
		expect(verifyCallbackToken(secret, signCallbackToken(secret, byName), { workflowId: 'wf-2', nodeName: 'Metrics Arrived' }, HOUR)).toEqual({ ok: false, reason: 'trigger' });
		expect(callbackTrigger('https://hooks.example.com/reportei')).toBe('path:/reportei');
	});

	test('old tokens and tokens from the future expire', () => {
		const now = Date.now();
		expect(verifyCallbackToken(secret, signCallbackToken(secret, WEBHOOK, randomUUID(), now - 2 * HOUR), self, HOUR, now)).toEqual({ ok: false, reason: 'expired' });
		expect(verifyCallbackToken(secret, signCallbackToken(secret, WEBHOOK, randomUUID(), now + HOUR), self, HOUR, now)).toEqual({ ok: false, reason: 'expired' });
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
		const bare = metricsFromJson([{ id: A, reference_key: 'ig:b', component: 'chart_v1', metrics: ['m'], dimensions: ['gender'] }]);
		expect(bare).toEqual([{ id: A, reference_key: 'ig:b', component: 'chart_v1', metrics: ['m'], dimensions: ['gender'] }]);
	});

	test('an id that is not a UUID is refused before sending, naming the metric', () => {
		expect(() => metricsFromJson([{ id: 'followers', reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['m'] }])).toThrow(
			'The metric 1 (ig:followers_count) has the id "followers", which is not a UUID',
		);
		expect(() => metricsFromFields([{ id: 'x', referenceKey: 'ig:a', component: 'number_v1', metrics: 'm' }])).toThrow(/not a UUID/);
	});

	test('predefined payloads: {"widgets": [...]}, payload components, empty metrics of containers, object dimensions', () => {
		const widgets = metricsFromJson({
			widgets: [
				{ reference_key: 'fb_ads:summary', component: 'container_v1', container_type: 'summary', metrics: [], dimensions: [{ field: 'summary' }], widgets: [] },
				{ reference_key: 'fb:page_posts_reactions', component: 'iconsList_v1', metrics: ['page_posts_reactions'] },
			],
		});
		expect(widgets.map((m) => m.component)).toEqual(['container_v1', 'iconsList_v1']);
		expect(widgets[0]).toMatchObject({ metrics: [], dimensions: [{ field: 'summary' }], widgets: [], container_type: 'summary' });
		expect(() => metricsFromJson([{ reference_key: 'ig:x', component: 'number_v1' }])).toThrow(/lists no metrics/);
		expect(() => metricsFromJson([{ reference_key: 'ig:x', component: 'pie chart', metrics: ['a'] }])).toThrow(/not a Connect component/);
	});

	test('the trailing comma of the documented example is survived, commas inside strings kept', () => {
		expect(withoutTrailingCommas('{"a": [1, 2, ], "b": "x, ]",\n}')).toBe('{"a": [1, 2 ], "b": "x, ]"\n}');
		const parsed = metricsFromJson('{"metrics": [{"reference_key": "ig:a", "component": "number_v1", "metrics": ["m"], "dimensions": ["stories"],},]}');
		expect(parsed[0].dimensions).toEqual(['stories']);
	});

	test('rejects empty lists and missing reference keys', () => {
		expect(() => metricsFromJson('{"metrics":[]}')).toThrow(/at least one metric/);
		expect(() => metricsFromJson('[{"component":"number_v1","metrics":["m"]}]')).toThrow(/no reference_key/);
		expect(() => metricsFromFields([])).toThrow(/at least one metric/);
	});

	test('fields: comma lists, entity only with an id', () => {
		const [m] = metricsFromFields([{ referenceKey: 'fb:x', component: 'datatable_v1', metrics: 'a, b', dimensions: '', entityId: '', entityType: 'ad' }]);
		expect(m).toMatchObject({ reference_key: 'fb:x', metrics: ['a', 'b'] });
		expect(() => metricsFromFields([{ referenceKey: 'fb:x', component: 'number_v1', metrics: '' }])).toThrow(/lists no metrics/);
		expect(m.entity_type).toBeUndefined();
		expect(m.dimensions).toBeUndefined();
	});

	test('dates become YYYY-MM-DD', () => {
		expect(calendarDay('2025-03-04T10:00:00', 'Start')).toBe('2025-03-04');
		expect(calendarDay(new Date('2025-03-04T00:00:00Z'), 'Start')).toBe('2025-03-04');
		expect(() => calendarDay('yesterday', 'Start')).toThrow(/Start "yesterday" is not a date/);
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
		const requested = metricsFromJson([{ id: A, reference_key: 'ig:a', component: 'number_v1', metrics: ['m'] }]);
		const out = metricsOutput({}, { output: 'perMetric', chartFormat: 'rows' }, requested);
		expect(out.items).toEqual([{ metric_id: A, reference_key: 'ig:a', component: 'number_v1', error: 'Reportei sent no data for this metric' }]);
		expect(metricsOutput({}, { output: 'keyed', chartFormat: 'rows' }, requested).items).toEqual([
			{ metric_errors: [{ metric_id: A, reference_key: 'ig:a', error: 'Reportei sent no data for this metric' }] },
		]);
	});

	test('per-metric failures inside a 200: {message, type} and {warning} per metric, the rest untouched', () => {
		const requested = metricsFromJson([
			{ id: A, reference_key: 'ig:a', component: 'number_v1', metrics: ['m'] },
			{ id: B, reference_key: 'ig:b', component: 'datatable_v1', metrics: ['m'] },
		]);
		const answer = { [A]: { message: 'Metric not available for this account', type: 'metric_error' }, [B]: { warning: 'Instagram stopped delivering impressions' } };
		const flat = metricsOutput(answer, { output: 'perMetric', chartFormat: 'rows' }, requested).items;
		expect(flat).toEqual([
			{ metric_id: A, reference_key: 'ig:a', component: 'number_v1', error: 'Metric not available for this account', error_type: 'metric_error' },
			{ metric_id: B, reference_key: 'ig:b', component: 'datatable_v1', warning: 'Instagram stopped delivering impressions' },
		]);
		const keyed = metricsOutput({ ...answer, [B]: { values: [['x', 1]], warning: 'partial' } }, { output: 'keyed', chartFormat: 'rows' }, requested);
		expect(keyed.items[0].metric_errors).toEqual([
			{ metric_id: A, reference_key: 'ig:a', error: 'Metric not available for this account', error_type: 'metric_error' },
			{ metric_id: B, reference_key: 'ig:b', warning: 'partial' },
		]);
		expect(metricProblem(A, { values: 3 })).toBeUndefined();
	});

	test('results at the top level or under data', () => {
		expect(metricResults({ [A]: { values: 1 } }, [A])).toEqual({ [A]: { values: 1 } });
		expect(metricResults({ data: { [A]: { values: 1 } } }, [A])).toEqual({ [A]: { values: 1 } });
		expect(metricResults({ data: { [A]: { values: 1 } }, success: true })).toEqual({ [A]: { values: 1 } });
		expect(metricResults({ data: { [A]: { values: 1 } }, [B]: { values: 2 } })).toEqual({ data: { [A]: { values: 1 } }, [B]: { values: 2 } });
	});
});

describe('transport', () => {
	test.each([
		['{message}', { message: 'Invalid Customer Token' }, 'Invalid Customer Token'],
		['{message, extra}', { message: 'Metrics not available', extra: { missing: ['ig:impressions'] } }, 'Metrics not available (extra: {"missing":["ig:impressions"]})'],
		[
			'Laravel {message, errors} with the first error as message',
			{ message: 'The name field is required. (and 1 more error)', errors: { name: ['The name field is required.'], start: ['The start field must be a valid date.'] } },
			'name: The name field is required.; start: The start field must be a valid date.',
		],
		['Laravel {errors} alone', { errors: { 'metrics.0.id': ['The metrics.0.id field must be a valid UUID.'] } }, 'metrics.0.id: The metrics.0.id field must be a valid UUID.'],
		['a message of its own before the fields', { message: 'Quota reached', errors: { plan: ['Upgrade'] } }, 'Quota reached plan: Upgrade'],
		[
			'lp-connect {error: {code, message, details}}',
			{ error: { code: 'validation_error', message: 'The given data was invalid', details: { name: ['The name must be at least 3 characters'] } } },
			'name: The name must be at least 3 characters',
		],
		['an HTML page', '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>...</body></html>', '502 Bad Gateway (an HTML page instead of JSON)'],
	])('error words: %s', (_name, body, words) => {
		expect(reporteiWords(body)).toBe(words);
	});

	test('Connect times without a zone are UTC', () => {
		expect(connectTime('2024-10-08 17:15:12')).toBe(Date.UTC(2024, 9, 8, 17, 15, 12));
		expect(connectTime('2024-10-08T17:15:12-03:00')).toBe(Date.UTC(2024, 9, 8, 20, 15, 12));
		expect(connectTime(null)).toBeNaN();
	});

	test('hints: the trial 401 names Set Payment Status, the merchant 401 names the credential', () => {
		const unauthorized = { status: 401, headers: {}, message: '' };
		expect(customerProfile.classify?.(unauthorized, 'Trial expired')?.hint).toMatch(/Set Payment Status/);
		expect(customerProfile.classify?.(unauthorized, 'Invalid Customer Token')?.hint).toMatch(/Customer Token/);
		expect(merchantProfile.classify?.(unauthorized, 'Unauthenticated.')?.hint).toMatch(/credential/);
		expect(merchantProfile.honourRateLimitHeaders).toBe(true);
	});
});

describe('page size refusals', () => {
	const refusal = (status: number, body: unknown, said: string) => {
		const error = new Error('refused');
		Object.defineProperty(error, 'providerFailure', { value: { provider: 'Reportei Connect', source: 'api', status, body, said, attempts: 1, notFound: false } });
		return error;
	};

	test.each([
		['Laravel, maximum stated', 422, { errors: { per_page: ['The per page field must not be greater than 50.'] } }, 'per_page: The per page field must not be greater than 50.', 50],
		['a range', 422, { message: 'The per page must be between 1 and 25.' }, 'The per page must be between 1 and 25.', 25],
		['no maximum stated', 422, { errors: { per_page: ['The per page field is invalid.'] } }, 'per_page: The per page field is invalid.', 15],
		['lp-connect details', 400, { error: { code: 'validation_error', message: 'Invalid', details: { per_page: ['máximo de 30'] } } }, 'per_page: máximo de 30', 30],
	])('%s', (_name, status, body, said, next) => {
		expect(smallerPageSize(refusal(status, body, said), 100)).toBe(next);
	});

	test('other refusals are not about the page size; below the default the size halves', () => {
		expect(smallerPageSize(refusal(422, { errors: { status: ['The selected status is invalid.'] } }, 'status: The selected status is invalid.'), 100)).toBeUndefined();
		expect(smallerPageSize(refusal(401, { message: 'per_page' }, 'per_page'), 100)).toBeUndefined();
		expect(smallerPageSize(refusal(422, { errors: { per_page: ['invalid'] } }, 'per_page: invalid'), 15)).toBe(7);
		expect(smallerPageSize(refusal(422, { errors: { per_page: ['invalid'] } }, 'per_page: invalid'), 1)).toBeUndefined();
	});
});
