/**
 * CloudBlue Commerce failures as a user meets them, through n8n-core's engine against the
 * simulator: a business conflict answered as HTTP 500 (never repeated, never "try again later"),
 * nginx's 504 page before or after the API acted, the other documented error bodies, and single
 * objects answered bare or wrapped in `data`.
 */
import { run } from './helpers';
import { CloudBlueSimulator, NGINX_504 } from '../../../dev/simulators/cloudblue/server';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeEach(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 40 }).start();
});

afterEach(async () => {
	await sim.stop();
});

function changeOrder(subscriptionIndex: number, quantity: number) {
	const subscription = sim.subscriptions[subscriptionIndex];
	const line = (subscription.products as Array<{ mpn: string }>)[0];
	return {
		resource: 'order',
		operation: 'create',
		customerId: String(subscription.customerId),
		type: 'change',
		products: { product: [{ mpn: line.mpn, quantity, subscriptionId: String(subscription.id) }] },
		additionalFields: { poNumber: `PO-CHANGE-${quantity}` },
	};
}

describe('a business conflict answered as HTTP 500', () => {
	it('shows the API\'s message and what to do about it, and is not repeated', async () => {
		expect((await run(sim, changeOrder(2, 5))).status).toBe('success');
		const result = await run(sim, changeOrder(2, 6), { continueOnFail: true });
		const error = result.items[0].json;
		expect(error.error).toMatch(/^CloudBlue Commerce answered 500: Cannot Upgrade\/Downgrade Resources for Subscription #\d+: there is already an Upgrade\/Downgrade Order #CH\d+ in status Provisioning/);
		expect(String(error.description)).toMatch(/^CloudBlue answers requests it refuses for a business rule/);
		expect(String(error.description)).not.toMatch(/try again later/i);
		expect(error.correlationId).toMatch(/^a8n-/);
		expect(sim.count({ method: 'POST', path: '/marketplace/orders' })).toBe(2);
	});
});

describe('the gateway\'s 504 page', () => {
	it('on an order the API placed anyway: a short message, not repeated, and the order can be found by its PO number', async () => {
		sim.gatewayTimeout('/orders', { method: 'POST', afterHandling: true });
		const before = sim.orders.length;
		const result = await run(
			sim,
			{ resource: 'order', operation: 'create', customerId: '1000001', products: { product: [{ mpn: 'MPN-0001_ANNUAL', quantity: 1 }] }, additionalFields: { poNumber: 'PO-777' } },
			{ continueOnFail: true },
		);
		const error = result.items[0].json;
		expect(error.error).toBe('CloudBlue Commerce\'s gateway answered 504 (an HTML error page: "504 Gateway Time-out"): the API did not answer in time');
		expect(String(error.description)).toMatch(/^The gateway stopped waiting, but CloudBlue may still have carried out the request .* Order > Get Many with the PO Number/);
		expect(JSON.stringify(error)).not.toContain('<html>');
		expect(sim.count({ method: 'POST', path: '/marketplace/orders' })).toBe(1);
		expect(sim.orders.length).toBe(before + 1);
		const found = await run(sim, { resource: 'order', operation: 'getMany', returnAll: true, filters: { customerId: '1000001' } });
		expect(found.items.map((i) => i.json.poNumber)).toContain('PO-777');
	});

	it('on a read: repeated, and the answer that follows is used', async () => {
		sim.gatewayTimeout('/customers/:id');
		const result = await run(sim, { resource: 'customer', operation: 'get', customerId: '1000003' });
		expect(result.status).toBe('success');
		expect(result.items[0].json.id).toBe('1000003');
		expect(sim.find({ path: '/marketplace/customers/:id' }).map((r) => r.status)).toEqual([504, 200]);
	});

	it('on the token endpoint: the token failure says so in short', async () => {
		sim.injectFault({ method: 'POST', path: '/marketplace/token', status: 504, body: NGINX_504, headers: { 'content-type': 'text/html' }, times: 10 });
		const result = await run(sim, { resource: 'plan', operation: 'getMany', requestOptions: { maxAttempts: 1 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/The token endpoint had a problem on its side \(HTTP 504, an HTML error page: "504 Gateway Time-out"\)/);
		expect(JSON.stringify(result.error)).not.toContain('<center>');
	});
});

describe('other error bodies', () => {
	it('{message, code, details}: the message with its details', async () => {
		sim.errorBodies = 'message-code-details';
		const result = await run(sim, { resource: 'order', operation: 'create', customerId: '1000001', products: { product: [{ mpn: 'NOPE', quantity: 1 }] } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('CloudBlue Commerce answered 400: Unknown product MPN "NOPE" (products: unknown mpn)');
		expect(result.items[0].json.correlationId).toMatch(/^a8n-/);
	});

	it('Azure API Management\'s {statusCode, message} for a wrong key', async () => {
		const result = await run(sim, { resource: 'plan', operation: 'getMany' }, { creds: { cloudBlueCommerceApi: sim.keycloakCredentials({ subscriptionKey: 'nope' }) as never } });
		expect(result.error?.message).toMatch(/answered 401: Access denied due to invalid subscription key/);
		expect(result.error?.description).toMatch(/^The API gateway refused the Subscription Key/);
	});
});

describe('single objects bare or wrapped in data', () => {
	it.each([false, true])('Create Customer, Create Customer of a reseller and Create Order give the object (wrapped: %s)', async (wrapped) => {
		sim.wrapSingleObjects = wrapped;
		const address = { value: { streetAddress: '1 Road', postalCode: '1000', city: 'Town', countryCode: 'US' } };
		const contactPersons = { contact: [{ type: 'admin', firstName: 'A', lastName: 'B', email: 'a@b.example', phoneNumber: '1#555#1' }] };
		const customer = await run(sim, { resource: 'customer', operation: 'create', name: 'Wrapped Ltd', language: 'en', address, contactPersons });
		expect(customer.items[0].json).toMatchObject({ id: expect.any(String), name: 'Wrapped Ltd' });
		const owned = await run(sim, { resource: 'reseller', operation: 'createCustomer', resellerId: '2000002', name: 'Owned Ltd', language: 'en', address, contactPersons });
		expect(owned.items[0].json).toMatchObject({ id: expect.any(String), resellerId: '2000002' });
		const order = await run(sim, { resource: 'order', operation: 'create', customerId: String(customer.items[0].json.id), products: { product: [{ mpn: 'MPN-0001_ANNUAL', quantity: 2 }] } });
		expect(order.items[0].json).toMatchObject({ id: expect.any(String), orderNumber: expect.stringMatching(/^SO/), total: { currency: 'USD', amount: '10.00' } });
	});
});
