import type { IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import {
	getAvailableIntegrations,
	getCustomerIntegrations,
	searchCustomerIntegrations,
	searchCustomers,
} from '../../../nodes/ReporteiConnect/listSearch';
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { runNode, startSim } from './helpers';

let sim: ReporteiSimulator;

beforeAll(async () => {
	sim = await startSim({ seedCustomers: 150 });
});

afterAll(async () => {
	await sim.stop();
});

/** A load-options context whose authenticated request applies the credential like n8n does. */
function loadOptionsContext(parameters: Record<string, unknown> = {}): ILoadOptionsFunctions {
	const credentials = { accessToken: sim.merchantToken, baseUrl: sim.apiUrl };
	return {
		getNode: () => ({ name: 'Reportei', type: 'n8n-nodes-reporting.reporteiConnect' }) as INode,
		getCredentials: async () => credentials,
		getNodeParameter: () => ({}),
		getCurrentNodeParameter: (name: string) => parameters[name],
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const url = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const response = await fetch(url, {
					headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${credentials.accessToken}`, accept: 'application/json' },
				});
				const body = (await response.json()) as unknown;
				if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { response: { status: response.status, headers: {}, data: body } });
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

test('the Customer picker lists customers a page at a time and filters by name', async () => {
	const first = await searchCustomers.call(loadOptionsContext());
	expect(first.results).toHaveLength(100);
	expect(first.results[0]).toEqual({ name: 'Customer 0001', value: [...sim.customers.keys()][0] });
	expect(first.paginationToken).toBe('100');
	const second = await searchCustomers.call(loadOptionsContext(), undefined, first.paginationToken);
	expect(second.results).toHaveLength(50);
	expect(second.paginationToken).toBeUndefined();
	const filtered = await searchCustomers.call(loadOptionsContext(), 'customer 001');
	expect(filtered.results.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Customer 001${i}`));
});

test('the Customer picker survives a lower page-size maximum', async () => {
	sim.maxPerPage = 40;
	try {
		const first = await searchCustomers.call(loadOptionsContext());
		expect(first.results).toHaveLength(40);
		const second = await searchCustomers.call(loadOptionsContext(), undefined, first.paginationToken);
		expect(second.results[0].value).toBe([...sim.customers.keys()][40]);
	} finally {
		sim.maxPerPage = 100;
	}
});

test('the Customer Integration picker lists the integrations of the Customer Token, by network, account and status', async () => {
	const { customer, apiToken } = sim.addCustomer('Picker Co', { isPaying: true });
	const ig = sim.addIntegration(customer.uuid, 'instagram_business', 'padaria');
	const yt = sim.addIntegration(customer.uuid, 'youtube', 'padaria tv');
	yt.status = 'expired';
	const listed = await searchCustomerIntegrations.call(loadOptionsContext({ customerToken: apiToken }));
	expect(listed.results).toEqual([
		{ name: 'Instagram Business · padaria', value: ig.uuid, description: 'Slug instagram_business, status active' },
		{ name: 'YouTube · padaria tv (expired)', value: yt.uuid, description: 'Slug youtube, status expired' },
	]);
	expect((await searchCustomerIntegrations.call(loadOptionsContext({ customerToken: apiToken }), 'youtube')).results).toHaveLength(1);
	expect((await getCustomerIntegrations.call(loadOptionsContext({ customerToken: apiToken }))).map((o) => o.value)).toEqual([ig.uuid, yt.uuid]);
});

test('the Customer Integration picker says what it needs, and what Reportei said', async () => {
	await expect(searchCustomerIntegrations.call(loadOptionsContext({ customerToken: '={{ $json.token }}' }))).rejects.toThrow(
		"Enter the Customer Token to list this customer's integrations",
	);
	await expect(searchCustomerIntegrations.call(loadOptionsContext({ customerToken: 'ct_wrong' }))).rejects.toThrow(
		'Reportei Connect answered 401: Invalid Customer Token',
	);
});

test('the Integrations of the Available Integrations limit are the merchant settings slugs', async () => {
	const options = await getAvailableIntegrations.call(loadOptionsContext());
	expect(options[0]).toEqual({ name: 'Instagram Business', value: 'instagram_business', description: 'Slug instagram_business' });
});

test('a customer picked from the list (resource locator) and a plain saved ID both work', async () => {
	const uuid = [...sim.customers.keys()][3];
	const run = await runNode(sim, { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'list', value: uuid } });
	expect(run.output('Reportei')[0].json).toMatchObject({ uuid, name: 'Customer 0004' });
	const saved = await runNode(sim, { resource: 'customer', operation: 'get', customerId: uuid }, [{}], { version: 1 });
	expect(saved.output('Reportei')[0].json).toEqual(run.output('Reportei')[0].json);
});
