import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { explainTokenFailure, keycloakTokenUrl, TokenRequestError } from '../../../nodes/CloudBlueCommerce/auth';
import { describeHttpFailure } from '../../../nodes/shared/errors';
import { toDate, toDateTime, valueOptions } from '../../../nodes/CloudBlueCommerce/actions/common';
import { fileNameOf, formatOf, mimeTypeOf, normalizeReport, reportKey } from '../../../nodes/CloudBlueCommerce/actions/report/report';
import { cloudBlueProfile } from '../../../nodes/CloudBlueCommerce/transport';

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

	it('reads Keycloak errors', () => {
		const kc = 'https://idp.example/auth/realms/sr1/protocol/openid-connect/token';
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 401, body: { error: 'unauthorized_client' } }).message).toMatch(/Client ID or Client Secret/);
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 401, body: { error: 'invalid_grant' } }).message).toMatch(/username or password/);
		expect(explainTokenFailure({ method: 'oAuth2Password', url: kc, status: 404, body: { error: 'Realm does not exist' } }).fix).toMatch(/Token URL/);
	});

	it('keeps its readable message for n8n and its HTTP answer for the node (status, correlation id, fix)', () => {
		const error = new TokenRequestError({ method: 'token', url, status: 401, body: { message: 'x' } }, 'cb-123');
		expect(error.message).toMatch(/^The username or password was refused \(HTTP 401\)\. Check the Username.*Correlation ID: cb-123\.$/);
		// n8n's NodeApiError replaces the message of an error whose status it can find: it must not find one.
		const wrapped = new NodeApiError({ id: '1', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} }, error as unknown as JsonObject);
		expect(wrapped.message).toBe(error.message);
		expect((error as { response?: unknown }).response).toBeUndefined();
		const failure = describeHttpFailure(wrapped);
		expect(failure).toMatchObject({ status: 401, headers: { 'x-correlation-id': 'cb-123' }, body: { code: 'TOKEN_REQUEST_FAILED' } });
		expect(cloudBlueProfile.hint?.(failure)).toBe((failure.body as { fix: string }).fix);
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
	it('formats dates for filters and date-times for report periods (UTC when no zone)', () => {
		expect(toDate('2026-11-05T13:00:00')).toBe('2026-11-05');
		expect(toDate('')).toBeUndefined();
		expect(toDateTime('2026-11-05')).toBe('2026-11-05T00:00:00Z');
		expect(toDateTime('2026-11-05T10:00:00')).toBe('2026-11-05T10:00:00Z');
		expect(toDateTime('2026-11-05T10:00:00+02:00')).toBe('2026-11-05T10:00:00+02:00');
	});

	it('names provider values for the UI', () => {
		expect(valueOptions(['on_invoice', 'creditHold', 'active'])).toEqual([
			{ name: 'On Invoice', value: 'on_invoice' },
			{ name: 'Credit Hold', value: 'creditHold' },
			{ name: 'Active', value: 'active' },
		]);
	});
});
