/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The CloudBlue Commerce credential through n8n-core's engine: both token methods, the credential
 * test, readable token failures (wrong password vs wrong key vs wrong URL), a token expiring in the
 * middle of a Return All, 429 and 5xx handling, and errors that carry the correlation id and no secret.
 */
import { keycloakCredentials, run, tokenCredentials } from './helpers';
import { testCredential } from '../../harness/engine';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeEach(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001 }).start();
});

afterEach(async () => {
	await sim.stop();
});

const TYPE = 'cloudBlueCommerceApi';

describe('credential test', () => {
	it('passes with the token method: token, then an authenticated list call', async () => {
		expect(await testCredential(TYPE, sim.tokenCredentials() as never)).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [token] = sim.find({ path: '/marketplace/token' });
		expect(token.headers['x-subscription-key']).toBe(sim.account.subscriptionKey);
		expect(token.headers.authorization).toBe(`Basic ${Buffer.from(`${sim.account.username}:${sim.account.password}`).toString('base64')}`);
		const [list] = sim.find({ path: '/marketplace/customers' });
		expect(list.status).toBe(200);
		expect(list.query.limit).toBe('1');
	});

	it('passes with the Keycloak password grant', async () => {
		expect(await testCredential(TYPE, sim.keycloakCredentials() as never)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.count({ path: '/auth/realms/:realm/protocol/openid-connect/token', status: 200 })).toBe(1);
		expect(sim.count({ path: '/marketplace/customers', status: 200 })).toBe(1);
	});

	it('accepts the realm address without /token', async () => {
		const tokenUrl = sim.tokenUrl.replace(/\/token$/, '');
		expect(await testCredential(TYPE, sim.keycloakCredentials({ tokenUrl }) as never)).toMatchObject({ status: 'OK' });
	});

	it.each([
		['a wrong password', { password: 'wrong' }, /username or password was refused/],
		['a wrong subscription key', { subscriptionKey: 'wrong-key' }, /Subscription Key was refused/],
		['a wrong marketplace', { marketplace: 'zz' }, /Marketplace code was refused/],
		['a wrong Base URL path', { baseUrl: 'BASE/nope' }, /no token endpoint at .*\/nope\/token/],
		['an unreachable Base URL', { baseUrl: 'http://127.0.0.1:9/marketplace' }, /token request to http:\/\/127\.0\.0\.1:9\/marketplace\/token got no answer \(the connection was refused\)/],
	])('fails readably with %s (token method)', async (_case, overrides, message) => {
		const data = sim.tokenCredentials(
			Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, String(v).replace('BASE', sim.url)])),
		);
		const result = await testCredential(TYPE, data as never);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(sim.account.password);
	});

	it.each([
		['a wrong client secret', { clientSecret: 'nope' }, /Client ID or Client Secret was refused/],
		['a wrong password', { password: 'nope' }, /username or password was refused/],
		['a wrong realm', { tokenUrl: 'REALM' }, /no token endpoint at/],
	])('fails readably with %s (Keycloak)', async (_case, overrides, message) => {
		const data = sim.keycloakCredentials(
			Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v === 'REALM' ? sim.tokenUrl.replace(sim.account.realm, 'other') : v])),
		);
		const result = await testCredential(TYPE, data as never);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it('fails when the token is fine but the API refuses the subscription key', async () => {
		// Keycloak does not check the gateway key; the first API call does.
		const result = await testCredential(TYPE, sim.keycloakCredentials({ subscriptionKey: 'wrong' }) as never);
		expect(result.status).toBe('Error');
	});
});

describe('token lifetime', () => {
	it.each([
		['token', tokenCredentials],
		['Keycloak', keycloakCredentials],
	] as const)('reads 1,000 customers exactly once when the %s token expires mid-way', async (_name, credentialsOf) => {
		sim.tokenMaxUses = 3;
		const creds = credentialsOf(sim);
		const result = await run(sim, { resource: 'customer', operation: 'getMany', returnAll: true }, { creds });
		expect(result.status).toBe('success');
		const ids = result.items.map((i) => i.json.id);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(ids).toEqual(sim.customers.map((c) => c.id));
		const tokenPath = _name === 'token' ? '/marketplace/token' : '/auth/realms/:realm/protocol/openid-connect/token';
		expect(sim.count({ path: tokenPath })).toBeGreaterThan(1);
		expect(sim.count({ path: '/marketplace/customers', status: 401 })).toBeGreaterThan(0);
		// n8n stored the newest token in the credential.
		expect(sim.tokens.has(String(creds.cloudBlueCommerceApi.accessToken))).toBe(true);
	});

	it('fetches a new token when the stored one has expired in time', async () => {
		const creds = tokenCredentials(sim);
		await run(sim, { resource: 'plan', operation: 'getMany', returnAll: true }, { creds });
		const first = creds.cloudBlueCommerceApi.accessToken;
		sim.expireTokens();
		const again = await run(sim, { resource: 'plan', operation: 'getMany', returnAll: true }, { creds });
		expect(again.status).toBe('success');
		expect(again.items).toHaveLength(10);
		expect(creds.cloudBlueCommerceApi.accessToken).not.toBe(first);
		expect(sim.count({ path: '/marketplace/token' })).toBe(2);
	});
});

describe('rate limits and retries', () => {
	it('waits on 429 with Retry-After and still returns every record once', async () => {
		sim.rateLimit = { max: 4, windowMs: 500, retryAfterSeconds: 1 };
		const result = await run(sim, { resource: 'customer', operation: 'getMany', returnAll: true });
		expect(result.status).toBe('success');
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(1000);
		expect(result.items).toHaveLength(1000);
		expect(sim.count({ status: 429 })).toBeGreaterThan(0);
	});

	it('retries a GET after a 503 but never repeats a POST after one', async () => {
		sim.injectFault({ method: 'GET', path: '/marketplace/plans', status: 503, headers: { 'retry-after': '0', 'x-correlation-id': 'cb-fault-1' } });
		const get = await run(sim, { resource: 'plan', operation: 'getMany', limit: 2 });
		expect(get.status).toBe('success');
		expect(get.items).toHaveLength(2);
		expect(sim.count({ method: 'GET', path: '/marketplace/plans' })).toBe(2);

		sim.injectFault({ method: 'POST', path: '/marketplace/orders', status: 503, headers: { 'retry-after': '0', 'x-correlation-id': 'cb-fault-2' } });
		const post = await run(
			sim,
			{ resource: 'order', operation: 'create', customerId: '1000001', products: { product: [{ mpn: 'MPN-0001_ANNUAL', quantity: 1 }] } },
			{ continueOnFail: true },
		);
		expect(post.items[0].json.error).toMatch(/answered 503/);
		expect(post.items[0].json.correlationId).toBe('cb-fault-2');
		expect(sim.count({ method: 'POST', path: '/marketplace/orders' })).toBe(1);
	});
});

describe('token endpoint hiccups', () => {
	it('asks for the token again when the token endpoint answers 503 once (a GET is safe to repeat)', async () => {
		sim.injectFault({ method: 'POST', path: '/marketplace/token', status: 503, headers: { 'retry-after': '0' }, body: { message: 'Service unavailable', code: 'UNAVAILABLE' } });
		const result = await run(sim, { resource: 'plan', operation: 'getMany', limit: 3 });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(sim.find({ path: '/marketplace/token' }).map((r) => r.status)).toEqual([503, 200]);
	});

	it('asks only once with a wrong password (n8n does not repeat a refused token request)', async () => {
		await run(sim, { resource: 'plan', operation: 'getMany' }, { creds: tokenCredentials(sim, { password: 'wrong-password' }) });
		expect(sim.count({ path: '/marketplace/token' })).toBe(1);
	});
});

describe('errors', () => {
	it('name the correlation id and never a secret', async () => {
		const creds = tokenCredentials(sim);
		const result = await run(sim, { resource: 'customer', operation: 'get', customerId: '999' }, { creds, continueOnFail: true });
		const error = result.items[0].json;
		expect(error.error).toBe('CloudBlue Commerce answered 404: Customer 999 not found');
		const [call] = sim.find({ path: '/marketplace/customers/:id' });
		expect(error.correlationId).toBeDefined();
		expect(String(error.description)).toContain(`Correlation ID: ${String(error.correlationId)}`);
		const text = JSON.stringify(error);
		for (const secret of [sim.account.password, sim.account.subscriptionKey, String(creds.cloudBlueCommerceApi.accessToken)]) {
			expect(text).not.toContain(secret);
		}
		expect(call.status).toBe(404);
	});

	it('say which secret is wrong when the token request fails in a workflow', async () => {
		const result = await run(sim, { resource: 'plan', operation: 'getMany' }, { creds: tokenCredentials(sim, { password: 'bad-password-123' }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/answered 401: The username or password was refused/);
		expect(result.error?.description).toMatch(/Check the Username and Password/);
		expect(result.error?.description).toMatch(/Correlation ID: a8n-[0-9a-f-]{36}\./);
		expect(JSON.stringify(result.error)).not.toContain('bad-password-123');
	});

	it('say the subscription key is refused on an API call', async () => {
		const result = await run(sim, { resource: 'plan', operation: 'getMany' }, { creds: keycloakCredentials(sim, { subscriptionKey: 'nope-nope' }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/answered 401: Access denied due to invalid subscription key/);
		expect(result.error?.description).toMatch(/Subscription Key/);
	});
});
