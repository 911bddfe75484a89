/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { Simulator } from '../../../dev/simulators/simulator';
import { backoffMs, DEFAULT_RETRY, isRetryable, providerJson, providerRequest, type ProviderProfile } from '../../../nodes/shared/http';
import { requestOptionsProperty } from '../../../nodes/shared/descriptions';
import { fakeContext, requestFor } from '../support/context';

const TOKEN = 'tok_9f8e7d6c5b4a';

function profile(extra: Partial<ProviderProfile> = {}): ProviderProfile {
	return {
		displayName: 'Example API',
		credentialType: 'exampleApi',
		baseUrlField: 'baseUrl',
		secretFields: ['token'],
		accountFields: ['baseUrl', 'token'],
		correlationHeader: 'X-Correlation-ID',
		...extra,
	};
}

describe('providerRequest: retries', () => {
	let sim: Simulator;
	let calls: number;
	beforeEach(async () => {
		calls = 0;
		sim = new Simulator({ name: 'retry' });
		sim.get('/limited', (_req, res) => {
			calls++;
			if (calls === 1) return res.status(429).header('Retry-After', '2').json({ message: 'slow down' });
			res.json({ ok: true, calls });
		});
		sim.get('/down', (_req, res) => {
			calls++;
			res.status(503).header('X-Correlation-ID', 'corr-503').json({ message: 'maintenance' });
		});
		sim.post('/create', (_req, res) => {
			calls++;
			res.status(502).json({ message: 'bad gateway' });
		});
		sim.post('/create-limited', (_req, res) => {
			calls++;
			if (calls === 1) return res.status(429).header('Retry-After', '0').json({ message: 'slow down' });
			res.status(201).json({ id: 7 });
		});
		await sim.start();
	});
	afterEach(async () => await sim.stop());

	const ctxFor = () =>
		fakeContext({ credentials: { baseUrl: sim.url, token: TOKEN }, authHeader: { name: 'Authorization', field: 'token' } });

	it('waits out Retry-After: 2 before trying again', async () => {
		const started = Date.now();
		const body = await providerJson(requestFor(ctxFor()), profile(), { url: '/limited' });
		expect(body).toEqual({ ok: true, calls: 2 });
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});

	it('gives up after the configured attempts with the count, status, message and correlation id', async () => {
		const error = await providerRequest(requestFor(ctxFor(), { maxAttempts: 5, baseDelayMs: 20 }), profile(), { url: '/down' }).catch((e) => e);
		expect(calls).toBe(5);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('Example API answered 503: maintenance (after 5 attempts)');
		expect(error.description).toContain('Correlation ID: corr-503');
		expect(error.httpCode).toBe('503');
	});

	it('never repeats a POST after a 5xx: the server may have acted', async () => {
		const error = await providerRequest(requestFor(ctxFor(), { maxAttempts: 4, baseDelayMs: 10 }), profile(), { url: '/create', method: 'POST', body: { a: 1 } }).catch((e) => e);
		expect(calls).toBe(1);
		expect(error.message).toBe('Example API answered 502: bad gateway');
	});

	it('repeats a POST the provider makes idempotent', async () => {
		await providerRequest(requestFor(ctxFor(), { maxAttempts: 3, baseDelayMs: 10 }), profile(), { url: '/create', method: 'POST', idempotent: true }).catch(() => undefined);
		expect(calls).toBe(3);
	});

	it('repeats a POST refused with 429, which was never processed', async () => {
		const body = await providerJson(requestFor(ctxFor()), profile(), { url: '/create-limited', method: 'POST', body: {} });
		expect(body).toEqual({ id: 7 });
		expect(calls).toBe(2);
	});

	it('fails at once when Retry-After asks for longer than the node will wait', async () => {
		sim.get('/long', (_req, res) => res.status(429).header('Retry-After', '3600').json({ message: 'quota' }));
		const started = Date.now();
		const error = await providerRequest(requestFor(ctxFor(), { maxRetryAfterMs: 60_000 }), profile(), { url: '/long' }).catch((e) => e);
		expect(Date.now() - started).toBeLessThan(1500);
		expect(error.description).toContain('asked to wait 3600 s');
	});

	it('retries a refused connection, then names the failure', async () => {
		const ctx = fakeContext({ credentials: { baseUrl: 'http://127.0.0.1:9', token: TOKEN } });
		const error = await providerRequest(requestFor(ctx, { maxAttempts: 2, baseDelayMs: 10 }), profile(), { url: '/x', method: 'POST' }).catch((e) => e);
		expect(ctx.sent).toHaveLength(2);
		expect(error.message).toContain('could not be reached: the connection was refused');
	});
});

describe('providerRequest: pacing', () => {
	it('spaces 5 paged requests one second apart: zero 429s from a server that allows 1 per second', async () => {
		const sim = new Simulator({ name: 'paced' });
		let last = 0;
		let refused = 0;
		sim.get('/items', (req, res) => {
			const now = Date.now();
			if (now - last < 1000) {
				refused++;
				return res.status(429).json({ message: 'one per second' });
			}
			last = now;
			res.json({ page: Number(req.query.page) });
		});
		await sim.start();
		try {
			const ctx = fakeContext({ credentials: { baseUrl: sim.url, token: `pace-${Date.now()}` } });
			const p = profile({ minIntervalMs: 1000 });
			const started = Date.now();
			for (let page = 1; page <= 5; page++) {
				await providerJson(requestFor(ctx, { maxAttempts: 1 }), p, { url: '/items', qs: { page } });
			}
			expect(refused).toBe(0);
			expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
		} finally {
			await sim.stop();
		}
	});
});

describe('retry rules', () => {
	it('classifies failures by whether repeating them is safe', () => {
		expect(isRetryable({ status: 429, headers: {}, message: '' }, 'POST')).toBe(true);
		expect(isRetryable({ status: 503, headers: {}, message: '' }, 'GET')).toBe(true);
		expect(isRetryable({ status: 503, headers: {}, message: '' }, 'PATCH')).toBe(false);
		expect(isRetryable({ status: 404, headers: {}, message: '' }, 'GET')).toBe(false);
		expect(isRetryable({ code: 'ECONNRESET', headers: {}, message: '' }, 'POST')).toBe(false);
		expect(isRetryable({ code: 'ECONNRESET', headers: {}, message: '' }, 'GET')).toBe(true);
		expect(isRetryable({ code: 'ECONNREFUSED', headers: {}, message: '' }, 'POST')).toBe(true);
	});

	it('backs off exponentially with jitter, capped', () => {
		const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 5000 };
		expect(backoffMs(1, policy, () => 0)).toBe(500);
		expect(backoffMs(1, policy, () => 1)).toBe(1000);
		expect(backoffMs(3, policy, () => 1)).toBe(4000);
		expect(backoffMs(10, policy, () => 1)).toBe(5000);
	});

	it('offers the same default attempts in the node as the core uses', () => {
		expect(requestOptionsProperty.options?.[0]).toMatchObject({ name: 'maxAttempts', default: DEFAULT_RETRY.maxAttempts });
	});

});
