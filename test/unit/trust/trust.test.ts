/** Pieces of the Trust node that need no engine: URLs, dates, rates, the simulator's lifecycle. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { TrustApi } from '../../../credentials/TrustApi.credentials';
import { rate, simplifyStatistics } from '../../../nodes/Trust/actions/statistics/get.operation';
import { createdOutput, jsonObject } from '../../../nodes/Trust/actions/common';
import { ateneaUrlExpression, TRUST_ENVIRONMENTS, trustUrls } from '../../../nodes/Trust/environments';
import { finishDate, statisticsDay, TRUST, unwrap } from '../../../nodes/Trust/transport';
import { lifecycle, SETTLE_MS, TrustSimulator } from '../../simulators/trust/server';
import { fakeContext } from '../support/context';

const ctx = fakeContext() as unknown as IExecuteFunctions;

describe('environments', () => {
	it('resolves production, test and custom URLs without trailing slashes', () => {
		expect(trustUrls({ environment: 'production' })).toEqual({ api: 'https://api.trust.lat', atenea: 'https://atenea.trust.lat' });
		expect(trustUrls({ environment: 'test' })).toEqual({ api: 'https://api-tst.trust.lat', atenea: 'https://atenea-tst.trust.lat' });
		expect(trustUrls({})).toEqual(TRUST_ENVIRONMENTS.production);
		expect(trustUrls({ environment: 'custom', apiUrl: ' http://x:1/ ', ateneaUrl: 'http://y:2//' })).toEqual({ api: 'http://x:1', atenea: 'http://y:2' });
	});

	it('gives the credential test an expression that makes the same choice', () => {
		const expression = ateneaUrlExpression();
		expect(expression.startsWith('={{')).toBe(true);
		const body = expression.slice(3, -2);
		// eslint-disable-next-line @typescript-eslint/no-implied-eval
		const evaluate = new Function('$credentials', `return ${body};`) as (c: object) => string;
		expect(evaluate({ environment: 'production' })).toBe('https://atenea.trust.lat');
		expect(evaluate({ environment: 'test' })).toBe('https://atenea-tst.trust.lat');
		expect(evaluate({ environment: 'custom', ateneaUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
	});
});

describe('credential', () => {
	let sim: TrustSimulator;
	beforeAll(async () => {
		sim = await new TrustSimulator({ historyDays: 0 }).start();
	});
	afterAll(async () => await sim.stop());

	const helpers = () => {
		const { helpers } = fakeContext();
		return { helpers: { httpRequest: helpers.httpRequest } };
	};

	it('posts JSON to {atenea}/oauth/token/ and returns the token for the hidden field', async () => {
		const out = await new TrustApi().preAuthentication.call(helpers() as never, {
			environment: 'custom',
			ateneaUrl: `${sim.url}/`,
			clientId: 'trust-client-1111',
			clientSecret: 'trust-secret-aaaa-bbbb',
		});
		expect(out).toEqual({ accessToken: expect.stringMatching(/.{20,}/) });
		expect(sim.find({ path: '/oauth/token/' })[0]).toMatchObject({ method: 'POST', path: '/oauth/token/' });
	});

	it('throws a readable message without the secret when Atenea refuses', async () => {
		const secret = 'definitely-wrong-secret';
		await expect(
			new TrustApi().preAuthentication.call(helpers() as never, { environment: 'custom', ateneaUrl: sim.url, clientId: 'x', clientSecret: secret }),
		).rejects.toThrow(/^Atenea \(http:\/\/127\.0\.0\.1:\d+\) refused the client credentials with HTTP 401 \(invalid_client: /);
		await new TrustApi().preAuthentication
			.call(helpers() as never, { environment: 'custom', ateneaUrl: sim.url, clientId: 'x', clientSecret: secret })
			.catch((error: Error) => expect(error.message).not.toContain(secret));
	});

	it('keeps the token in a hidden expirable field sent as a Bearer header', () => {
		const cred = new TrustApi();
		expect(cred.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		expect(cred.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.accessToken}}' });
		expect(cred.properties.find((p) => p.name === 'clientSecret')?.typeOptions).toEqual({ password: true });
	});
});

describe('statistics', () => {
	it('rate divides and rounds to 4 decimals, null without a divisor', () => {
		expect(rate(1, 3)).toBe(0.3333);
		expect(rate(0, 5)).toBe(0);
		expect(rate(5, 0)).toBeNull();
		expect(rate(5, Number.NaN)).toBeNull();
	});

	it('simplifies the documented fields and tolerates strings and missing actions', () => {
		expect(
			simplifyStatistics({ total: '10', sended: 8, pending: 1, fails: 1, actions: { RECEIVED: 6, PRESS_ACTION: 3, CLOSED: 2 } }, '7', {
				from: '2026-01-01',
				until: '2026-01-31',
			}),
		).toEqual({
			company_id: '7',
			period: 'range',
			from_date: '2026-01-01',
			until_date: '2026-01-31',
			total: 10,
			sent: 8,
			pending: 1,
			failed: 1,
			received: 6,
			pressed: 3,
			closed: 2,
			unknown: 0,
			delivery_rate: 0.75,
			press_rate: 0.5,
			close_rate: 0.3333,
			failure_rate: 0.1,
		});
		expect(simplifyStatistics({}, '1')).toMatchObject({ period: 'last_7_days', total: 0, delivery_rate: null, press_rate: null });
	});

	it('names the range parameters in one place', () => {
		expect(TRUST.statisticsRange).toEqual({ from: 'from_date', until: 'until_date' });
	});
});

describe('dates', () => {
	it('keeps the day the user wrote for the statistics range', () => {
		expect(statisticsDay(ctx, '2026-03-05T23:30:00', 'From Date', 0)).toBe('2026-03-05');
		expect(statisticsDay(ctx, '2026-03-05', 'From Date', 0)).toBe('2026-03-05');
		expect(statisticsDay(ctx, new Date('2026-03-05T10:00:00Z'), 'From Date', 0)).toBe('2026-03-05');
		expect(() => statisticsDay(ctx, 'next tuesday', 'From Date', 0)).toThrow('"next tuesday" is not a valid From Date');
		expect(() => statisticsDay(ctx, '2026-13-45', 'From Date', 0)).toThrow('is not a valid From Date');
	});

	it('writes the finish date as YYYY-MM-DD HH:mm:ss in UTC', () => {
		expect(finishDate(ctx, '2030-01-31T18:30:00', 0)).toBe('2030-01-31 18:30:00');
		expect(finishDate(ctx, '2030-01-31 18:30:00', 0)).toBe('2030-01-31 18:30:00');
		expect(finishDate(ctx, '2030-01-31', 0)).toBe('2030-01-31 00:00:00');
		expect(finishDate(ctx, '2030-01-31T18:30:00-03:00', 0)).toBe('2030-01-31 21:30:00');
		expect(finishDate(ctx, '2030-01-31T18:30:00.000Z', 0)).toBe('2030-01-31 18:30:00');
		expect(() => finishDate(ctx, '', 0)).toThrow('"" is not a valid Finish Date');
	});
});

describe('envelope and inputs', () => {
	it('unwraps data, and takes a bare answer as the data', () => {
		expect(unwrap({ code: 200, resource: 'Campaign', data: [{ uuid: 'a' }] })).toEqual([{ uuid: 'a' }]);
		expect(unwrap({ uuid: 'a' } as never)).toEqual({ uuid: 'a' });
	});

	it('returns the created object, or what was sent when Trust gives no data', () => {
		expect(createdOutput({ code: 201, data: { uuid: 'u' } }, { name: 'n' })).toEqual({ uuid: 'u' });
		expect(createdOutput({ code: 201, message: 'ok' }, { name: 'n' })).toEqual({ created: true, name: 'n', code: 201, message: 'ok' });
	});

	it('parses JSON objects and refuses other JSON', () => {
		expect(jsonObject(ctx, '{"a":1}', 'Variables', 0)).toEqual({ a: 1 });
		expect(jsonObject(ctx, { a: 1 }, 'Variables', 0)).toEqual({ a: 1 });
		expect(jsonObject(ctx, '', 'Variables', 0)).toEqual({});
		expect(() => jsonObject(ctx, '[1]', 'Variables', 3)).toThrow('Variables must be a JSON object');
		expect(() => jsonObject(ctx, '{a:', 'Variables', 3)).toThrow('Variables is not valid JSON');
	});
});

describe('simulator', () => {
	it('decides every notification from its trust_id alone', () => {
		expect(lifecycle('device-1', 7)).toEqual(lifecycle('device-1', 7));
		const fates = Array.from({ length: 400 }, (_, i) => lifecycle(`d-${i}`, 7));
		const failed = fates.filter((f) => f.failed).length;
		expect(failed).toBeGreaterThan(10);
		expect(failed).toBeLessThan(70);
		for (const f of fates) {
			expect(f.sendAfterMs).toBeGreaterThanOrEqual(2000);
			for (const e of f.events) expect(e.afterMs).toBeLessThanOrEqual(SETTLE_MS);
			if (f.failed) expect(f.events).toEqual([]);
			const kinds = f.events.map((e) => e.action);
			if (kinds.includes('PRESS_ACTION') || kinds.includes('CLOSED')) expect(kinds[0]).toBe('RECEIVED');
		}
	});

	it('seeds the same history for the same seed, spread over 30 days', () => {
		const a = new TrustSimulator({ seed: 3 });
		const b = new TrustSimulator({ seed: 3 });
		expect(a.campaigns.map((c) => c.name)).toEqual(b.campaigns.map((c) => c.name));
		expect(a.notifications.map((n) => n.trust_id)).toEqual(b.notifications.map((n) => n.trust_id));
		const ages = a.notifications.map((n) => (Date.now() - n.createdAt) / 86_400_000);
		expect(Math.max(...ages)).toBeGreaterThan(20);
		expect(Math.max(...ages)).toBeLessThanOrEqual(30);
		expect(Math.min(...ages)).toBeLessThan(7);
	});
});

describe('demo', () => {
	it('starts on a fixed port with a credential that gets a token and statistics', async () => {
		const { startDemo } = await import('../../simulators/trust/demo');
		const probe = await import('node:net').then(
			(net) =>
				new Promise<number>((resolve) => {
					const server = net.createServer().listen(0, '127.0.0.1', () => {
						const { port } = server.address() as { port: number };
						server.close(() => resolve(port));
					});
				}),
		);
		const demo = await startDemo(probe);
		try {
			expect(demo.url).toBe(`http://127.0.0.1:${probe}`);
			const token = await fetch(`${demo.url}/oauth/token/`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ client_id: demo.credentials.clientId, client_secret: demo.credentials.clientSecret, grant_type: 'client_credentials' }),
			}).then(async (r) => (await r.json()) as { access_token: string; expires_in: number });
			expect(token.expires_in).toBe(7200);
			const stats = await fetch(`${demo.url}/campaigns/api/v1/company/1001/statistics`, {
				headers: { authorization: `Bearer ${token.access_token}` },
			}).then(async (r) => (await r.json()) as { code: number; data: { total: number } });
			expect(stats.code).toBe(200);
			expect(stats.data.total).toBeGreaterThan(0);
		} finally {
			await demo.stop();
		}
	});
});
