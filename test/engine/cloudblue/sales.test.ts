/**
 * CloudBlue Commerce customers, resellers, orders, subscriptions, products and plans through
 * n8n-core's engine against the simulator: every operation, pagination, filters and input errors.
 */
import { run } from './helpers';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeAll(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 250 }).start();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => sim.clearLog());

const address = { value: { streetAddress: '1 Infinite Loop', postalCode: '95014', city: 'Cupertino', state: 'CA', countryCode: 'US' } };
const contactPersons = {
	contact: [{ type: 'admin', firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example', phoneNumber: '+1#555#0199', login: '' }],
};

describe('Customer', () => {
	it('Create sends an Account body and returns the new customer', async () => {
		const result = await run(sim, {
			resource: 'customer',
			operation: 'create',
			name: 'Navy Ltd',
			language: 'en',
			address,
			contactPersons,
			additionalFields: { externalId: 'EXT-NAVY', attributes: '{"segment":"gov"}' },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ name: 'Navy Ltd', externalId: 'EXT-NAVY', status: 'active', attributes: { segment: 'gov' } });
		expect(sim.customers.at(-1)).toMatchObject({
			address: address.value,
			contactPersons: [{ type: 'admin', firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example', phoneNumber: '+1#555#0199' }],
		});
		expect((sim.customers.at(-1)!.contactPersons as Array<Record<string, unknown>>)[0].login).toBeUndefined();
	});

	it('Create shows which required fields the API missed', async () => {
		const result = await run(sim, { resource: 'customer', operation: 'create', name: 'No Address', language: 'en', contactPersons }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/answered 400: Required fields are missing: address/);
		expect(sim.count({ method: 'POST', path: '/marketplace/customers' })).toBe(1);
	});

	it('Create rejects invalid JSON attributes before calling the API', async () => {
		const result = await run(
			sim,
			{ resource: 'customer', operation: 'create', name: 'X', language: 'en', address, contactPersons, additionalFields: { attributes: '{oops' } },
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toBe('Attributes (JSON) is not valid JSON');
		expect(sim.count({ method: 'POST' })).toBe(0);
	});

	it('Get returns one customer per input item, paired', async () => {
		const result = await run(sim, { resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' }, { items: [{ id: '1000002' }, { id: '1000003' }] });
		expect(result.items.map((i) => [i.json.id, i.pairedItem])).toEqual([
			['1000002', { item: 0 }],
			['1000003', { item: 1 }],
		]);
	});

	it('Get Many honours Limit with one request, and Return All over pages of 100', async () => {
		const limited = await run(sim, { resource: 'customer', operation: 'getMany', limit: 7 });
		expect(limited.items).toHaveLength(7);
		expect(sim.find({ path: '/marketplace/customers' }).map((r) => r.query)).toEqual([{ offset: '0', limit: '7' }]);

		sim.clearLog();
		const all = await run(sim, { resource: 'customer', operation: 'getMany', returnAll: true });
		expect(all.items.length).toBe(sim.customers.length);
		expect(sim.find({ path: '/marketplace/customers' }).map((r) => r.query.limit)).toEqual(['100', '100', '100']);
	});

	it('Get Many sends the filters', async () => {
		const result = await run(sim, {
			resource: 'customer',
			operation: 'getMany',
			returnAll: true,
			filters: { resellerId: '2000002', name: 'Customer 1' },
		});
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.every((i) => i.json.resellerId === '2000002' && String(i.json.name).includes('Customer 1'))).toBe(true);
		const byEmail = await run(sim, { resource: 'customer', operation: 'getMany', filters: { email: 'admin5@customer5.example' } });
		expect(byEmail.items.map((i) => i.json.id)).toEqual(['1000005']);
		const byExternal = await run(sim, { resource: 'customer', operation: 'getMany', filters: { externalId: 'EXT-9' } });
		expect(byExternal.items.map((i) => i.json.id)).toEqual(['1000009']);
	});

	it('Update sends only the fields set, with PATCH', async () => {
		const result = await run(sim, { resource: 'customer', operation: 'update', customerId: '1000010', updateFields: { status: 'creditHold', taxRegId: 'NEW-TAX' } });
		expect(result.items[0].json).toMatchObject({ id: '1000010', status: 'creditHold', taxRegId: 'NEW-TAX', name: 'Customer 10 Ltd' });
		const [patch] = sim.find({ method: 'PATCH' });
		expect(patch.path).toBe('/marketplace/customers/1000010');
	});

	it('encodes IDs as one path segment', async () => {
		const result = await run(sim, { resource: 'customer', operation: 'get', customerId: '../orders' }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/404/);
		expect(sim.find({ method: 'GET' }).at(-1)?.path).toBe('/marketplace/customers/..%2Forders');
	});
});

describe('Reseller', () => {
	it('Create requires and sends the currency', async () => {
		const result = await run(sim, { resource: 'reseller', operation: 'create', name: 'New Reseller', language: 'en', currency: 'EUR', address, contactPersons });
		expect(result.items[0].json).toMatchObject({ name: 'New Reseller', currency: 'EUR', id: expect.any(String) });
	});

	it('Get, Get Many and Update', async () => {
		expect((await run(sim, { resource: 'reseller', operation: 'get', resellerId: '2000001' })).items[0].json.name).toBe('Reseller 1 Distribution');
		const many = await run(sim, { resource: 'reseller', operation: 'getMany', returnAll: true });
		expect(many.items.length).toBe(sim.resellers.length);
		const filtered = await run(sim, { resource: 'reseller', operation: 'getMany', filters: { externalId: 'RES-3' } });
		expect(filtered.items.map((i) => i.json.id)).toEqual(['2000003']);
		const updated = await run(sim, { resource: 'reseller', operation: 'update', resellerId: '2000004', updateFields: { name: 'Renamed', address } });
		expect(updated.items[0].json).toMatchObject({ name: 'Renamed', address: address.value });
		const empty = await run(sim, { resource: 'reseller', operation: 'update', resellerId: '2000004', updateFields: {} }, { continueOnFail: true });
		expect(empty.items[0].json.error).toBe('Nothing to update');
	});

	it('Get Customers returns only that reseller’s customers, over pages', async () => {
		const result = await run(sim, { resource: 'reseller', operation: 'getCustomers', resellerId: '2000001', returnAll: true });
		const expected = sim.customers.filter((c) => c.resellerId === '2000001').map((c) => c.id);
		expect(result.items.map((i) => i.json.id)).toEqual(expected);
		expect(sim.find({ path: '/marketplace/resellers/:id/customers' }).length).toBe(Math.ceil(expected.length / 100));
	});

	it('Create Customer creates a customer owned by the reseller', async () => {
		const result = await run(sim, { resource: 'reseller', operation: 'createCustomer', resellerId: '2000003', name: 'Owned', language: 'en', address, contactPersons });
		expect(result.items[0].json).toMatchObject({ name: 'Owned', resellerId: '2000003' });
	});

	it('Get Orders returns the orders of the reseller’s customers', async () => {
		const result = await run(sim, { resource: 'reseller', operation: 'getOrders', resellerId: '2000001', returnAll: true, filters: { status: 'completed' } });
		const own = new Set(sim.customers.filter((c) => c.resellerId === '2000001').map((c) => c.id));
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.every((i) => own.has(i.json.customerId as string) && i.json.status === 'completed')).toBe(true);
	});

	it('a missing reseller gives a 404 error per item with continue on fail', async () => {
		const result = await run(sim, { resource: 'reseller', operation: 'get', resellerId: '={{ $json.id }}' }, { items: [{ id: '2000001' }, { id: '42' }], continueOnFail: true });
		expect(result.items[0].json.id).toBe('2000001');
		expect(result.items[1]).toMatchObject({ json: { error: 'CloudBlue Commerce answered 404: Reseller 42 not found' }, pairedItem: { item: 1 } });
	});
});

describe('Order', () => {
	const order = {
		customerId: '1000001',
		type: 'sales',
		products: { product: [{ mpn: 'MPN-0002_ANNUAL', quantity: 3, parameters: '[{"name":"domain","value":"jsmith201"}]' }] },
		additionalFields: { poNumber: 'PO-77' },
	};

	it('Estimate prices an order without placing it', async () => {
		const before = sim.orders.length;
		const result = await run(sim, { resource: 'order', operation: 'estimate', ...order });
		expect(result.items[0].json.total).toEqual({ currency: 'USD', amount: '18.00' });
		expect(sim.orders.length).toBe(before);
	});

	it('Create places the order', async () => {
		const result = await run(sim, { resource: 'order', operation: 'create', ...order });
		expect(result.items[0].json).toMatchObject({ status: 'submitted', customerId: '1000001', poNumber: 'PO-77', type: 'sales' });
		expect(sim.orders.at(-1)?.products).toEqual([
			expect.objectContaining({ mpn: 'MPN-0002_ANNUAL', quantity: 3, parameters: [{ name: 'domain', value: 'jsmith201' }] }),
		]);
	});

	it('Create shows the API error for an unknown product', async () => {
		const result = await run(sim, { resource: 'order', operation: 'create', customerId: '1000001', products: { product: [{ mpn: 'NOPE', quantity: 1 }] } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('CloudBlue Commerce answered 400: Unknown product MPN "NOPE"');
	});

	it('Get, Get Many with filters, Update', async () => {
		const id = String(sim.orders[3].id);
		expect((await run(sim, { resource: 'order', operation: 'get', orderId: id })).items[0].json.id).toBe(id);
		const many = await run(sim, { resource: 'order', operation: 'getMany', returnAll: true, filters: { customerId: String(sim.orders[3].customerId), creationTimeFrom: '2000-01-01T00:00:00' } });
		expect(many.items.map((i) => i.json.id)).toContain(id);
		// creationTimeFrom is `format: date-time` (spec v1.15, getOrders).
		expect(sim.find({ path: '/marketplace/orders' })[0].query.creationTimeFrom).toBe('2000-01-01T00:00:00Z');
		const updated = await run(sim, { resource: 'order', operation: 'update', orderId: id, updateFields: { creditCheck: false, statusCode: 'CL' } });
		expect(updated.items[0].json).toMatchObject({ creditCheck: false, statusCode: 'CL' });
	});

	it('Update without fields fails before calling the API', async () => {
		const result = await run(sim, { resource: 'order', operation: 'update', orderId: '7000001', updateFields: {} }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Nothing to update');
		expect(sim.count({ method: 'PATCH' })).toBe(0);
	});
});

describe('Subscription', () => {
	it('Get, Get Many with filters, Update', async () => {
		const sub = sim.subscriptions[5];
		expect((await run(sim, { resource: 'subscription', operation: 'get', subscriptionId: String(sub.id) })).items[0].json.id).toBe(sub.id);
		const active = await run(sim, { resource: 'subscription', operation: 'getMany', returnAll: true, filters: { status: 'active' } });
		expect(active.items.length).toBe(sim.subscriptions.filter((s) => s.status === 'active').length);
		const byCustomer = await run(sim, { resource: 'subscription', operation: 'getMany', filters: { customerId: String(sub.customerId), creationDateFrom: '2000-01-01' } });
		expect(byCustomer.items.map((i) => i.json.id)).toContain(sub.id);
		const updated = await run(sim, {
			resource: 'subscription',
			operation: 'update',
			subscriptionId: String(sub.id),
			updateFields: { renewalStatus: false, attributes: '{"note":"x"}' },
		});
		expect(updated.items[0].json).toMatchObject({ renewalStatus: false, attributes: { note: 'x' } });
	});
});

describe('Product and Plan', () => {
	it('Product > Get Many with filters', async () => {
		const all = await run(sim, { resource: 'product', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(20);
		const acronis = await run(sim, { resource: 'product', operation: 'getMany', returnAll: true, filters: { vendor: 'Acronis' } });
		expect(acronis.items.length).toBe(5);
		expect(sim.find({ path: '/marketplace/products' }).at(-1)?.query.vendor).toBe('Acronis');
	});

	it('Plan > Get and Get Many', async () => {
		const many = await run(sim, { resource: 'plan', operation: 'getMany', limit: 4 });
		expect(many.items.map((i) => i.json.id)).toEqual(['10001', '10002', '10003', '10004']);
		const one = await run(sim, { resource: 'plan', operation: 'get', planId: '10002' });
		expect(one.items[0].json).toMatchObject({ id: '10002', planSwitches: expect.any(Array) });
	});
});
