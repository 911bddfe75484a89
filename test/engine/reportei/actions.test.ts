/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import got from 'got';
import type { IDataObject } from 'n8n-workflow';

import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { runNode, startSim } from './helpers';

let sim: ReporteiSimulator;

beforeEach(async () => {
	sim = await startSim({ seedCustomers: 250 });
});

afterEach(async () => {
	await sim.stop();
});

const first = (run: Awaited<ReturnType<typeof runNode>>) => run.output('Reportei')[0].json;

describe('Merchant', () => {
	test('Get Settings returns the merchant with its rate limits, sending Bearer and Accept: application/json', async () => {
		const run = await runNode(sim, { resource: 'merchant', operation: 'getSettings' });
		expect(run.status).toBe('success');
		expect(first(run)).toMatchObject({ name: 'Demo Agency', rate_limit_per_minute: '999', total_customers: 250 });
		expect((first(run).available_integrations as unknown[]).length).toBeGreaterThan(3);
		const [request] = sim.find({ path: '/api/merchants/settings' });
		expect(request.headers.authorization).toBe(`Bearer ${sim.merchantToken}`);
		expect(request.headers.accept).toContain('application/json');
	});
});

describe('Customer', () => {
	test('Create returns the one-time api_token with a notice to store it, one customer per item', async () => {
		const run = await runNode(sim, { resource: 'customer', operation: 'create', name: '={{ $json.name }}' }, [
			{ name: 'Acme' },
			{ name: 'Beta' },
		]);
		expect(run.status).toBe('success');
		const items = run.output('Reportei');
		expect(items).toHaveLength(2);
		expect(items[1]).toMatchObject({ json: { name: 'Beta', is_paying: false }, pairedItem: { item: 1 } });
		const token = items[0].json.api_token as string;
		expect(token).toMatch(/^ct_/);
		expect(items[0].json.api_token_notice).toMatch(/shown only once/);
		// The token works as the Customer Token of a customer-level call.
		const settings = await runNode(sim, { resource: 'customer', operation: 'getSettings', customerToken: token });
		expect(first(settings)).toMatchObject({ name: 'Acme', integrations: [] });
	});

	test('Get, Update, Set Payment Status and Delete act on one customer', async () => {
		const { customer } = sim.addCustomer('Gamma');
		const got1 = await runNode(sim, { resource: 'customer', operation: 'get', customerId: customer.uuid });
		expect(first(got1)).toMatchObject({ uuid: customer.uuid, name: 'Gamma' });
		expect(first(got1).api_token).toBeUndefined();

		const updated = await runNode(sim, { resource: 'customer', operation: 'update', customerId: customer.uuid, name: 'Gamma Ltda' });
		expect(first(updated)).toMatchObject({ uuid: customer.uuid, name: 'Gamma Ltda' });
		expect(sim.customers.get(customer.uuid)?.name).toBe('Gamma Ltda');

		const paying = await runNode(sim, { resource: 'customer', operation: 'setPaymentStatus', customerId: customer.uuid, isPaying: true });
		expect(first(paying)).toMatchObject({ uuid: customer.uuid, is_paying: true, success: true });
		expect(sim.customers.get(customer.uuid)?.is_paying).toBe(true);

		const deleted = await runNode(sim, { resource: 'customer', operation: 'delete', customerId: customer.uuid });
		expect(run(deleted)).toEqual([{ deleted: true }]);
		expect(sim.customers.has(customer.uuid)).toBe(false);
	});

	test.each([
		[2, 'getMany'],
		[1, 'getAll'],
	] as const)('Get Many with a Limit asks for one page of that size (version %i, %s)', async (version, operation) => {
		const run = await runNode(sim, { resource: 'customer', operation, returnAll: false, limit: 30 }, [{}], { version });
		expect(run.output('Reportei')).toHaveLength(30);
		expect(sim.find({ path: '/api/customers' }).map((r) => r.query)).toEqual([{ page: '1', per_page: '30' }]);
	});

	test('Get Many with Return All reads every page, 100 a page', async () => {
		const run = await runNode(sim, { resource: 'customer', operation: 'getMany', returnAll: true });
		const items = run.output('Reportei');
		expect(items).toHaveLength(250);
		expect(new Set(items.map((i) => i.json.uuid)).size).toBe(250);
		expect(sim.find({ path: '/api/customers' }).map((r) => r.query)).toEqual([
			{ page: '1', per_page: '100' },
			{ page: '2', per_page: '100' },
			{ page: '3', per_page: '100' },
		]);
	});

	test('continue on fail: a missing customer becomes an error item paired with its input', async () => {
		const [a] = [...sim.customers.values()];
		const run = await runNode(sim, { resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' }, [{ id: 'nope' }, { id: a.uuid }], {
			continueOnFail: true,
		});
		const items = run.output('Reportei');
		expect(items[0]).toMatchObject({ json: { error: 'Reportei Connect answered 404: Record not found.' }, pairedItem: { item: 0 } });
		expect(items[1]).toMatchObject({ json: { uuid: a.uuid }, pairedItem: { item: 1 } });
	});
});

/** The hosted page of a session, connecting one network (the simulator's own `integration` parameter). */
function linkFor(session: IDataObject, slug: string): string {
	const url = new URL(session.session_link as string);
	url.searchParams.set('integration', slug);
	return url.toString();
}

function run(result: Awaited<ReturnType<typeof runNode>>) {
	return result.output('Reportei').map((i) => i.json);
}

describe('Integration Session and Customer Integration', () => {
	test('Create sends every option and returns the link that connects a network', async () => {
		const { customer, apiToken } = sim.addCustomer('Delta');
		const result = await runNode(sim, {
			resource: 'integrationSession',
			operation: 'create',
			customerToken: apiToken,
			options: {
				redirectUrl: 'https://agency.example.com/done',
				locale: 'en',
				expiresInMinutes: 10,
				closeOnFinish: true,
				enableMultiAccountSelection: false,
				limitReachedUrl: 'https://agency.example.com/upgrade',
				limits: {
					limit: [
						{ name: 'integration_count', value: 2 },
						{ name: 'available_integrations', integrations: 'instagram_business, facebook' },
					],
				},
			},
		});
		expect(result.status).toBe('success');
		const session = first(result);
		expect(session).toMatchObject({ customer_uuid: customer.uuid, redirect_url: 'https://agency.example.com/done' });
		expect(sim.bodies.find((b) => b.path === '/api/customer-integrations/session')?.body).toEqual({
			redirect_url: 'https://agency.example.com/done',
			locale: 'en',
			expires_in_minutes: 10,
			close_on_finish: true,
			enable_multi_account_selection: false,
			limit_reached_url: 'https://agency.example.com/upgrade',
			limits: [
				{ name: 'integration_count', value: 2 },
				{ name: 'available_integrations', value: ['instagram_business', 'facebook'] },
			],
		});
		const opened = await got(linkFor(session, 'facebook'), { followRedirect: false, throwHttpErrors: false });
		expect(opened.statusCode).toBe(302);
		expect(opened.headers.location).toMatch(/^https:\/\/agency\.example\.com\/done\?customer_integration=/);
		const denied = await got(linkFor(session, 'tiktok'), { followRedirect: false, throwHttpErrors: false });
		expect(denied.headers.location).toBe('https://agency.example.com/upgrade');
	});

	test('Get, Get Many and Delete (with a session id) of customer integrations', async () => {
		const { customer, apiToken } = sim.addCustomer('Epsilon');
		const ig = sim.addIntegration(customer.uuid, 'instagram_business');
		const fb = sim.addIntegration(customer.uuid, 'facebook');

		const one = await runNode(sim, { resource: 'customerIntegration', operation: 'get', customerToken: apiToken, customerIntegrationId: ig.uuid });
		expect(first(one)).toMatchObject({ uuid: ig.uuid, status: 'active', integration: { slug: 'instagram_business' } });

		for (const shape of ['paginated', 'array', 'customer_integrations'] as const) {
			sim.integrationListShape = shape;
			const many = await runNode(sim, { resource: 'customerIntegration', operation: 'getMany', customerToken: apiToken, returnAll: true });
			expect(run(many).map((i) => i.uuid)).toEqual([ig.uuid, fb.uuid]);
		}
		sim.integrationListShape = 'paginated';
		const savedInV1 = await runNode(sim, { resource: 'customerIntegration', operation: 'getAll', customerToken: apiToken, returnAll: true }, [{}], {
			version: 1,
		});
		expect(run(savedInV1).map((i) => i.uuid)).toEqual([ig.uuid, fb.uuid]);

		const noSession = await runNode(sim, {
			resource: 'customerIntegration',
			operation: 'delete',
			customerToken: apiToken,
			customerIntegrationId: ig.uuid,
			sessionId: 'f0000000-0000-4000-a000-000000000000',
		});
		expect(noSession.status).toBe('error');
		expect(noSession.error?.message).toBe('Reportei Connect answered 422: session_id: The session id is invalid or has expired.');

		const session = await runNode(sim, { resource: 'integrationSession', operation: 'create', customerToken: apiToken });
		const deleted = await runNode(sim, {
			resource: 'customerIntegration',
			operation: 'delete',
			customerToken: apiToken,
			customerIntegrationId: ig.uuid,
			sessionId: first(session).session_uuid as string,
		});
		expect(run(deleted)).toEqual([{ deleted: true }]);
		expect(sim.integrations.has(ig.uuid)).toBe(false);
		expect(sim.find({ method: 'DELETE' })[1].query).toEqual({ session_id: first(session).session_uuid });
	});

	test('an expired session (5 minutes) cannot delete an integration', async () => {
		const { customer, apiToken } = sim.addCustomer('Zeta');
		const ig = sim.addIntegration(customer.uuid);
		const session = await runNode(sim, { resource: 'integrationSession', operation: 'create', customerToken: apiToken });
		sim.advance(6 * 60_000);
		const opened = await got(first(session).session_link as string, { throwHttpErrors: false });
		expect(opened.statusCode).toBe(410);
		const deleted = await runNode(sim, {
			resource: 'customerIntegration',
			operation: 'delete',
			customerToken: apiToken,
			customerIntegrationId: ig.uuid,
			sessionId: first(session).session_uuid as string,
		});
		expect(deleted.status).toBe('error');
		expect(sim.integrations.has(ig.uuid)).toBe(true);
	});
});

describe('errors', () => {
	test.each([
		['laravel', 'name: The name field is required.'],
		['message', 'The name field is required.'],
		['errors', 'name: The name field is required.'],
		['error', 'name: The name field is required.'],
	] as const)('every error envelope (%s) becomes one message in the provider words, the field named', async (shape, words) => {
		sim.errorShape = shape;
		const a = await runNode(sim, { resource: 'customer', operation: 'create', name: ' ' });
		expect(a.error?.message).toBe(`Reportei Connect answered 422: ${words}`);
	});

	test('an HTML error page becomes a short message with its title, not the page', async () => {
		sim.injectFault({
			path: '/api/merchants/settings',
			status: 502,
			headers: { 'content-type': 'text/html' },
			body: `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>${'<p>nginx</p>'.repeat(200)}</body></html>`,
		});
		const result = await runNode(sim, { resource: 'merchant', operation: 'getSettings', requestOptions: { maxAttempts: 1 } });
		expect(result.error?.message).toBe('Reportei Connect answered 502: 502 Bad Gateway (an HTML page instead of JSON)');
		expect(result.error?.description).toMatch(/problem on its side/);
	});

	test('a 404 says what to check', async () => {
		const c = await runNode(sim, { resource: 'customer', operation: 'get', customerId: 'missing' });
		expect(c.error?.message).toBe('Reportei Connect answered 404: Record not found.');
		expect(c.error?.description).toMatch(/check that it exists/);
	});

	test('a refused merchant token names the credential', async () => {
		const result = await runNode(sim, { resource: 'merchant', operation: 'getSettings' }, [{}], {
			credentials: { reporteiConnectApi: { accessToken: 'wrong-token', baseUrl: sim.apiUrl } },
		});
		expect(result.error?.message).toBe('Reportei Connect answered 401: Unauthenticated.');
		expect(result.error?.description).toMatch(/Merchant Token and Base URL in the Reportei Connect credential/);
	});

	test('a wrong Customer Token is explained and never shown', async () => {
		const token = 'ct_this-is-not-a-valid-token-0123456789';
		const result = await runNode(sim, { resource: 'customerIntegration', operation: 'getMany', customerToken: token, returnAll: true }, [{}], {
			continueOnFail: true,
		});
		const item = first(result);
		expect(item.error).toBe('Reportei Connect answered 401: Invalid Customer Token');
		expect(item.description).toMatch(/accepts the merchant token but refuses this Customer Token/);
		expect(JSON.stringify(result.output('Reportei'))).not.toContain(token);
		expect(JSON.stringify(result.output('Reportei'))).not.toContain(sim.merchantToken);
	});

	test('a customer-level 401 caused by a wrong merchant token says so', async () => {
		const { apiToken } = sim.addCustomer('Theta');
		const result = await runNode(sim, { resource: 'customerIntegration', operation: 'getMany', customerToken: apiToken, returnAll: true }, [{}], {
			credentials: { reporteiConnectApi: { accessToken: 'revoked-merchant-token', baseUrl: sim.apiUrl } },
		});
		expect(result.error?.message).toBe('Reportei Connect answered 401: Unauthenticated.');
		expect(result.error?.description).toMatch(/refuses the merchant token itself/);
	});

	test('an empty Customer Token fails before any request', async () => {
		const result = await runNode(sim, { resource: 'customer', operation: 'getSettings', customerToken: '={{ $json.token }}' }, [{ token: ' ' }]);
		expect(result.error?.message).toBe('The Customer Token is empty');
		expect(sim.count({ path: '/api/customers/settings' })).toBe(0);
	});
});

describe('the 7-day trial', () => {
	async function trialCustomer(createdAt?: number) {
		const { customer, apiToken } = sim.addCustomer('Trial Co', { createdAt });
		const integration = sim.addIntegration(customer.uuid);
		const params = {
			resource: 'metrics',
			operation: 'getData',
			customerToken: apiToken,
			customerIntegration: integration.uuid,
			start: '2025-01-01',
			end: '2025-01-31',
			metricsJson: JSON.stringify([{ reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] }]),
		};
		return { customer, params };
	}

	test('after the trial, the 401 says the trial ended and names Set Payment Status; paying unlocks it', async () => {
		sim.trialExpiredMessage = "Trial expired: this customer's 7-day trial has ended and it is not marked as paying.";
		const { customer, params } = await trialCustomer();
		expect((await runNode(sim, params)).status).toBe('success');
		sim.advance(8 * 24 * 3600_000);
		const refused = await runNode(sim, params);
		expect(refused.error?.message).toMatch(/^Reportei Connect answered 401: Trial expired/);
		expect(refused.error?.description).toMatch(/7-day trial has ended.*Set Payment Status/);
		await runNode(sim, { resource: 'customer', operation: 'setPaymentStatus', customerId: customer.uuid, isPaying: true });
		expect((await runNode(sim, params)).status).toBe('success');
	});

	test('when the 401 body says nothing about the trial, the customer settings tell', async () => {
		sim.trialExpiredMessage = 'generic';
		// Created 8 days ago in real time: the node compares trial_ends_at with its own clock.
		const { params } = await trialCustomer(Date.now() - 8 * 24 * 3600_000);
		const refused = await runNode(sim, params);
		expect(refused.error?.message).toMatch(/^Reportei Connect answered 401: Unauthenticated\. \(the customer's trial ended on /);
		expect(refused.error?.description).toMatch(/Set Payment Status/);
	});
});
