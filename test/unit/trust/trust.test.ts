/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/** Pieces of the Trust node that need no engine: URLs, dates, rates, the simulator's lifecycle. */
import { TrustApi } from '../../../credentials/TrustApi.credentials';
import { tokenTypeOf } from '../../../nodes/Trust/environments';
import { failureOf, TokenRequestError } from '../../../nodes/shared/errors';
import { calendarDay, jsonValue } from '../../../nodes/shared/fields';
import { finishDateText } from '../../../nodes/Trust/actions/campaign/create.operation';
import { createdOutput } from '../../../nodes/Trust/actions/common';
import { properties as getProperties } from '../../../nodes/Trust/actions/statistics/get.operation';
import { TRUST_ENVIRONMENTS, trustUrls } from '../../../nodes/Trust/environments';
import { simplifyCampaign } from '../../../nodes/Trust/campaigns';
import { counter, countsOf, detectReading, emptyStatistics, rate, sameStatistics, simplifyStatistics } from '../../../nodes/Trust/statistics';
import { TRUST, trustWords, unwrap } from '../../../nodes/Trust/transport';
import { caseById, loadCases } from '../../contract/fixture-server';
import { DEFAULT_CLIENT, lifecycle, SETTLE_MS, TrustSimulator } from '../../../dev/simulators/trust/server';
import { fakeContext } from '../support/context';

describe('environments', () => {
	it('resolves production, test and custom URLs without trailing slashes', () => {
		expect(trustUrls({ environment: 'production' })).toEqual({ api: 'https://api.trust.lat', atenea: 'https://atenea.trust.lat' });
		expect(trustUrls({ environment: 'test' })).toEqual({ api: 'https://api-tst.trust.lat', atenea: 'https://atenea-tst.trust.lat' });
		expect(trustUrls({})).toEqual(TRUST_ENVIRONMENTS.production);
		expect(trustUrls({ environment: 'custom', apiUrl: ' http://x:1/ ', ateneaUrl: 'http://y:2//' })).toEqual({ api: 'http://x:1', atenea: 'http://y:2' });
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
		expect(out).toEqual({ accessToken: expect.stringMatching(/.{20,}/), tokenType: 'Bearer' });
		expect(sim.find({ path: '/oauth/token/' })[0]).toMatchObject({ method: 'POST', path: '/oauth/token/' });
	});

	it('asks /oauth/token when Atenea knows only the spelling of Trust\'s Android SDK, and keeps the token type', async () => {
		const android = await new TrustSimulator({ historyDays: 0, tokenPath: 'noSlash', tokenNumbersAsStrings: true, tokenType: 'JWT' }).start();
		try {
			const out = await new TrustApi().preAuthentication.call(helpers() as never, {
				environment: 'custom',
				ateneaUrl: android.url,
				clientId: 'trust-client-1111',
				clientSecret: 'trust-secret-aaaa-bbbb',
			});
			expect(out).toEqual({ accessToken: expect.stringMatching(/.{20,}/), tokenType: 'JWT' });
			expect(android.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/oauth/token/ 404', '/oauth/token 200']);
		} finally {
			await android.stop();
		}
	});

	it('reports the documented path when neither spelling exists', async () => {
		const error = await new TrustApi().preAuthentication
			.call(helpers() as never, { environment: 'custom', ateneaUrl: `${sim.url}/nothing-here`, clientId: 'x', clientSecret: 'y-secret' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TokenRequestError);
		expect(failureOf(error)).toMatchObject({ status: 404, request: `POST ${sim.url}/nothing-here/oauth/token/` });
	});

	it('throws a readable message without the secret when Atenea refuses', async () => {
		const secret = 'definitely-wrong-secret';
		await expect(
			new TrustApi().preAuthentication.call(helpers() as never, { environment: 'custom', ateneaUrl: sim.url, clientId: 'x', clientSecret: secret }),
		).rejects.toThrow(/^Atenea \(http:\/\/127\.0\.0\.1:\d+\) refused the client credentials with HTTP 401 \(invalid_client: /);
		const error = await new TrustApi().preAuthentication
			.call(helpers() as never, { environment: 'custom', ateneaUrl: sim.url, clientId: 'x', clientSecret: secret })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TokenRequestError);
		expect((error as Error).message).not.toContain(secret);
		// The answer is kept as data for the request layer, not as a response n8n would re-read.
		expect(failureOf(error)).toMatchObject({ provider: 'Trust', source: 'token', status: 401, said: 'invalid_client' });
		expect(JSON.stringify(failureOf(error))).not.toContain(secret);
		expect((error as { response?: unknown }).response).toBeUndefined();
	});

	it('says to check the Atenea URL when the answer has no access_token, and does not ask for a retry', async () => {
		const notAtenea = { helpers: { httpRequest: async () => ({ statusCode: 200, headers: {}, body: '<html>a web page</html>' }) } };
		const error = await new TrustApi().preAuthentication
			.call(notAtenea as never, { environment: 'custom', ateneaUrl: 'http://127.0.0.1:9/', clientId: 'x', clientSecret: 'y-secret' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TokenRequestError);
		expect((error as Error).message).toBe('Atenea (http://127.0.0.1:9) answered without an access_token. Check the Atenea URL in the Trust API credential.');
		expect(failureOf(error)).toMatchObject({ source: 'token', status: undefined, request: 'POST http://127.0.0.1:9/oauth/token/' });
	});

	it('keeps the token in a hidden expirable field sent as a Bearer header', () => {
		const cred = new TrustApi();
		expect(cred.properties.find((p) => p.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
		// `<token_type> <access_token>`, as Trust's iOS SDK builds it; Bearer for a token stored before the type was.
		expect(cred.authenticate.properties.headers).toEqual({ Authorization: '={{$credentials.tokenType || "Bearer"}} {{$credentials.accessToken}}' });
		expect(cred.properties.find((p) => p.name === 'tokenType')).toMatchObject({ type: 'hidden', default: '' });
		expect(cred.properties.find((p) => p.name === 'clientSecret')?.typeOptions).toEqual({ password: true });
	});
});

describe('statistics', () => {
	// The two answers printed in the seed document (its "Empty" and "Found" examples).
	const EMPTY = { total: 0, sended: 0, pending: 0, fails: 0, actions: { RECEIVED: 0, PRESS_ACTION: 0, UNKNOWN: 0 }, campaign: 0 };
	const FOUND = { total: 6, sended: 0, pending: 0, fails: 6, actions: { RECEIVED: 0, PRESS_ACTION: 4, UNKNOWN: 0 }, campaign: 5 };

	it('rate divides and rounds to 4 decimals, null without a divisor, a count or when the part exceeds the whole', () => {
		expect(rate(1, 3)).toBe(0.3333);
		expect(rate(0, 5)).toBe(0);
		expect(rate(5, 5)).toBe(1);
		expect(rate(5, 0)).toBeNull();
		expect(rate(5, Number.NaN)).toBeNull();
		expect(rate(null, 5)).toBeNull();
		expect(rate(4, 2)).toBeNull();
	});

	it('reads counters as numbers or numeric strings, and a missing one as null, not 0', () => {
		expect(counter(3)).toBe(3);
		expect(counter('3')).toBe(3);
		expect(counter(undefined)).toBeNull();
		expect(counter('')).toBeNull();
		expect(counter('many')).toBeNull();
		expect(countsOf(FOUND)).toEqual({ total: 6, sent: 0, pending: 0, failed: 6, received: 0, pressed: 4, closed: null, unknown: 0, campaign: 5 });
	});

	it('reads the documented "Found" answer as one state per message: no rate above 1, CLOSED absent', () => {
		const item = simplifyStatistics(FOUND, '1');
		expect(item).toEqual({
			company_id: '1',
			period: 'last_7_days',
			from_date: null,
			until_date: null,
			range_applied: null,
			campaign: 5,
			total: 6,
			sent: 0,
			pending: 0,
			failed: 6,
			delivered: 4,
			received: 0,
			pressed: 4,
			closed: null,
			unknown: 0,
			// 4 delivered out of 0 sent: the counts contradict each other, so no delivery rate.
			delivery_rate: null,
			press_rate: 1,
			close_rate: null,
			failure_rate: 1,
			counters_reading: 'exclusive',
		});
		for (const key of ['delivery_rate', 'press_rate', 'close_rate', 'failure_rate']) {
			expect((item[key] as number | null) ?? 0).toBeLessThanOrEqual(1);
		}
	});

	it('gives the documented "Empty" answer zeros and null rates, and keeps the campaign counter', () => {
		expect(simplifyStatistics(EMPTY, '1')).toMatchObject({
			campaign: 0,
			total: 0,
			delivered: 0,
			closed: null,
			delivery_rate: null,
			press_rate: null,
			failure_rate: null,
		});
	});

	it('leaves every counter the answer lacks null (the recorded copy stops before actions)', () => {
		expect(simplifyStatistics({ total: 0, sended: 0, pending: 0, fails: 0 }, '1')).toMatchObject({
			campaign: null,
			received: null,
			pressed: null,
			closed: null,
			unknown: null,
			delivered: null,
			counters_reading: null,
		});
	});

	it('detects the reading: exclusive when RECEIVED is below pressed + closed, inclusive when only RECEIVED fits what was sent', () => {
		expect(detectReading(0, 4, 0, 0)).toBe('exclusive');
		// Inclusive data: 80 received of 100 sent, 30 of them pressed and 35 closed.
		expect(detectReading(80, 30, 35, 100)).toBe('inclusive');
		// Both fit: the documented reading.
		expect(detectReading(40, 30, 20, 100)).toBe('exclusive');
		expect(detectReading(40, 30, 20, null)).toBe('exclusive');
	});

	it('computes delivered and rates under either reading, each at most 1', () => {
		const exclusive = { total: 100, sended: 92, pending: 0, fails: 8, actions: { RECEIVED: 30, PRESS_ACTION: 25, CLOSED: 20, UNKNOWN: 5 } };
		expect(simplifyStatistics(exclusive, '1')).toMatchObject({
			delivered: 75,
			delivery_rate: 0.8152,
			press_rate: 0.3333,
			close_rate: 0.2667,
			failure_rate: 0.08,
			counters_reading: 'exclusive',
		});
		const inclusive = { total: 100, sended: 92, pending: 0, fails: 8, actions: { RECEIVED: 75, PRESS_ACTION: 25, CLOSED: 20, UNKNOWN: 5 } };
		expect(simplifyStatistics(inclusive, '1')).toMatchObject({ delivered: 75, press_rate: 0.3333, close_rate: 0.2667, counters_reading: 'inclusive' });
		// The reading can be set: RECEIVED then counts every delivered message.
		expect(simplifyStatistics(exclusive, '1', undefined, 'inclusive')).toMatchObject({ delivered: 30, counters_reading: 'inclusive', press_rate: 0.8333 });
		// Set against the numbers, a share that would exceed 1 is null rather than above 1.
		expect(simplifyStatistics(FOUND, '1', undefined, 'inclusive')).toMatchObject({ delivered: 0, press_rate: null });
	});

	it('labels an item by the window its numbers cover: a range Trust ignored is the last 7 days', () => {
		const range = { from: '2026-01-01', until: '2026-01-31' };
		expect(simplifyStatistics(EMPTY, '7', { range, rangeApplied: true })).toMatchObject({
			period: 'range',
			from_date: '2026-01-01',
			until_date: '2026-01-31',
			range_applied: true,
		});
		expect(simplifyStatistics(FOUND, '7', { range, rangeApplied: false })).toMatchObject({
			period: 'last_7_days',
			from_date: null,
			until_date: null,
			range_applied: false,
		});
		expect(simplifyStatistics(FOUND, '7', { range, rangeApplied: null })).toMatchObject({ period: 'range', range_applied: null });
	});

	it('compares answers by their counters, numbers and numeric strings alike, in any key order', () => {
		expect(sameStatistics(FOUND, { campaign: 5, actions: { UNKNOWN: 0, PRESS_ACTION: '4', RECEIVED: 0 }, fails: 6, pending: 0, sended: 0, total: 6 })).toBe(true);
		expect(sameStatistics(FOUND, EMPTY)).toBe(false);
		expect(emptyStatistics(EMPTY)).toBe(true);
		expect(emptyStatistics({})).toBe(true);
		expect(emptyStatistics(FOUND)).toBe(false);
	});

	it('names the default range parameters in one place, and the options default to them', () => {
		expect(TRUST.statisticsRange).toEqual({ from: 'from_date', until: 'until_date' });
		const options = getProperties.find((p) => p.name === 'options')?.options as Array<{ name: string; default: unknown }>;
		expect(options.find((o) => o.name === 'fromParameter')?.default).toBe(TRUST.statisticsRange.from);
		expect(options.find((o) => o.name === 'untilParameter')?.default).toBe(TRUST.statisticsRange.until);
	});
});

describe('campaigns', () => {
	it('simplifies a documented campaign to the 10 fields a user acts on, an unused segment as null', () => {
		const documented = {
			app_id: '1',
			application_name: 'com.bundle_id.application',
			company_id: '1',
			created_at: '2021-07-02T20:51:53.950Z',
			finish_date: null,
			flavor_id: 'com.bundle_id.application',
			message_id: 'z54afc5-a1c0-1b0a-9f04-acacd3b473a',
			name: 'totam-officiis-aliquid:141',
			segment_id: '',
			terminated: true,
			updated_at: '2021-07-02T20:52:39.367Z',
			uuid: 'zerbf63c-ef51-4623-a5c3-e38eff32cb48',
		};
		const simple = simplifyCampaign(documented);
		expect(Object.keys(simple)).toHaveLength(10);
		expect(simple).toEqual({
			uuid: 'zerbf63c-ef51-4623-a5c3-e38eff32cb48',
			name: 'totam-officiis-aliquid:141',
			terminated: true,
			message_id: 'z54afc5-a1c0-1b0a-9f04-acacd3b473a',
			segment_id: null,
			application_name: 'com.bundle_id.application',
			company_id: '1',
			finish_date: null,
			created_at: '2021-07-02T20:51:53.950Z',
			updated_at: '2021-07-02T20:52:39.367Z',
		});
		// Fields a `fields` filter left out stay out.
		expect(simplifyCampaign({ uuid: 'u', name: 'n' })).toEqual({ uuid: 'u', name: 'n' });
	});
});

describe("Trust's words in an error body", () => {
	it('reads every shape, none of which Trust documents', () => {
		expect(trustWords({ code: 404, resource: 'Statistics', message: 'Company 9 not found' })).toBe('Company 9 not found');
		expect(trustWords({ detail: 'index_query uses an unknown field' })).toBe('index_query uses an unknown field');
		expect(trustWords({ detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }] })).toBe('field required');
		expect(trustWords({ error: 'invalid_client', error_description: 'Client authentication failed' })).toBe('invalid_client; Client authentication failed');
		expect(trustWords({ name: ['This field is required.'] })).toBe('name: This field is required.');
		expect(trustWords({ status: false, message: 'The device was not identified' })).toBe('The device was not identified');
		expect(trustWords('Service Unavailable')).toBe('Service Unavailable');
		expect(trustWords('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>')).toBe('502 Bad Gateway');
		expect(trustWords('{"message": "as text"}')).toBe('as text');
		expect(trustWords({ code: 500 })).toBeUndefined();
		expect(trustWords('')).toBeUndefined();
		expect(trustWords('x'.repeat(400))).toHaveLength(300);
	});
});

describe('token answer', () => {
	it('builds the scheme from token_type, Bearer when the answer has none', () => {
		expect(tokenTypeOf('Bearer')).toBe('Bearer');
		expect(tokenTypeOf('bearer')).toBe('bearer');
		expect(tokenTypeOf('JWT')).toBe('JWT');
		expect(tokenTypeOf(undefined)).toBe('Bearer');
		expect(tokenTypeOf('<string>')).toBe('Bearer');
		expect(tokenTypeOf('two words')).toBe('Bearer');
	});
});

describe('dates', () => {
	// The statistics range is read with the shared calendarDay: the day the user wrote, unshifted.
	it('keeps the day the user wrote for the statistics range', () => {
		expect(calendarDay('2026-03-05T23:30:00', 'From Date')).toBe('2026-03-05');
		expect(calendarDay('2026-03-05T23:30:00-05:00', 'From Date')).toBe('2026-03-05');
		expect(calendarDay('2026-03-05', 'From Date')).toBe('2026-03-05');
		expect(calendarDay(new Date('2026-03-05T10:00:00Z'), 'From Date')).toBe('2026-03-05');
		expect(() => calendarDay('next tuesday', 'From Date')).toThrow('From Date "next tuesday" is not a date');
		expect(() => calendarDay('2026-13-45', 'From Date')).toThrow('From Date "2026-13-45" is not a date');
	});

	it('writes the finish date as YYYY-MM-DD HH:mm:ss in UTC', () => {
		expect(finishDateText('2030-01-31T18:30:00')).toBe('2030-01-31 18:30:00');
		expect(finishDateText('2030-01-31 18:30:00')).toBe('2030-01-31 18:30:00');
		expect(finishDateText('2030-01-31')).toBe('2030-01-31 00:00:00');
		expect(finishDateText('2030-01-31T18:30:00-03:00')).toBe('2030-01-31 21:30:00');
		expect(finishDateText('2030-01-31T18:30:00.000Z')).toBe('2030-01-31 18:30:00');
		expect(() => finishDateText('')).toThrow('Finish Date is empty');
		expect(() => finishDateText('31/01/2030')).toThrow('"31/01/2030" is not a valid Finish Date');
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
		expect(jsonValue('{"a":1}', 'Variables', 'object')).toEqual({ a: 1 });
		expect(jsonValue({ a: 1 }, 'Variables', 'object')).toEqual({ a: 1 });
		expect(jsonValue('', 'Variables', 'object')).toEqual({});
		expect(() => jsonValue('[1]', 'Variables', 'object')).toThrow('Variables must be a JSON object');
		expect(() => jsonValue('{a:', 'Variables', 'object')).toThrow('Variables is not valid JSON');
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

describe('simulator serves the documented shapes', () => {
	let sim: TrustSimulator;
	let auth: string;
	beforeAll(async () => {
		sim = await new TrustSimulator({ historyDays: 10 }).start();
		const token = (await fetch(`${sim.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret, grant_type: 'client_credentials' }),
		}).then(async (r) => await r.json())) as Record<string, unknown>;
		expect(Object.keys(token)).toEqual(Object.keys(caseById(loadCases('trust'), 'trust-atenea-token').response.body as object));
		auth = `${String(token.token_type)} ${String(token.access_token)}`;
	});
	afterAll(async () => await sim.stop());

	const get = async (path: string) => await fetch(`${sim.url}${path}`, { headers: { authorization: auth } });

	it('answers statistics with the keys of the seed\'s answers, no CLOSED', async () => {
		const body = (await (await get('/campaigns/api/v1/company/1/statistics')).json()) as { data: { actions: object } };
		const seed = caseById(loadCases('trust'), 'trust-seed-statistics-found').response.body as { data: { actions: object } };
		expect(Object.keys(body)).toEqual(Object.keys(seed));
		expect(Object.keys(body.data)).toEqual(Object.keys(seed.data));
		expect(Object.keys(body.data.actions)).toEqual(Object.keys(seed.data.actions));
	});

	it('lists campaigns with the documented fields and IDs that are not valid UUIDs', async () => {
		const body = (await (await get('/campaigns/api/v1/company/1/campaign')).json()) as { data: Array<Record<string, unknown>> };
		const documented = (caseById(loadCases('trust'), 'trust-campaigns-list').response.body as { data: object[] }).data[0];
		expect(Object.keys(body.data[0]).sort()).toEqual(Object.keys(documented).sort());
		const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
		expect(body.data.every((c) => !uuid.test(String(c.uuid)) && !uuid.test(String(c.message_id)))).toBe(true);
		expect(body.data[0].segment_id).toBe('');
	});

	it('answers 401 without a body, and segment create with 201 and an integer id', async () => {
		const refused = await fetch(`${sim.url}/campaigns/api/v1/company/1/statistics`, { headers: { authorization: 'Bearer nope' } });
		expect(refused.status).toBe(401);
		expect(await refused.text()).toBe('');
		const created = await fetch(`${sim.url}/message-persistance/api/v1/segment`, {
			method: 'POST',
			headers: { authorization: auth, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'segment_test', company_id: '1', index_query: { 'apps.app_id': ['1'] } }),
		});
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({ code: 201, resource: 'Segment', data: { id: 1 } });
	});
});

describe('demo', () => {
	it('starts on a fixed port with a credential that gets a token and statistics', async () => {
		const { startTrustDemo } = await import('../../../dev/simulators/trust/demo');
		const probe = await import('node:net').then(
			(net) =>
				new Promise<number>((resolve) => {
					const server = net.createServer().listen(0, '127.0.0.1', () => {
						const { port } = server.address() as { port: number };
						server.close(() => resolve(port));
					});
				}),
		);
		const demo = await startTrustDemo({ port: probe });
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
