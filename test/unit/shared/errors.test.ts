/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { Simulator } from '../../../dev/simulators/simulator';
import { NodeApiError } from 'n8n-workflow';

import { apiError, describeHttpFailure, failureOf, providerMessage, redact, TokenRequestError, tokenFailureOf } from '../../../nodes/shared/errors';
import { providerRequest } from '../../../nodes/shared/http';
import { fakeContext, requestFor, testNode } from '../support/context';

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
				requestFor(ctx),
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

describe('failures as data', () => {
	it('keeps status, provider message, request and the profile reading on the error', async () => {
		const sim = new Simulator({ name: 'classify' });
		sim.get('/players/9', (_req, res) => res.status(403).header('X-Request-Id', 'req-1').json({ message: 'Player 9 does not belong to current user' }));
		await sim.start();
		try {
			const ctx = fakeContext({ credentials: { baseUrl: sim.url, secretToken: SECRET }, authHeader: { name: 'Secret-Token', field: 'secretToken' } });
			const error = await providerRequest(
				requestFor(ctx, { maxAttempts: 1 }),
				{
					displayName: 'Example',
					credentialType: 'x',
					baseUrlField: 'baseUrl',
					correlationHeader: 'X-Request-Id',
					secretFields: ['secretToken'],
					accountFields: [],
					classify: (failure, said) =>
						failure.status === 403 && /does not belong/.test(said ?? '') ? { notFound: true, hint: 'Another account owns it.' } : undefined,
				},
				{ url: '/players/9' },
			).catch((e) => e);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.description).toContain('Another account owns it.');
			expect(failureOf(error)).toEqual({
				provider: 'Example',
				source: 'api',
				status: 403,
				code: undefined,
				said: 'Player 9 does not belong to current user',
				body: { message: 'Player 9 does not belong to current user' },
				correlationId: 'req-1',
				request: `GET ${sim.url}/players/9`,
				attempts: 1,
				notFound: true,
			});
			// n8n's own wrapping keeps it reachable.
			expect(failureOf(new NodeApiError(testNode, error as never))).toBe(failureOf(error));
		} finally {
			await sim.stop();
		}
	});

	it('reports a failed token request with its own reason and fix, as a token failure', async () => {
		const token = new TokenRequestError(
			{ status: 401, headers: { 'x-correlation-id': 'c-7' }, body: { error: 'invalid_client' }, message: 'Request failed' },
			'The Client ID or Client Secret was refused (HTTP 401)',
			'Check the Client ID and Client Secret in the credential.',
			'Example',
			'https://auth.example.test/token',
			[SECRET],
		);
		expect(token.message).toBe('The Client ID or Client Secret was refused (HTTP 401). Check the Client ID and Client Secret in the credential. Correlation ID: c-7.');
		const ctx = {
			...fakeContext({ credentials: { secretToken: SECRET } }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					throw new NodeApiError(testNode, token as never);
				},
			},
		};
		const error = await providerRequest(
			requestFor(ctx, { maxAttempts: 3, baseDelayMs: 1 }),
			{ displayName: 'Example', credentialType: 'x', secretFields: ['secretToken'], accountFields: [] },
			{ url: 'https://api.example.test/things' },
		).catch((e) => e);
		expect(error.message).toBe('Example answered 401: The Client ID or Client Secret was refused (HTTP 401)');
		expect(error.description).toContain('Check the Client ID and Client Secret in the credential.');
		expect(error.description).toContain('Request: POST https://auth.example.test/token');
		expect(failureOf(error)).toMatchObject({ source: 'token', status: 401, attempts: 1, correlationId: 'c-7' });
		expect(tokenFailureOf(new NodeApiError(testNode, token as never))).toBe(token);
	});
});
