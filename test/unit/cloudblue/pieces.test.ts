import { NodeApiError, NodeHelpers, type JsonObject } from 'n8n-workflow';

import { explainTokenFailure, fetchAccessToken, keycloakTokenUrl } from '../../../nodes/CloudBlueCommerce/auth';
import { tokenFailureOf } from '../../../nodes/shared/errors';
import { isoInstant, valueOptions } from '../../../nodes/CloudBlueCommerce/actions/common';
import { reportField } from '../../../nodes/CloudBlueCommerce/actions/report/fields';
import { CloudBlueCommerce } from '../../../nodes/CloudBlueCommerce/CloudBlueCommerce.node';
import { bodyCorrelationId, classifyFailure, cloudBlueSaid, htmlPage, storageError } from '../../../nodes/CloudBlueCommerce/errors';
import { fileNameOf, formatOf, isCompleted, mimeTypeOf, normalizeReport, reportKey, reportLabel, reportPeriod, reportReference } from '../../../nodes/CloudBlueCommerce/reports';
import { simplifyCustomer, simplifyOrder } from '../../../nodes/CloudBlueCommerce/simplify';
import { collectPages } from '../../../nodes/shared/pagination';
import { cloudBlueEnvelope, singleObject } from '../../../nodes/CloudBlueCommerce/transport';
import { jsonValue } from '../../../nodes/shared/fields';
import { locatorText } from '../../../nodes/shared/locators';

describe('token failures', () => {
	const url = 'https://api.example/marketplace/token';

	it('tells a wrong subscription key from a wrong password from a wrong URL', () => {
		const apim = { statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' };
		expect(explainTokenFailure({ method: 'token', url, status: 401, body: apim }).message).toMatch(/Subscription Key was refused/);
		expect(explainTokenFailure({ method: 'token', url, status: 401, body: { message: 'Invalid credentials' } }).message).toMatch(/username or password/);
		expect(explainTokenFailure({ method: 'token', url, status: 404, body: '<html>' }).message).toMatch(/no token endpoint/);
		expect(explainTokenFailure({ method: 'token', url, status: 200, body: '<html>' }).message).toMatch(/answered without a token/);
		expect(explainTokenFailure({ method: 'token', url, networkCode: 'ENOTFOUND' }).message).toMatch(/host name was not found/);
		expect(explainTokenFailure({ method: 'token', url, status: 429, body: { message: 'Rate limit is exceeded.' } }).fix).toMatch(/Try again later/);
		expect(explainTokenFailure({ method: 'oAuth2Password', url, status: 503, body: '' }).message).toMatch(/had a problem on its side/);
	});

	it('quotes the endpoint\'s own words, and sums up an HTML page', () => {
		const keycloak = explainTokenFailure({ method: 'oAuth2Password', url, status: 401, body: { error: 'invalid_grant', error_description: 'Invalid user credentials' } });
		expect(keycloak.message).toBe('The username or password was refused (HTTP 401: "Invalid user credentials (invalid_grant)")');
		const v11 = { timeStamp: '2023-02-22T07:45:08.223+00:00', status: 401, message: 'Wrong login', path: '/token', correlationId: 'a8n-1' };
		expect(explainTokenFailure({ method: 'token', url, status: 401, body: v11 }).message).toBe('The username or password was refused (HTTP 401: "Wrong login")');
		const page = '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body></body></html>';
		expect(explainTokenFailure({ method: 'token', url, status: 504, body: page }).message).toBe(
			'The token endpoint had a problem on its side (HTTP 504, an HTML error page: "504 Gateway Time-out")',
		);
	});

	it('takes the correlation ID from a Marketplace API 1.1 error body when the header is missing', async () => {
		const refused = Object.assign(new Error('Request failed with status code 401'), {
			response: { status: 401, headers: {}, data: { timeStamp: 't', status: 401, message: 'Wrong login', path: '/token', correlationId: 'a8n-54bc6dc3' } },
		});
		const helpers = { httpRequest: jest.fn().mockRejectedValue(refused) } as never;
		const error = (await fetchAccessToken(helpers, { authentication: 'token', baseUrl: 'https://api.example/marketplace' }).catch((e: Error) => e)) as Error;
		expect(error.message).toMatch(/Correlation ID: a8n-54bc6dc3\.$/);
	});

	it('reads Keycloak errors', () => {
		const kc = 'https://idp.example/auth/realms/sr1/protocol/openid-connect/token';
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 401, body: { error: 'unauthorized_client' } }).message).toMatch(/Client ID or Client Secret/);
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 401, body: { error: 'invalid_grant' } }).message).toMatch(/username or password/);
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 404, body: { error: 'Realm does not exist' } }).fix).toMatch(/Token URL/);
	});

	it('keeps its readable message for n8n and its HTTP answer for the node (status, correlation id, fix)', async () => {
		const refused = Object.assign(new Error('Request failed with status code 401'), {
			response: { status: 401, headers: { 'X-Correlation-ID': 'cb-123' }, data: { message: 'Bad credentials' } },
		});
		const helpers = { httpRequest: jest.fn().mockRejectedValue(refused) } as never;
		const error = (await fetchAccessToken(helpers, { authentication: "token", baseUrl: "https://api.example/marketplace", password: "p4ssw0rd" }).catch((e: Error) => e)) as Error;
		expect(error.message).toMatch(/^The username or password was refused \(HTTP 401: "Bad credentials"\)\. Check the Username.*Correlation ID: cb-123\.$/);
		// n8n's NodeApiError replaces the message of an error whose status it can find: it must not find one.
		const wrapped = new NodeApiError({ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, error as unknown as JsonObject);
		expect(wrapped.message).toBe(error.message);
		expect((error as { response?: unknown }).response).toBeUndefined();
		const token = tokenFailureOf(wrapped);
		expect(token?.http).toMatchObject({ status: 401, headers: { 'x-correlation-id': 'cb-123' }, body: { message: 'Bad credentials' } });
		expect(token?.providerFailure).toMatchObject({ source: 'token', status: 401, correlationId: 'cb-123', request: `POST ${url}` });
		expect(token?.fix).toBe(explainTokenFailure({ method: 'token', url, status: 401, body: { message: 'Bad credentials' } }).fix);
	});

	it('completes a realm address to its token endpoint', () => {
		expect(keycloakTokenUrl('https://idp/auth/realms/sr1/protocol/openid-connect/')).toBe('https://idp/auth/realms/sr1/protocol/openid-connect/token');
		expect(keycloakTokenUrl('https://idp/auth/realms/sr1/protocol/openid-connect/token')).toBe('https://idp/auth/realms/sr1/protocol/openid-connect/token');
	});
});

describe('reports', () => {
	it('normalizes upper-case and misspelled formats', () => {
		expect(normalizeReport({ format: 'XLSX', status: 'Completed' })).toEqual({ format: 'xlsx', status: 'completed' });
		expect(normalizeReport({ format: 'xslx' }).format).toBe('xlsx');
	});

	it('names the file after the blob, or the report', () => {
		const report = { name: 'withres2', format: 'XLSX', downloadUrl: 'https://drrde3.blob.core.windows.net/rdecontainer/withres2.2019-11-12.xlsx?sv=1&sig=abc' };
		expect(fileNameOf(report)).toBe('withres2.2019-11-12.xlsx');
		expect(mimeTypeOf(report, fileNameOf(report))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(fileNameOf({ name: 'a/b', format: 'csv', downloadUrl: 'https://x/container/?sig=1' })).toBe('a_b.csv');
		expect(formatOf({ downloadUrl: 'https://x/c/file.json.gz?sig=1' })).toBe('json');
		expect(mimeTypeOf({ format: 'json' }, 'file.json.gz')).toBe('application/gzip');
	});

	it('identifies reports without an id by their link without the SAS query', () => {
		expect(reportKey({ id: 'u-1' })).toBe('id:u-1');
		expect(reportKey({ downloadUrl: 'https://b/c/f.csv?sig=1' })).toBe(reportKey({ downloadUrl: 'https://b/c/f.csv?sig=2' }));
		expect(reportKey({ name: 'n', creationDate: 'd' })).toBe('name:n@d');
	});
});

describe('dates and options', () => {
	it('sends date-times of report periods and order filters as UTC instants (UTC when no zone)', () => {
		expect(isoInstant('2026-11-05', 'Start')).toBe('2026-11-05T00:00:00Z');
		expect(isoInstant('2026-11-05T10:00:00', 'Start')).toBe('2026-11-05T10:00:00Z');
		expect(isoInstant('2026-11-05T10:00:00+02:00', 'Start')).toBe('2026-11-05T08:00:00Z');
		expect(isoInstant('2026-11-05T10:00:00.250Z', 'Start')).toBe('2026-11-05T10:00:00.250Z');
		expect(() => isoInstant('soon', 'Start')).toThrow('"soon" is not a valid Start');
	});

	it('names provider values for the UI', () => {
		expect(valueOptions(['on_invoice', 'creditHold', 'active'])).toEqual([
			{ name: 'On Invoice', value: 'on_invoice' },
			{ name: 'Credit Hold', value: 'creditHold' },
			{ name: 'Active', value: 'active' },
		]);
	});
});

describe('error bodies', () => {
	it('reads the provider\'s words from every documented shape', () => {
		const v11 = { timeStamp: '2023-02-22T07:45:08.223+00:00', status: 500, message: 'There is already an order', path: '/orders', correlationId: 'a8n-1' };
		expect(cloudBlueSaid(v11)).toBe('There is already an order');
		expect(cloudBlueSaid(JSON.stringify(v11))).toBe('There is already an order');
		expect(cloudBlueSaid({ timestamp: 't', status: 404, error: 'Not found', path: '/x', correlationId: 'a8n-2' })).toBe('Not found');
		expect(cloudBlueSaid({ message: 'Invalid request parameters', code: 'INVALID_INPUT', details: { customerId: 'is required' } })).toBe('Invalid request parameters (customerId: is required)');
		expect(cloudBlueSaid({ message: 'Bad', details: { a: ['x', 'y'], b: 'z' } })).toBe('Bad (a: x, y; b: z)');
		expect(cloudBlueSaid({ error: 'invalid_grant', error_description: 'Invalid user credentials' })).toBe('Invalid user credentials (invalid_grant)');
		expect(cloudBlueSaid({ error: { message: 'Nested', details: ['one'] } })).toBe('Nested (one)');
		expect(cloudBlueSaid({ statusCode: 429, message: 'Rate limit is exceeded.' })).toBe('Rate limit is exceeded.');
		expect(cloudBlueSaid({ code: 'AUTH_001' })).toBe('AUTH_001');
		expect(cloudBlueSaid('<html><head><title>504 Gateway Time-out</title></head></html>')).toBeUndefined();
		expect(cloudBlueSaid('plain words')).toBe('plain words');
		expect(cloudBlueSaid(Buffer.from('{"message":"from bytes"}'))).toBe('from bytes');
	});

	it('finds the correlation ID in the body, an HTML page\'s title, and Azure Storage\'s reason', () => {
		expect(bodyCorrelationId({ correlationId: 'a8n-54bc6dc3' })).toBe('a8n-54bc6dc3');
		expect(bodyCorrelationId('{"correlationId":"a8n-9"}')).toBe('a8n-9');
		expect(bodyCorrelationId({ message: 'x' })).toBeUndefined();
		expect(htmlPage('<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n</html>')).toEqual({ title: '504 Gateway Time-out' });
		expect(htmlPage('<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>')).toEqual({ title: 'Bad Gateway' });
		expect(htmlPage('{"message":"x"}')).toBeUndefined();
		const azure = '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:1\nTime:2</Message></Error>';
		expect(htmlPage(azure)).toBeUndefined();
		expect(storageError(azure)).toBe('Server failed to authenticate the request. (AuthenticationFailed)');
	});

	it('tells a business conflict (500 with a message) from a gateway failure', () => {
		expect(classifyFailure({ status: 500, headers: {}, body: { message: 'Cannot Upgrade', status: 500 }, message: '' })?.hint).toMatch(/business rule/);
		expect(classifyFailure({ status: 500, headers: {}, body: '<html><title>500</title></html>', message: '' })).toBeUndefined();
		expect(classifyFailure({ status: 504, headers: {}, body: '<html></html>', message: '' })?.hint).toMatch(/gateway did not get an answer/);
		expect(classifyFailure({ status: 401, headers: {}, body: { statusCode: 401, message: 'Access denied due to invalid subscription key.' }, message: '' })?.hint).toMatch(/Subscription Key/);
	});
});

describe('lists and single objects', () => {
	const ask = (page: number, size = 100) => ({ page, offset: (page - 1) * size, size });

	it('takes a single object bare or wrapped in data', () => {
		expect(singleObject({ id: '1', name: 'a' })).toEqual({ id: '1', name: 'a' });
		expect(singleObject({ data: { id: '1', name: 'a' } })).toEqual({ id: '1', name: 'a' });
		expect(singleObject({ id: '1', data: { x: 1 } })).toEqual({ id: '1', data: { x: 1 } });
		expect(singleObject('')).toEqual({});
	});

	it('ends a list that the server did not page, whatever its sign', () => {
		// The how-to: offset 0, limit = total, whatever was asked.
		expect(cloudBlueEnvelope.read({ data: [{ a: 1 }], pagination: { offset: 0, limit: 28, total: 28 } }, ask(1))).toEqual({ items: [{ a: 1 }], last: true });
		// Another window than the one asked for.
		expect(cloudBlueEnvelope.read({ data: [{ a: 1 }], pagination: { offset: 20, limit: 250, total: 3423 } }, ask(1))).toEqual({ items: [{ a: 1 }], last: true });
		expect(cloudBlueEnvelope.read({ data: [{ a: 1 }], pagination: { offset: 0, limit: 100, total: 3423 } }, ask(2))).toEqual({ items: [], last: true });
		const full = { data: Array.from({ length: 100 }, (_, i) => ({ i })) };
		// A server that pages as asked.
		expect(cloudBlueEnvelope.read({ data: full.data, pagination: { offset: 0, limit: 100, total: 150 } }, ask(1)).last).toBe(false);
		const rest = Array.from({ length: 50 }, (_, i) => ({ i: 100 + i }));
		expect(cloudBlueEnvelope.read({ data: rest, pagination: { offset: 100, limit: 100, total: 150 } }, ask(2))).toEqual({ items: rest, last: true });
	});

	it('ends a list without pagination whose every answer repeats the first page with links signed anew', async () => {
		const listed = (st: number) => ({
			data: Array.from({ length: 100 }, (_, i) => ({ name: 'Bulk', format: 'CSV', creationDate: '2026-11-01T00:00:00Z', downloadUrl: `https://blob.example/c/r${i}.csv?sig=${st}&st=${st}` })),
		});
		let requests = 0;
		const items = await collectPages(cloudBlueEnvelope, async () => listed(++requests), { returnAll: true, pageSize: 100 });
		expect(items).toHaveLength(100);
		expect(requests).toBe(2);
		const withIds = (st: number) => ({ data: listed(st).data.map((r, i) => ({ ...r, id: `id-${i}` })) });
		let again = 0;
		expect(await collectPages(cloudBlueEnvelope, async () => withIds(++again), { returnAll: true, pageSize: 100 })).toHaveLength(100);
		expect(again).toBe(2);
	});
});

describe('reports as the how-to lists them', () => {
	it('counts a listed file without status as completed', () => {
		expect(isCompleted({ name: 'r', downloadUrl: 'https://b/c/f.csv?sig=1' })).toBe(true);
		expect(isCompleted({ name: 'r' })).toBe(false);
		expect(isCompleted({ status: 'COMPLETED', downloadUrl: 'x' })).toBe(true);
		expect(isCompleted({ status: 'processing', downloadUrl: 'x' })).toBe(false);
	});

	it('takes a period, defaulting the missing ends to the last 30 days', () => {
		const now = Date.parse('2026-11-30T12:00:00Z');
		expect(reportPeriod('', '', now)).toEqual({ from: '2026-10-31', to: '2026-11-30', defaulted: ['to', 'from'] });
		expect(reportPeriod('2026-11-01T10:00:00', undefined, now)).toEqual({ from: '2026-11-01', to: '2026-11-30', defaulted: ['to'] });
		expect(reportPeriod(undefined, '2026-06-30', now)).toEqual({ from: '2026-05-31', to: '2026-06-30', defaulted: ['from'] });
		expect(() => reportPeriod('2026-12-05', '2026-12-01', now)).toThrow('From (2026-12-05) is after To (2026-12-01)');
		expect(() => reportPeriod('soon', '', now)).toThrow('From "soon" is not a date');
	});

	it('reads Download\'s Report as an ID, a link, a report item or its JSON', () => {
		expect(reportReference('f40c942d')).toEqual({ id: 'f40c942d' });
		expect(reportReference({ __rl: true, mode: 'list', value: ' f40c942d ' })).toEqual({ id: 'f40c942d' });
		expect(reportReference({ __rl: true, mode: 'url', value: 'https://b/c/f.csv?sig=1' })).toEqual({ downloadUrl: 'https://b/c/f.csv?sig=1' });
		const item = { name: 'withres2', format: 'XLSX', creationDate: 'd', downloadUrl: 'https://b/c/f.xlsx?sig=1' };
		expect(reportReference(item)).toEqual({ report: { ...item, format: 'xlsx' }, downloadUrl: item.downloadUrl });
		expect(reportReference(JSON.stringify({ id: 'u-1', status: 'processing' }))).toEqual({ report: { id: 'u-1', status: 'processing' }, id: 'u-1' });
		expect(reportReference('')).toBeUndefined();
		expect(reportReference({ __rl: true, mode: 'list', value: '' })).toBeUndefined();
	});

	it('names a report in messages without its link\'s query', () => {
		expect(reportLabel({ id: 'u-1' })).toBe('Report u-1');
		expect(reportLabel({ name: 'withres2', creationDate: '2019-11-12T09:51:14Z', downloadUrl: 'https://b/c/f.xlsx?sig=SECRET' })).toBe('Report "withres2" of 2019-11-12T09:51:14Z');
		expect(reportLabel({ downloadUrl: 'https://b/c/f.xlsx?sig=SECRET' })).toBe('The report file f.xlsx');
	});
});

describe('shared readers this node uses', () => {
	it('reads optional JSON fields as undefined when empty, and object-or-array fields', () => {
		expect(jsonValue('', 'Attributes (JSON)', 'object', { optional: true })).toBeUndefined();
		expect(jsonValue(undefined, 'Attributes (JSON)', 'object', { optional: true })).toBeUndefined();
		expect(jsonValue('{"a":"b"}', 'Attributes (JSON)', 'object', { optional: true })).toEqual({ a: 'b' });
		expect(jsonValue('[1]', 'Body', 'any')).toEqual([1]);
		expect(jsonValue({ products: [] }, 'Body', 'any')).toEqual({ products: [] });
		expect(() => jsonValue('"text"', 'Body', 'any')).toThrow('Body must be a JSON object or array');
		expect(() => jsonValue('{oops', 'Body', 'any')).toThrow('Body is not valid JSON');
	});

	it('reads a picker nested in a collection, or the plain string an older workflow saved', () => {
		expect(locatorText({ __rl: true, mode: 'list', value: ' 1000001 ' })).toBe('1000001');
		expect(locatorText('1000001')).toBe('1000001');
		expect(locatorText(undefined)).toBe('');
	});

	it('keeps the whole link as the value of a By Download Link mode', () => {
		const field = reportField('The report', true);
		const link = field.modes?.find((m) => m.name === 'url');
		expect(link).toMatchObject({ displayName: 'By Download Link', type: 'string' });
		expect(link && 'extractValue' in link).toBe(false);
		expect(reportField('The report', false).modes?.map((m) => m.name)).toEqual(['list', 'id']);
	});
});

describe('Simplify', () => {
	const description = new CloudBlueCommerce().description;
	const node = { id: '1', name: 'n', type: 'n8n-nodes-reporting.cloudBlueCommerce', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const simplifyOf = (name: string) =>
		NodeHelpers.getNodeParameters(description.properties, { resource: 'customer', operation: 'get' }, true, false, node, { ...description, name })?.simplify;

	it('is off in a workflow and on when the node runs as an AI tool', () => {
		expect(simplifyOf('cloudBlueCommerce')).toBe(false);
		expect(simplifyOf('cloudBlueCommerceTool')).toBe(true);
	});

	it('keeps at most ten fields', () => {
		const customer = simplifyCustomer({ id: '1', externalId: 'e', name: 'n', status: 's', resellerId: 'r', language: 'l', taxRegId: 't', attributes: {}, address: { city: 'c', countryCode: 'US', postalCode: 'p' }, contactPersons: [{ type: 'billing', email: 'b@x' }, { type: 'admin', email: 'a@x' }] });
		expect(customer).toEqual({ id: '1', externalId: 'e', name: 'n', status: 's', resellerId: 'r', language: 'l', taxRegId: 't', email: 'a@x', city: 'c', countryCode: 'US' });
		expect(Object.keys(simplifyOrder({ id: '1', details: [], attributes: {}, products: [], total: { amount: '1' } }))).toEqual(['id', 'total']);
	});
});
