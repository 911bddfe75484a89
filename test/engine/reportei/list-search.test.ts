import type { IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { searchCustomers } from '../../../nodes/ReporteiConnect/listSearch';
import type { ReporteiSimulator } from '../../simulators/reportei/simulator';
import { runNode, startSim } from './helpers';

let sim: ReporteiSimulator;

beforeAll(async () => {
	sim = await startSim({ seedCustomers: 150 });
});

afterAll(async () => {
	await sim.stop();
});

/** A load-options context whose authenticated request applies the credential like n8n does. */
function loadOptionsContext(): ILoadOptionsFunctions {
	const credentials = { accessToken: sim.merchantToken, baseUrl: sim.apiUrl };
	return {
		getNode: () => ({ name: 'Reportei', type: 'n8n-nodes-reporting.reporteiConnect' }) as INode,
		getCredentials: async () => credentials,
		getNodeParameter: () => ({}),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const url = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const response = await fetch(url, {
					headers: { authorization: `Bearer ${credentials.accessToken}`, accept: 'application/json' },
				});
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

test('the Customer picker lists customers a page at a time and filters by name', async () => {
	const first = await searchCustomers.call(loadOptionsContext());
	expect(first.results).toHaveLength(100);
	expect(first.results[0]).toEqual({ name: 'Customer 0001', value: [...sim.customers.keys()][0] });
	expect(first.paginationToken).toBe('2');
	const second = await searchCustomers.call(loadOptionsContext(), undefined, '2');
	expect(second.results).toHaveLength(50);
	expect(second.paginationToken).toBeUndefined();
	const filtered = await searchCustomers.call(loadOptionsContext(), 'customer 001');
	expect(filtered.results.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Customer 001${i}`));
});

test('a customer picked from the list (resource locator) is used by Get', async () => {
	const uuid = [...sim.customers.keys()][3];
	const run = await runNode(sim, { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'list', value: uuid } });
	expect(run.output('Reportei')[0].json).toMatchObject({ uuid, name: 'Customer 0004' });
});
