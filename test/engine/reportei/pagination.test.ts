/**
 * Connect's lists against the variants its documents leave open: a lower page-size maximum that
 * answers 422, one that caps silently, the `meta` variants and no `meta` at all, a server that
 * ignores `page`, sorting and filters. Every run must return each item exactly once.
 */
import { FixtureServer } from '../../contract/fixture-server';
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { hintsOf, runNode, runNodeAt, shrinkingList, startSim } from './helpers';

let sim: ReporteiSimulator | undefined;

afterEach(async () => {
	await sim?.stop();
	sim = undefined;
});

const uuids = (run: Awaited<ReturnType<typeof runNode>>) => run.output('Reportei').map((i) => i.json.uuid as string);
const pagesAsked = (s: ReporteiSimulator, path = '/api/customers') => s.find({ path }).map((r) => `${String(r.query.page)}/${String(r.query.per_page)}:${r.status}`);
const getMany = { resource: 'customer', operation: 'getMany', returnAll: true };

test('a lower maximum answering 422 on per_page=100: the list is read at the stated maximum, each customer once', async () => {
	sim = await startSim({ seedCustomers: 120, maxPerPage: 50 });
	const run = await runNode(sim, getMany, [{}, {}]);
	expect(run.status).toBe('success');
	const ids = uuids(run);
	expect(ids).toHaveLength(240);
	expect(new Set(ids.slice(0, 120)).size).toBe(120);
	expect(ids.slice(120)).toEqual(ids.slice(0, 120));
	// The second item starts at 50 a page: the refusal is remembered for the rest of the run.
	expect(pagesAsked(sim)).toEqual(['1/100:422', '1/50:200', '2/50:200', '3/50:200', '1/50:200', '2/50:200', '3/50:200']);
	expect(hintsOf(run)[0]).toMatch(/^Reportei refused 100 customers a page \("per_page: The per page field must not be greater than 50\."\), so they were read 50 a page/);
});

test('a page-size refusal that names no maximum falls back to the documented default of 15', async () => {
	sim = await startSim({ seedCustomers: 40 });
	sim.injectFault({ path: '/api/customers', status: 422, body: { message: 'The per page field is invalid.', errors: { per_page: ['The per page field is invalid.'] } } });
	const run = await runNode(sim, getMany);
	expect(new Set(uuids(run)).size).toBe(40);
	expect(pagesAsked(sim)).toEqual(['1/100:422', '1/15:200', '2/15:200', '3/15:200']);
});

test('a refusal in the middle of the list re-pages from the position reached: nothing skipped or repeated', async () => {
	// A Laravel page of 250 customers whose maximum drops to 30 after two pages.
	const { all, fixture } = await shrinkingList(250, { after: 2, to: 30 });
	try {
		const run = await runNodeAt(fixture, getMany);
		expect(run.output('Reportei').map((i) => i.json.uuid)).toEqual(all.map((c) => c.uuid));
		// Position 200 at 30 a page: page 7 (items 181-210) read from its 20th item on.
		expect(fixture.received.slice(0, 5).map((r) => `${r.query.get('page')}/${r.query.get('per_page')}`)).toEqual(['1/100', '2/100', '3/100', '7/30', '8/30']);
	} finally {
		await fixture.stop();
	}
});

test('a server that serves fewer than asked without saying so: the size it served is adopted', async () => {
	sim = await startSim({ seedCustomers: 130, maxPerPage: 50, overMaxPerPage: 'cap' });
	const run = await runNode(sim, getMany);
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	expect(pagesAsked(sim)).toEqual(['1/100:200', '2/50:200', '3/50:200']);
});

test.each(['laravel', 'readme', 'lp'] as const)('meta variant %s: every page once, stopping at the last', async (listMeta) => {
	sim = await startSim({ seedCustomers: 205, listMeta });
	const run = await runNode(sim, getMany);
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	expect(pagesAsked(sim)).toEqual(['1/100:200', '2/100:200', '3/100:200']);
});

test('a list without meta is read until an empty page', async () => {
	sim = await startSim({ seedCustomers: 200, listMeta: 'none' });
	const run = await runNode(sim, getMany);
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	expect(pagesAsked(sim)).toEqual(['1/100:200', '2/100:200', '3/100:200']);
});

test('a list without meta whose server caps pages silently is still read whole', async () => {
	sim = await startSim({ seedCustomers: 40, listMeta: 'none', maxPerPage: 15, overMaxPerPage: 'cap' });
	const run = await runNode(sim, getMany);
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	// Page 3 holds 10: without meta that may still not be the end, so the next position (40) is asked.
	expect(pagesAsked(sim)).toEqual(['1/100:200', '2/15:200', '3/15:200', '5/10:200']);
});

test('a server that ignores page (and has no meta) ends the list after the repeated page', async () => {
	const fixture = new FixtureServer();
	const page = Array.from({ length: 3 }, (_, i) => ({ uuid: `0000000${i}-0000-4000-a000-000000000000`, name: `C${i}` }));
	fixture.on('GET', '/api/customers', { status: 200, body: { data: page } });
	await fixture.start();
	try {
		const run = await runNodeAt(fixture, getMany);
		expect(run.output('Reportei').map((i) => i.json.name)).toEqual(['C0', 'C1', 'C2']);
		expect(fixture.received.length).toBeLessThanOrEqual(3);
	} finally {
		await fixture.stop();
	}
});

describe('sort', () => {
	const sorted = { ...getMany, options: { sort: { value: { field: 'name', direction: 'desc' } } } };

	test('sent as sortBy/descending; an echoed sort is taken as it is', async () => {
		sim = await startSim();
		for (const name of ['Beta', 'alpha', 'Gamma']) sim.addCustomer(name);
		const run = await runNode(sim, sorted);
		expect(run.output('Reportei').map((i) => i.json.name)).toEqual(['Gamma', 'Beta', 'alpha']);
		expect(sim.find({ path: '/api/customers' })[0].query).toMatchObject({ sortBy: 'name', descending: 'true' });
		expect(hintsOf(run)).toEqual([]);
	});

	test('a server that does not sort: a whole list is sorted here, a limited one says so', async () => {
		sim = await startSim({ sorts: false });
		for (const name of ['Beta', 'alpha', 'Gamma']) sim.addCustomer(name);
		const whole = await runNode(sim, sorted);
		expect(whole.output('Reportei').map((i) => i.json.name)).toEqual(['Gamma', 'Beta', 'alpha']);
		const limited = await runNode(sim, { ...sorted, returnAll: false, limit: 2 });
		expect(limited.output('Reportei').map((i) => i.json.name)).toEqual(['Beta', 'alpha']);
		expect(hintsOf(limited)[0]).toMatch(/did not confirm the sort by name/);
	});
});

describe('customer integrations', () => {
	test('Get Many filters by status and account name; all five statuses are known', async () => {
		sim = await startSim();
		const { customer, apiToken } = sim.addCustomer('Filter Co', { isPaying: true });
		const a = sim.addIntegration(customer.uuid, 'instagram_business', 'padaria');
		const b = sim.addIntegration(customer.uuid, 'facebook', 'padaria');
		b.status = 'synchronization_error';
		sim.addIntegration(customer.uuid, 'youtube', 'other');
		const active = await runNode(sim, { resource: 'customerIntegration', operation: 'getMany', customerToken: apiToken, returnAll: true, filters: { status: 'active', sourceName: 'padaria' } });
		expect(uuids(active)).toEqual([a.uuid]);
		expect(sim.find({ path: '/api/customer-integrations' })[0].query).toMatchObject({ status: 'active', source_name: 'padaria', page: '1', per_page: '100' });
		const failing = await runNode(sim, { resource: 'customerIntegration', operation: 'getMany', customerToken: apiToken, returnAll: true, filters: { status: 'synchronization_error' } });
		expect(failing.output('Reportei')[0].json).toMatchObject({ uuid: b.uuid, source_id: expect.any(String), status: 'synchronization_error' });
	});

	test('a server that ignores the filters: they are applied here, with a hint', async () => {
		const fixture = new FixtureServer();
		fixture.on('GET', '/api/customer-integrations', {
			status: 200,
			body: { data: [{ uuid: 'a', status: 'active', source_name: 'x' }, { uuid: 'b', status: 'revoked', source_name: 'x' }], meta: { last_page: 1 } },
		});
		await fixture.start();
		try {
			const run = await runNodeAt(fixture, { resource: 'customerIntegration', operation: 'getMany', customerToken: 'ct', returnAll: true, filters: { status: 'revoked' } });
			expect(run.output('Reportei').map((i) => i.json.uuid)).toEqual(['b']);
			expect(hintsOf(run)[0]).toMatch(/1 integrations outside the filters/);
		} finally {
			await fixture.stop();
		}
	});
});
