/**
 * CloudBlue Commerce as it is edited: the "From List" pickers over the simulator (pages, search,
 * what each entry's value is, a readable failure), pickers mapped from earlier nodes, a workflow
 * saved before the fields were pickers (plain ID strings everywhere) still running, and Simplify.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { NODE_TYPE, pickerContext, run, tokenCredentials } from './helpers';
import { runWorkflow, type WorkflowJson } from '../../harness/engine';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';
import {
	searchCustomers,
	searchOrders,
	searchPlans,
	searchProducts,
	searchReports,
	searchResellers,
	searchSubscriptions,
} from '../../../nodes/CloudBlueCommerce/listSearch';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeAll(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 120 }).start();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => sim.clearLog());

describe('From List pickers', () => {
	it('pages customers 50 at a time, the next page as the token, and searches by name on the server', async () => {
		const ctx = await pickerContext(sim);
		const first = await searchCustomers.call(ctx);
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Customer 1 Ltd (1000001, active)', value: '1000001' });
		expect(first.paginationToken).toBe('2');
		const third = await searchCustomers.call(ctx, undefined, '3');
		expect(third.results.map((r) => r.value)).toEqual(sim.customers.slice(100).map((c) => c.id));
		expect(third.paginationToken).toBeUndefined();
		const named = await searchCustomers.call(ctx, 'Customer 11');
		expect(named.results.map((r) => r.value)).toEqual(sim.customers.filter((c) => String(c.name).includes('Customer 11')).map((c) => c.id));
		expect(sim.find({ path: '/marketplace/customers' }).map((r) => r.query)).toEqual([
			{ offset: '0', limit: '50' },
			{ offset: '100', limit: '50' },
			{ name: 'Customer 11', offset: '0', limit: '50' },
		]);
	});

	it('lists resellers, orders, subscriptions, plans and products with readable names', async () => {
		const ctx = await pickerContext(sim);
		expect((await searchResellers.call(ctx)).results[0]).toEqual({ name: 'Reseller 1 Distribution (2000001, active)', value: '2000001' });
		const order = sim.orders[0];
		const orders = await searchOrders.call(ctx, String(order.orderNumber));
		expect(orders.results).toEqual([{ name: expect.stringMatching(new RegExp(`^${String(order.orderNumber)} \\(sales, \\w+, \\d{4}-\\d\\d-\\d\\d, customer ${String(order.customerId)}\\)$`)), value: order.id }]);
		const subscriptions = await searchSubscriptions.call(ctx);
		expect(subscriptions.results[0]).toEqual({ name: `Product 1 (5000001, hold, customer ${String(sim.subscriptions[0].customerId)})`, value: '5000001' });
		expect((await searchPlans.call(ctx, 'plan 3')).results).toEqual([{ name: 'Service Plan 3 (10003)', value: '10003' }]);
		const products = await searchProducts.call(ctx, 'Product 2');
		expect(products.results[0]).toEqual({ name: 'Product 2 (Acronis, MPN-0002_ANNUAL)', value: 'MPN-0002_ANNUAL' });
	});

	it('lists reports newest first: the download link where the server lists no ID, the ID where it does', async () => {
		const ctx = await pickerContext(sim);
		const howTo = await searchReports.call(ctx);
		expect(howTo.results).toHaveLength(12);
		expect(howTo.results[0].name).toMatch(/^Daily report \((JSON|CSV|XML|XLSX), \d{4}-\d\d-\d\d \d\d:\d\d\)$/);
		expect(String(howTo.results[0].value)).toMatch(/\/blob\/rdecontainer\/.+\?sig=/);
		const [request] = sim.find({ path: '/marketplace/reports' });
		expect(request.query).toMatchObject({ from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), to: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
		sim.reportList = 'spec-1.15';
		try {
			const spec = await searchReports.call(ctx, 'daily');
			expect(spec.results[0]).toEqual({ name: expect.stringMatching(/^Daily report \(\w+, .+, completed\)$/), value: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		} finally {
			sim.reportList = 'rde-howto';
		}
	});

	it('fails readably when the list cannot be read', async () => {
		const ctx = await pickerContext(sim);
		sim.gatewayTimeout('/plans', { times: 4 });
		const error = (await searchPlans.call(ctx).catch((e: Error) => e)) as Error & { description?: string };
		expect(error.message).toBe('Could not list the service plans: CloudBlue Commerce\'s gateway answered 504 (an HTML error page: "504 Gateway Time-out"): the API did not answer in time (after 4 attempts)');
		expect(error.description).toMatch(/^CloudBlue's gateway did not get an answer from the API/);
	}, 60_000);
});

describe('pickers in a workflow', () => {
	it('reads a picked ID, an ID typed By ID and a mapped one alike, also inside filters and order lines', async () => {
		const picked = await run(sim, { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'list', value: '1000003', cachedResultName: 'Customer 3 Ltd' } });
		expect(picked.items[0].json.id).toBe('1000003');
		const mapped = await run(sim, { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.customer }}' } }, { items: [{ customer: '1000004' }] });
		expect(mapped.items[0].json.id).toBe('1000004');
		const orders = await run(sim, { resource: 'order', operation: 'getMany', returnAll: true, filters: { customerId: { __rl: true, mode: 'list', value: String(sim.orders[2].customerId) } } });
		expect(orders.items.map((i) => i.json.id)).toContain(sim.orders[2].id);
		expect(sim.find({ path: '/marketplace/orders' }).at(-1)?.query.customerId).toBe(String(sim.orders[2].customerId));
		const created = await run(sim, {
			resource: 'order',
			operation: 'create',
			customerId: { __rl: true, mode: 'id', value: '1000005' },
			products: { product: [{ mpn: { __rl: true, mode: 'list', value: 'MPN-0003_ANNUAL' }, quantity: 2, subscriptionId: { __rl: true, mode: 'list', value: '' } }] },
			additionalFields: { planId: { __rl: true, mode: 'list', value: '10004' } },
		});
		expect(created.status).toBe('success');
		expect(sim.orders.at(-1)).toMatchObject({ customerId: '1000005', planId: '10004', products: [expect.objectContaining({ mpn: 'MPN-0003_ANNUAL', quantity: 2 })] });
		expect((sim.orders.at(-1)!.products as IDataObject[])[0].subscriptionId).toBeUndefined();
	});

	it('runs a workflow saved before the fields were pickers, with plain ID strings', async () => {
		const report = [...sim.reports.values()].find((r) => r.report.format === 'csv')!;
		const node = (name: string, x: number, parameters: INodeParameters) => ({
			id: name,
			name,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [x, 0] as [number, number],
			parameters,
			credentials: { cloudBlueCommerceApi: { id: '1', name: 'CloudBlue Commerce API' } },
			executeOnce: true,
		});
		const saved: WorkflowJson = {
			nodes: [
				{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				node('Customer', 200, { resource: 'customer', operation: 'get', customerId: '1000002' }),
				node('Reseller', 400, { resource: 'reseller', operation: 'getCustomers', resellerId: '={{ $json.resellerId }}', limit: 2 }),
				node('Orders', 600, { resource: 'order', operation: 'getMany', limit: 3, filters: { customerId: '1000002', subscriptionId: '' } }),
				node('Plan', 800, { resource: 'plan', operation: 'get', planId: '10002' }),
				node('Order', 1000, {
					resource: 'order',
					operation: 'create',
					customerId: '1000002',
					products: { product: [{ mpn: 'MPN-0002_ANNUAL', quantity: 1, subscriptionId: '' }] },
					additionalFields: { planId: '10002' },
				}),
				node('Subscription', 1200, { resource: 'subscription', operation: 'get', subscriptionId: '5000002' }),
				node('Report', 1400, { resource: 'report', operation: 'download', reportId: String(report.report.id), output: 'rows' }),
			],
			connections: Object.fromEntries(
				['Start', 'Customer', 'Reseller', 'Orders', 'Plan', 'Order', 'Subscription'].map((from, i) => [
					from,
					{ main: [[{ node: ['Customer', 'Reseller', 'Orders', 'Plan', 'Order', 'Subscription', 'Report'][i], type: 'main' as never, index: 0 }]] },
				]),
			) as WorkflowJson['connections'],
		};
		const result = await runWorkflow({ workflow: saved, credentials: tokenCredentials(sim) });
		expect(result.status).toBe('success');
		expect(result.output('Customer')[0].json.id).toBe('1000002');
		expect(result.output('Reseller').length).toBe(2);
		expect(result.output('Plan')[0].json.id).toBe('10002');
		expect(result.output('Order')[0].json).toMatchObject({ customerId: '1000002', status: 'submitted' });
		// planId is write-only in the spec: sent, never answered.
		expect(sim.orders.at(-1)).toMatchObject({ customerId: '1000002', planId: '10002' });
		expect(result.output('Subscription')[0].json.id).toBe('5000002');
		expect(result.output('Report')).toHaveLength(25);
		expect(sim.find({ path: '/marketplace/orders', method: 'GET' })[0].query.customerId).toBe('1000002');
	});
});

describe('Simplify', () => {
	it('returns at most ten fields of customers, orders and subscriptions when on, the raw answer when off', async () => {
		const raw = await run(sim, { resource: 'customer', operation: 'get', customerId: '1000007' });
		expect(raw.items[0].json).toEqual(sim.customers[6]);
		const customer = await run(sim, { resource: 'customer', operation: 'get', customerId: '1000007', simplify: true });
		expect(customer.items[0].json).toEqual({
			id: '1000007',
			externalId: 'EXT-7',
			name: 'Customer 7 Ltd',
			status: 'creditHold',
			resellerId: '2000002',
			language: 'en',
			taxRegId: 'TAX7',
			email: 'admin7@customer7.example',
			city: 'Springfield',
			countryCode: 'US',
		});
		const orders = await run(sim, { resource: 'order', operation: 'getMany', limit: 2, simplify: true });
		for (const { json } of orders.items) {
			expect(Object.keys(json).length).toBeLessThanOrEqual(10);
			expect(json).toMatchObject({ id: expect.any(String), orderNumber: expect.any(String), status: expect.any(String), total: { currency: 'USD', amount: expect.any(String) } });
		}
		const subscription = await run(sim, { resource: 'subscription', operation: 'get', subscriptionId: '5000004', simplify: true });
		expect(Object.keys(subscription.items[0].json).sort()).toEqual(
			['billingPeriod', 'customerId', 'expirationDate', 'id', 'name', 'planId', 'products', 'renewalStatus', 'status', 'subscriptionPeriod'].sort(),
		);
		const many = await run(sim, { resource: 'subscription', operation: 'getMany', limit: 3, simplify: true });
		expect(many.items.every((i) => i.json.products === undefined && Object.keys(i.json).length <= 10)).toBe(true);
	});
});
