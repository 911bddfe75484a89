import { Simulator } from '../../harness/simulator';
import { apiError, describeHttpFailure, providerMessage, redact } from '../../../nodes/shared/errors';
import { providerRequest } from '../../../nodes/shared/http';
import { fakeContext, testNode } from '../support/context';

const SECRET = 'sk_live_4f3e2d1c0b9a';

describe('redaction', () => {
	it('removes known secrets, secret-named query parameters and bearer tokens from text', () => {
		const text = `GET https://x.example/a?token=${SECRET}&page=2&sig=abc%2Fdef Authorization: Bearer eyJhbGciOi.J9x ${SECRET}`;
		const out = redact(text, [SECRET]);
		expect(out).not.toContain(SECRET);
		expect(out).not.toContain('abc%2Fdef');
		expect(out).not.toContain('eyJhbGciOi');
		expect(out).toContain('page=2');
	});

	it('keeps a token in the URL or headers out of the error n8n shows and stores', async () => {
		const sim = new Simulator({ name: 'redact' });
		sim.get('/reports', (req, res) =>
			res.status(401).json({ message: `Invalid token ${String(req.headers['secret-token'])}`, echo: req.query }),
		);
		await sim.start();
		try {
			const ctx = fakeContext({ credentials: { baseUrl: sim.url, secretToken: SECRET }, authHeader: { name: 'Secret-Token', field: 'secretToken' } });
			const error = await providerRequest(
				ctx as never,
				{ displayName: 'Example', credentialType: 'x', baseUrlField: 'baseUrl', secretFields: ['secretToken'], accountFields: [] },
				{ url: '/reports', qs: { api_key: SECRET, page: 1 } },
			).catch((e) => e);
			const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, errorResponse: error.errorResponse, messages: error.messages });
			expect(error.httpCode).toBe('401');
			expect(error.message).toContain('Invalid token [redacted]');
			expect(everything).not.toContain(SECRET);
			expect(error.cause).toBeUndefined();
		} finally {
			await sim.stop();
		}
	});
});

describe('provider messages', () => {
	it('reads both documented error shapes and validation details', () => {
		expect(providerMessage({ message: 'Invalid Customer Token' })).toBe('Invalid Customer Token');
		expect(providerMessage({ error: { code: 'validation_error', message: 'Invalid data', details: { name: ['The name field is required.'] } } })).toBe(
			'Invalid data The name field is required.',
		);
		expect(providerMessage({ error: 'C004', message: 'Resource not found.' })).toBe('Resource not found.');
		expect(providerMessage({ details: { report: ['The period may not exceed 30 days.'] } })).toBe('The period may not exceed 30 days.');
		expect(providerMessage('<html>Bad gateway</html>')).toBeUndefined();
	});

	it('reads status, headers and body out of a wrapped client error', () => {
		const cause = Object.assign(new Error('Request failed with status code 404'), {
			response: { status: 404, headers: { 'X-Correlation-ID': 'c-1' }, data: { message: 'Report with ID 5 was not found' } },
		});
		const failure = describeHttpFailure({ message: 'wrapped', cause });
		expect(failure).toMatchObject({ status: 404, headers: { 'x-correlation-id': 'c-1' } });
		const error = apiError(testNode, { provider: 'Example', failure, correlationHeader: 'X-Correlation-ID', itemIndex: 2 });
		expect(error.message).toBe('Example answered 404: Report with ID 5 was not found');
		expect(error.description).toContain('Correlation ID: c-1.');
		expect(error.context.itemIndex).toBe(2);
	});

	it('does not blame the network for a failure that never reached it', () => {
		const failure = describeHttpFailure(new Error('Node "Report" does not have any credentials of type "exampleApi" set'));
		const error = apiError(testNode, { provider: 'Example', failure });
		expect(error.message).toBe('The request to Example failed: Node "Report" does not have any credentials of type "exampleApi" set');
		expect(error.description ?? '').not.toContain('Base URL');
	});
});
