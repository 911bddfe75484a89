/**
 * The CloudBlue simulator itself, over HTTP: the behaviours the node tests rely on (token methods,
 * key check, correlation ids, lifecycle of reports, blob links, pagination, 429) and the demo entry.
 */
import { CloudBlueSimulator, startDemo } from '../../simulators/cloudblue/server';

async function call(url: string, init: RequestInit = {}) {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: response.status, headers: response.headers, body: body as Record<string, unknown> };
}

describe('CloudBlueSimulator', () => {
	let sim: CloudBlueSimulator;

	beforeEach(async () => {
		sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 30 }).start();
	});

	afterEach(async () => {
		await sim.stop();
	});

	async function token(): Promise<string> {
		const basic = Buffer.from(`${sim.account.username}:${sim.account.password}`).toString('base64');
		const { body } = await call(`${sim.baseUrl}/token`, {
			method: 'POST',
			headers: { authorization: `Basic ${basic}`, 'x-subscription-key': sim.account.subscriptionKey, 'content-type': 'application/json' },
			body: JSON.stringify({ marketplace: 'us' }),
		});
		expect(body.expiresInSeconds).toBe(sim.tokenLifetimeSeconds);
		return String(body.token);
	}

	function headers(bearer: string) {
		return { authorization: `Bearer ${bearer}`, 'x-subscription-key': sim.account.subscriptionKey };
	}

	it('answers every API call with a correlation id, and 401 without a valid key or token', async () => {
		const noKey = await call(`${sim.baseUrl}/customers`);
		expect(noKey.status).toBe(401);
		expect(String(noKey.body.message)).toMatch(/invalid subscription key/);
		expect(noKey.headers.get('x-correlation-id')).toMatch(/^cb-/);
		const noToken = await call(`${sim.baseUrl}/customers`, { headers: { 'x-subscription-key': sim.account.subscriptionKey } });
		expect(noToken.body).toEqual({ message: 'The access token is missing or invalid', code: 'UNAUTHORIZED' });
	});

	it('expires tokens after their (scaled) lifetime', async () => {
		sim.tokenLifetimeSeconds = 0.05; // 50 ms of provider time = 0.05 ms here
		const bearer = await token();
		await new Promise((resolve) => setTimeout(resolve, 5));
		const expired = await call(`${sim.baseUrl}/plans`, { headers: headers(bearer) });
		expect(expired.status).toBe(401);
		expect(expired.body.code).toBe('TOKEN_EXPIRED');
	});

	it('pages lists with offset/limit and total', async () => {
		const bearer = await token();
		const { body } = await call(`${sim.baseUrl}/customers?offset=25&limit=10`, { headers: headers(bearer) });
		expect((body.data as unknown[]).length).toBe(5);
		expect(body.pagination).toEqual({ offset: 25, limit: 10, total: 30 });
	});

	it('moves a report from submitted to processing to completed, with an anonymous SAS link', async () => {
		const bearer = await token();
		const created = await call(`${sim.baseUrl}/reports`, {
			method: 'POST',
			headers: { ...headers(bearer), 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'R', format: 'csv', startDate: '2026-11-01T00:00:00Z' }),
		});
		expect(created.body.status).toBe('submitted');
		const statuses = new Set<string>();
		for (let i = 0; i < 100 && !statuses.has('completed'); i++) {
			const { body } = await call(`${sim.baseUrl}/reports/${String(created.body.id)}`, { headers: headers(bearer) });
			statuses.add(String(body.status));
			if (body.status === 'completed') {
				const link = String(body.downloadUrl);
				expect(link).toMatch(/\?sv=.*&sig=/);
				const file = await fetch(link);
				expect(Buffer.from(await file.arrayBuffer()).equals(sim.reportFile(String(created.body.id)))).toBe(true);
				expect((await fetch(link, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(403);
				expect((await fetch(link.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(statuses.has('completed')).toBe(true);
	});

	it('ignores offset/limit on /reports in legacy mode', async () => {
		sim.legacyReports = true;
		const bearer = await token();
		const { body } = await call(`${sim.baseUrl}/reports?offset=5&limit=2`, { headers: headers(bearer) });
		expect((body.data as unknown[]).length).toBe(12);
		expect(body.pagination).toEqual({ offset: 0, limit: 12, total: 12 });
		expect((body.data as Array<{ format: string }>).every((r) => r.format === r.format.toUpperCase())).toBe(true);
	});

	it('answers 429 with Retry-After under a burst', async () => {
		sim.rateLimit = { max: 3, windowMs: 10_000, retryAfterSeconds: 7 };
		const bearer = await token();
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let i = 0; i < 5; i++) {
			const response = await call(`${sim.baseUrl}/plans`, { headers: headers(bearer) });
			statuses.push(response.status);
			retryAfter ??= response.headers.get('retry-after');
		}
		expect(statuses).toEqual([200, 200, 200, 429, 429]);
		expect(retryAfter).toBe('7');
	});
});

describe('startDemo', () => {
	it('serves seeded data with the credential it returns', async () => {
		const demo = await startDemo();
		try {
			expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/marketplace$/);
			const basic = Buffer.from(`${String(demo.credentials.username)}:${String(demo.credentials.password)}`).toString('base64');
			const { body } = await call(`${demo.url}/token`, {
				method: 'POST',
				headers: { authorization: `Basic ${basic}`, 'x-subscription-key': String(demo.credentials.subscriptionKey), 'content-type': 'application/json' },
				body: JSON.stringify({ marketplace: demo.credentials.marketplace }),
			});
			const list = await call(`${demo.url}/reports?status=completed`, {
				headers: { authorization: `Bearer ${String(body.token)}`, 'x-subscription-key': String(demo.credentials.subscriptionKey) },
			});
			expect((list.body.pagination as { total: number }).total).toBe(12);
		} finally {
			await demo.stop();
		}
	});
});
