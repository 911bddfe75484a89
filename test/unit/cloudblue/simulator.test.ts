/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The CloudBlue simulator itself, over HTTP: its default answers are the documented shapes (the
 * RDE how-to list of seed 001, the Marketplace API 1.1 error body, spec v1.15 objects), and the
 * variants the documents leave open are switched on explicitly.
 */
import { startCloudBlueDemo } from '../../../dev/simulators/cloudblue/demo';
import { CloudBlueSimulator, NGINX_504 } from '../../../dev/simulators/cloudblue/server';

async function call(url: string, init: RequestInit = {}) {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: response.status, headers: response.headers, body: body as Record<string, unknown>, text };
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

	it('answers errors with the Marketplace API 1.1 body and a8n- correlation ids, header and body alike', async () => {
		const noKey = await call(`${sim.baseUrl}/customers`);
		expect(noKey.status).toBe(401);
		expect(String(noKey.body.message)).toMatch(/invalid subscription key/);
		expect(noKey.headers.get('x-correlation-id')).toMatch(/^a8n-[0-9a-f-]{36}$/);
		const noToken = await call(`${sim.baseUrl}/customers`, { headers: { 'x-subscription-key': sim.account.subscriptionKey } });
		expect(Object.keys(noToken.body).sort()).toEqual(['correlationId', 'message', 'path', 'status', 'timeStamp']);
		expect(noToken.body).toMatchObject({ status: 401, message: 'The access token is missing or invalid', path: '/customers' });
		expect(noToken.body.correlationId).toBe(noToken.headers.get('x-correlation-id'));
		expect(String(noToken.body.timeStamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
	});

	it('answers {message, code, details} when that variant is switched on', async () => {
		sim.errorBodies = 'message-code-details';
		const noToken = await call(`${sim.baseUrl}/customers`, { headers: { 'x-subscription-key': sim.account.subscriptionKey } });
		expect(noToken.body).toEqual({ message: 'The access token is missing or invalid', code: 'UNAUTHORIZED' });
	});

	it('expires tokens after their (scaled) lifetime', async () => {
		sim.tokenLifetimeSeconds = 0.05; // 50 ms of provider time = 0.05 ms here
		const bearer = await token();
		await new Promise((resolve) => setTimeout(resolve, 5));
		const expired = await call(`${sim.baseUrl}/plans`, { headers: headers(bearer) });
		expect(expired.status).toBe(401);
		expect(expired.body.message).toBe('The access token has expired');
	});

	it('pages lists with offset/limit and total', async () => {
		const bearer = await token();
		const { body } = await call(`${sim.baseUrl}/customers?offset=25&limit=10`, { headers: headers(bearer) });
		expect((body.data as unknown[]).length).toBe(5);
		expect(body.pagination).toEqual({ offset: 25, limit: 10, total: 30 });
	});

	it('lists subscriptions and orders without the product lines of their detailed forms', async () => {
		const bearer = await token();
		const subs = await call(`${sim.baseUrl}/subscriptions?limit=1`, { headers: headers(bearer) });
		const [listed] = subs.body.data as Array<Record<string, unknown>>;
		expect(listed.products).toBeUndefined();
		expect(String(listed.creationDate)).toMatch(/^\d{4}-\d\d-\d\d$/);
		const detailed = await call(`${sim.baseUrl}/subscriptions/${String(listed.id)}`, { headers: headers(bearer) });
		expect(detailed.body).toMatchObject({ totalPrice: { currency: 'USD', amount: expect.any(String) }, planId: expect.any(Number) });
		expect((detailed.body.products as Array<{ quantity: unknown }>)[0].quantity).toEqual(expect.any(Number));
		const orders = await call(`${sim.baseUrl}/orders?limit=1`, { headers: headers(bearer) });
		expect((orders.body.data as Array<Record<string, unknown>>)[0]).toMatchObject({ total: { currency: 'USD', amount: expect.any(String) } });
		expect((orders.body.data as Array<Record<string, unknown>>)[0].products).toBeUndefined();
	});

	it('moves a report from submitted to processing to completed, with an anonymous SAS link signed anew for every answer', async () => {
		const bearer = await token();
		const created = await call(`${sim.baseUrl}/reports`, {
			method: 'POST',
			headers: { ...headers(bearer), 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'R', format: 'csv', startDate: '2026-11-01T00:00:00Z' }),
		});
		expect(created.body.status).toBe('submitted');
		expect(created.body.downloadUrl).toBeUndefined();
		const id = String(created.body.id);
		const statuses = new Set<string>();
		for (let i = 0; i < 100 && !statuses.has('completed'); i++) {
			const { body } = await call(`${sim.baseUrl}/reports/${id}`, { headers: headers(bearer) });
			statuses.add(String(body.status));
			if (body.status === 'completed') {
				const link = String(body.downloadUrl);
				expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blob\/rdecontainer\/R\.[0-9a-f-]{36}\.\d{4}-\d\d-\d\d\.\d\d-\d\d-\d\d\.\d{3}\+0000\.csv\?sig=.+&api-version=2016-05-31&st=.+&se=.+&sv=2016-05-31&sp=rwd&sr=b$/);
				const file = await fetch(link);
				expect(Buffer.from(await file.arrayBuffer()).equals(sim.reportFile(id))).toBe(true);
				expect((await fetch(link, { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(403);
				expect((await fetch(link.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
				await new Promise((resolve) => setTimeout(resolve, 1100));
				const again = await call(`${sim.baseUrl}/reports/${id}`, { headers: headers(bearer) });
				expect(String(again.body.downloadUrl).split('?')[0]).toBe(link.split('?')[0]);
				expect(again.body.downloadUrl).not.toBe(link);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(statuses.has('completed')).toBe(true);
	});

	it('lists reports as the RDE how-to does by default: four fields, upper-case format, offset/limit not parsed, a period required', async () => {
		const bearer = await token();
		const noPeriod = await call(`${sim.baseUrl}/reports`, { headers: headers(bearer) });
		expect(noPeriod.status).toBe(400);
		const { body } = await call(`${sim.baseUrl}/reports?from=2000-01-01&to=2100-01-01&offset=5&limit=2`, { headers: headers(bearer) });
		const data = body.data as Array<Record<string, unknown>>;
		expect(data).toHaveLength(12);
		expect(body.pagination).toEqual({ offset: 0, limit: 12, total: 12 });
		for (const item of data) {
			expect(Object.keys(item).sort()).toEqual(['creationDate', 'downloadUrl', 'format', 'name']);
			expect(item.format).toBe(String(item.format).toUpperCase());
		}
		expect(String(data.find((r) => r.format === 'JSON')?.downloadUrl)).toMatch(/\.json\.gz\?sig=/);
		const json = await call(`${sim.baseUrl}/reports?from=2000-01-01&to=2100-01-01&format=json`, { headers: headers(bearer) });
		expect((json.body.data as unknown[]).length).toBe(3);
	});

	it('pages and filters full reports in the spec-1.15 variant, and sends no pagination in the marketplace-1.1 one', async () => {
		const bearer = await token();
		sim.reportList = 'spec-1.15';
		const paged = await call(`${sim.baseUrl}/reports?offset=5&limit=2&status=completed`, { headers: headers(bearer) });
		expect(paged.body.pagination).toEqual({ offset: 5, limit: 2, total: 12 });
		expect((paged.body.data as Array<Record<string, unknown>>)[0]).toMatchObject({ id: expect.any(String), status: 'completed', type: 'daily' });
		sim.reportList = 'marketplace-1.1';
		const whole = await call(`${sim.baseUrl}/reports?offset=5&limit=2`, { headers: headers(bearer) });
		expect(Object.keys(whole.body)).toEqual(['data']);
		expect((whole.body.data as unknown[]).length).toBe(12);
	});

	it('answers a conflicting change order with the 500 a real client met', async () => {
		const bearer = await token();
		const subscription = sim.subscriptions[3];
		const mpn = (subscription.products as Array<{ mpn: string }>)[0].mpn;
		const order = () =>
			call(`${sim.baseUrl}/orders`, {
				method: 'POST',
				headers: { ...headers(bearer), 'content-type': 'application/json' },
				body: JSON.stringify({ customerId: subscription.customerId, type: 'change', products: [{ subscriptionId: subscription.id, mpn, quantity: 4 }] }),
			});
		expect((await order()).status).toBe(201);
		const conflict = await order();
		expect(conflict.status).toBe(500);
		expect(String(conflict.body.message)).toMatch(/^Cannot Upgrade\/Downgrade Resources for Subscription #\d+: there is already an Upgrade\/Downgrade Order #CH\d+ in status Provisioning/);
		expect(conflict.body).toMatchObject({ status: 500, path: '/orders', correlationId: expect.stringMatching(/^a8n-/) });
	});

	it('wraps single objects in data when switched on', async () => {
		sim.wrapSingleObjects = true;
		const bearer = await token();
		const created = await call(`${sim.baseUrl}/customers`, {
			method: 'POST',
			headers: { ...headers(bearer), 'content-type': 'application/json' },
			body: JSON.stringify({
				name: 'W',
				language: 'en',
				address: { streetAddress: 's', postalCode: 'p', city: 'c', countryCode: 'US' },
				contactPersons: [{ type: 'admin', firstName: 'a', lastName: 'b', email: 'e@x', phoneNumber: '1', login: 'secret-login', password: 'secret' }],
			}),
		});
		expect(created.body.data).toMatchObject({ name: 'W', id: expect.any(String) });
		expect(JSON.stringify(created.body)).not.toContain('secret');
	});

	it('answers nginx\'s 504 page for a gateway timeout, before or after the API acted', async () => {
		const bearer = await token();
		sim.gatewayTimeout('/plans');
		const timedOut = await call(`${sim.baseUrl}/plans`, { headers: headers(bearer) });
		expect(timedOut.status).toBe(504);
		expect(timedOut.text).toBe(NGINX_504);
		expect((await call(`${sim.baseUrl}/plans`, { headers: headers(bearer) })).status).toBe(200);
		const before = sim.orders.length;
		sim.gatewayTimeout('/orders', { method: 'POST', afterHandling: true });
		const placed = await call(`${sim.baseUrl}/orders`, {
			method: 'POST',
			headers: { ...headers(bearer), 'content-type': 'application/json' },
			body: JSON.stringify({ customerId: '1000001', products: [{ mpn: 'MPN-0001_ANNUAL', quantity: '2.0' }] }),
		});
		expect(placed.status).toBe(504);
		expect(sim.orders.length).toBe(before + 1);
		expect(sim.orders.at(-1)?.products).toEqual([expect.objectContaining({ quantity: 2 })]);
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

describe('startCloudBlueDemo', () => {
	it('serves seeded data with the credential it returns', async () => {
		const demo = await startCloudBlueDemo();
		try {
			expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/marketplace$/);
			const basic = Buffer.from(`${String(demo.credentials.username)}:${String(demo.credentials.password)}`).toString('base64');
			const { body } = await call(`${demo.url}/token`, {
				method: 'POST',
				headers: { authorization: `Basic ${basic}`, 'x-subscription-key': String(demo.credentials.subscriptionKey), 'content-type': 'application/json' },
				body: JSON.stringify({ marketplace: demo.credentials.marketplace }),
			});
			const list = await call(`${demo.url}/reports?from=2000-01-01&to=2100-01-01`, {
				headers: { authorization: `Bearer ${String(body.token)}`, 'x-subscription-key': String(demo.credentials.subscriptionKey) },
			});
			expect((list.body.pagination as { total: number }).total).toBe(12);
		} finally {
			await demo.stop();
		}
	});
});
