/**
 * CloudBlue Commerce Subscription > Set Special Pricing and Product > Validate Parameters through
 * n8n-core's engine against the simulator: the bodies sent, the answers, per-item errors with
 * continue-on-fail, input errors before any call, and which POST may be repeated after a 5xx.
 */
import { run } from './helpers';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeAll(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 50 }).start();
});

afterAll(async () => {
	await sim.stop();
});

beforeEach(() => {
	sim.clearLog();
	sim.emptySpecialPricingAnswer = false;
});

/** A subscription and the MPN of its product. */
function subscription(index: number): { id: string; mpn: string } {
	const sub = sim.subscriptions[index];
	return { id: String(sub.id), mpn: String((sub.products as Array<{ mpn: string }>)[0].mpn) };
}

describe('Subscription > Set Special Pricing', () => {
	it('sends the JSON body unchanged to /subscriptions/{id}/specialPricing and returns the answer', async () => {
		const { id, mpn } = subscription(4);
		const body = { products: [{ mpn, unitPrice: { amount: '7.25', currency: 'USD' } }] };
		const result = await run(sim, { resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: id, specialPricing: JSON.stringify(body) });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id, products: [expect.objectContaining({ mpn, unitPrice: { amount: '7.25', currency: 'USD' } })] });
		const [call] = sim.find({ method: 'POST', path: '/marketplace/subscriptions/:id/specialPricing' });
		expect(call.path).toBe(`/marketplace/subscriptions/${id}/specialPricing`);
		expect((sim.subscriptions[4].products as Array<Record<string, unknown>>)[0].unitPrice).toEqual(body.products[0].unitPrice);
	});

	it('turns an empty answer into the pricing that was set', async () => {
		sim.emptySpecialPricingAnswer = true;
		const { id, mpn } = subscription(6);
		const body = { products: [{ mpn, unitPrice: { amount: '0', currency: 'USD' } }] };
		const result = await run(sim, { resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: id, specialPricing: body });
		expect(result.items[0].json).toEqual({ subscriptionId: id, specialPricing: body });
		expect((sim.subscriptions[6].products as Array<Record<string, unknown>>)[0].unitPrice).toEqual(body.products[0].unitPrice);
	});

	it('with continue-on-fail, a refused item says why and the others are set, each paired to its input', async () => {
		const good = subscription(7);
		const other = subscription(8);
		const result = await run(
			sim,
			{ resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: '={{ $json.id }}', specialPricing: '={{ JSON.stringify($json.body) }}' },
			{
				continueOnFail: true,
				items: [
					{ id: good.id, body: { products: [{ mpn: good.mpn, unitPrice: { amount: '3.10', currency: 'USD' } }] } },
					// A product of another subscription.
					{ id: good.id, body: { products: [{ mpn: sim.products.find((p) => p.mpn !== good.mpn)!.mpn, unitPrice: { amount: '1', currency: 'USD' } }] } },
					{ id: '5999999', body: { products: [{ mpn: other.mpn, unitPrice: { amount: '1', currency: 'USD' } }] } },
					{ id: other.id, body: { products: [{ mpn: other.mpn, unitPrice: { amount: 'cheap', currency: 'USD' } }] } },
				],
			},
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toMatchObject({ id: good.id, products: [expect.objectContaining({ mpn: good.mpn, unitPrice: { amount: '3.10', currency: 'USD' } })] });
		expect(result.items[1].json.error).toMatch(/^CloudBlue Commerce answered 400: Product "MPN-\d+_ANNUAL" is not part of subscription \d+/);
		expect(result.items[1].json.correlationId).toEqual(expect.stringMatching(/^a8n-/));
		expect(result.items[2].json.error).toMatch(/answered 404: Subscription 5999999 not found/);
		expect(result.items[3].json.error).toMatch(/answered 400: unitPrice.amount of "MPN-\d+_ANNUAL" must be a non-negative amount as a string/);
	});

	it('fails before calling the API when the JSON is invalid or not an object, and keeps an ID in one path segment', async () => {
		const bad = await run(
			sim,
			{ resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: '={{ $json.id }}', specialPricing: '={{ $json.body }}' },
			{ continueOnFail: true, items: [{ id: '5000001', body: '{"products": [' }, { id: '5000001', body: '[1, 2]' }, { id: '5000001', body: '' }] },
		);
		expect(bad.items.map((i) => i.json.error)).toEqual([
			'Special Pricing (JSON) is not valid JSON',
			'Special Pricing (JSON) must be a JSON object',
			'Special Pricing (JSON) is empty',
		]);
		expect(sim.count({ method: 'POST', path: '/marketplace/subscriptions/:id/specialPricing' })).toBe(0);

		const traversal = await run(
			sim,
			{ resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: '../customers', specialPricing: '{"products":[{"mpn":"x"}]}' },
			{ continueOnFail: true },
		);
		expect(traversal.items[0].json.error).toMatch(/answered 404/);
		const posts = sim.find({ method: 'POST' }).filter((r) => r.path !== '/marketplace/token');
		expect(posts.map((r) => r.path)).toEqual(['/marketplace/subscriptions/..%2Fcustomers/specialPricing']);
	});

	it('is not repeated after a 503 (the prices may already be set)', async () => {
		const { id, mpn } = subscription(9);
		sim.injectFault({ method: 'POST', path: '/marketplace/subscriptions/:id/specialPricing', status: 503, headers: { 'retry-after': '0' } });
		const result = await run(
			sim,
			{ resource: 'subscription', operation: 'setSpecialPricing', subscriptionId: id, specialPricing: JSON.stringify({ products: [{ mpn, unitPrice: { amount: '2', currency: 'USD' } }] }) },
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/answered 503/);
		expect(sim.count({ method: 'POST', path: '/marketplace/subscriptions/:id/specialPricing' })).toBe(1);
	});
});

describe('Product > Validate Parameters', () => {
	const microsoft = () => String(sim.products.find((p) => p.serviceName === 'Microsoft 365')!.mpn);
	const acronis = () => String(sim.products.find((p) => p.vendor === 'Acronis')!.mpn);
	const customerId = { __rl: true, mode: 'list', value: '1000001' };

	it('sends {customerId, type, products} and returns one item per product with the result of each parameter', async () => {
		const products = [
			{ mpn: microsoft(), parameters: [{ name: 'domain', value: 'contoso.example.com' }] },
			{ mpn: microsoft(), parameters: [{ name: 'domain', value: 'not a domain' }] },
			{ mpn: microsoft(), parameters: [] },
			{ mpn: acronis(), parameters: [] },
		];
		const result = await run(sim, { resource: 'product', operation: 'validateParameters', customerId, products: JSON.stringify(products) });
		expect(result.status).toBe('success');
		const [call] = sim.find({ method: 'POST', path: '/marketplace/validation/parameters' });
		expect(call).toBeDefined();
		expect(result.items.map((i) => i.json)).toEqual([
			{ mpn: microsoft(), vendor: 'Microsoft', parameters: [{ name: 'domain', value: 'contoso.example.com', result: 'success', message: 'Domain available to purchase.' }] },
			{
				mpn: microsoft(),
				vendor: 'Microsoft',
				parameters: [{ name: 'domain', value: 'not a domain', result: 'error', message: '"not a domain" is not a valid domain name.', valueError: '"not a domain" is not a valid domain name.' }],
			},
			{ mpn: microsoft(), vendor: 'Microsoft', parameters: [{ name: 'domain', value: '', result: 'error', message: 'The parameter is required.', valueError: 'The parameter is required.' }] },
			{ mpn: acronis(), vendor: 'Acronis', parameters: [] },
		]);
		expect(result.items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('sends a whole body object as it is, one call per input item, paired', async () => {
		const result = await run(
			sim,
			{
				resource: 'product',
				operation: 'validateParameters',
				products: '={{ JSON.stringify({ customerId: "1000002", type: "sales", products: [{ mpn: $json.mpn, parameters: [{ name: "domain", value: $json.domain }] }] }) }}',
			},
			{ items: [{ mpn: microsoft(), domain: 'fabrikam.example' }, { mpn: microsoft(), domain: '' }] },
		);
		expect(result.items.map((i) => [(i.json.parameters as Array<{ result: string }>)[0].result, i.pairedItem])).toEqual([
			['success', { item: 0 }],
			['error', { item: 1 }],
		]);
		const calls = sim.find({ method: 'POST', path: '/marketplace/validation/parameters' });
		expect(calls).toHaveLength(2);
	});

	it('with continue-on-fail, input errors stop before the API and API errors name the answer', async () => {
		const result = await run(
			sim,
			{ resource: 'product', operation: 'validateParameters', customerId, products: '={{ $json.body }}' },
			{
				continueOnFail: true,
				items: [{ body: '[{"mpn": ' }, { body: '[]' }, { body: JSON.stringify([{ mpn: 'NOPE', parameters: [] }]) }, { body: JSON.stringify([{ mpn: acronis(), parameters: [] }]) }],
			},
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json.error).toBe('Products and Parameters (JSON) is not valid JSON');
		expect(result.items[1].json.error).toBe('Products and Parameters (JSON) needs at least one product');
		expect(result.items[2].json.error).toBe('CloudBlue Commerce answered 400: Unknown product MPN "NOPE"');
		expect(result.items[3].json).toMatchObject({ mpn: acronis() });
		expect(sim.count({ method: 'POST', path: '/marketplace/validation/parameters' })).toBe(2);
	});

	it('asks for the customer the API needs before calling it', async () => {
		const result = await run(sim, { resource: 'product', operation: 'validateParameters', products: JSON.stringify([{ mpn: acronis(), parameters: [] }]) }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Customer is empty');
		expect(sim.count({ method: 'POST', path: '/marketplace/validation/parameters' })).toBe(0);
	});

	it('is repeated after a 503, since validating changes nothing', async () => {
		sim.injectFault({ method: 'POST', path: '/marketplace/validation/parameters', status: 503, headers: { 'retry-after': '0' } });
		const result = await run(sim, { resource: 'product', operation: 'validateParameters', customerId, products: JSON.stringify([{ mpn: acronis(), parameters: [] }]) });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ mpn: acronis() });
		expect(sim.count({ method: 'POST', path: '/marketplace/validation/parameters' })).toBe(2);
	});
});
