/**
 * Statistic > Get with a date range, against servers that apply it, apply it under other parameter
 * names, or ignore it (the names are not documented): the item says which window its numbers
 * cover, and the run says when Trust did not apply the range. Then the action counters under both
 * readings the documents leave open.
 */
import type { IDataObject } from 'n8n-workflow';

import { FixtureServer } from '../../contract/fixture-server';
import { testCredential } from '../../harness/engine';
import { TrustSimulator, type TrustSimulatorOptions } from '../../../dev/simulators/trust/server';
import { day, NODE, runTrust, trustCredentials } from './helpers';

jest.setTimeout(30_000);

const started: Array<{ stop(): Promise<void> }> = [];

async function simulator(options: TrustSimulatorOptions = {}): Promise<TrustSimulator> {
	const sim = await new TrustSimulator({ timeScale: 0.001, ...options }).start();
	started.push(sim);
	return sim;
}

beforeAll(async () => {
	const sim = await simulator();
	await testCredential('trustApi', trustCredentials(sim.url).trustApi);
});

afterAll(async () => {
	for (const server of started) await server.stop();
});

const STATS = '/campaigns/api/v1/company/:id/statistics';

function rangeParameters(from: string, until: string, extra: IDataObject = {}) {
	return { resource: 'statistics', operation: 'get', companyId: '1', period: 'range', fromDate: from, untilDate: until, ...extra };
}

describe('a server that applies from_date/until_date', () => {
	it('asks for the default window once per company, however many items', async () => {
		const sim = await simulator();
		const result = await runTrust(sim.url, rangeParameters('={{ $json.from }}', '={{ $json.until }}'), {
			items: [
				{ from: day(-25), until: day(-20) },
				{ from: day(-19), until: day(-12) },
				{ from: day(-11), until: day(-8) },
			],
		});
		expect(result.status).toBe('success');
		const out = result.output(NODE).map((i) => i.json);
		expect(out.map((i) => i.range_applied)).toEqual([true, true, true]);
		expect(out.map((i) => i.total)).toEqual(
			[
				[day(-25), day(-20)],
				[day(-19), day(-12)],
				[day(-11), day(-8)],
			].map(([from, until]) => sim.statistics('1', { from, until }).total),
		);
		expect(sim.find({ path: STATS }).map((r) => r.query)).toEqual([
			{ from_date: day(-25), until_date: day(-20) },
			{},
			{ from_date: day(-19), until_date: day(-12) },
			{ from_date: day(-11), until_date: day(-8) },
		]);
		expect(result.hints()).toEqual([]);
	});

	it('tells a range that equals the default window apart by asking a day without notifications', async () => {
		// Every campaign is from the last 3 days: the last 30 days and the last 7 have the same numbers.
		const sim = await simulator({ historyDays: 3 });
		const result = await runTrust(sim.url, rangeParameters(day(-30), day(0)));
		const item = result.output(NODE)[0].json;
		expect(item).toMatchObject({ period: 'range', from_date: day(-30), until_date: day(0), range_applied: true, total: sim.statistics('1').total });
		expect(sim.find({ path: STATS }).map((r) => r.query)).toEqual([
			{ from_date: day(-30), until_date: day(0) },
			{},
			{ from_date: '2000-01-01', until_date: '2000-01-01' },
		]);
		expect(result.hints()).toEqual([]);
	});

	it('says when nothing tells the answers apart: both windows empty', async () => {
		const sim = await simulator({ historyDays: 0 });
		const result = await runTrust(sim.url, rangeParameters(day(-30), day(-10)));
		expect(result.output(NODE)[0].json).toMatchObject({ period: 'range', range_applied: null, total: 0 });
		expect(result.hints()).toEqual([expect.objectContaining({ type: 'info', message: expect.stringContaining('could not be told') })]);
	});

	it('skips the check when told to, and for a range that is the default window itself', async () => {
		const sim = await simulator();
		const unchecked = await runTrust(sim.url, rangeParameters(day(-25), day(-9), { options: { checkRange: false } }));
		expect(unchecked.output(NODE)[0].json).toMatchObject({ period: 'range', from_date: day(-25), range_applied: null });
		const same = await runTrust(sim.url, rangeParameters(day(-7), day(0)));
		expect(same.output(NODE)[0].json).toMatchObject({ period: 'range', range_applied: null });
		expect(sim.count({ path: STATS })).toBe(2);
		expect([...unchecked.hints(), ...same.hints()]).toEqual([]);
	});
});

describe('a server that ignores the range', () => {
	it('labels the numbers as the last 7 days, says range_applied: false and leaves a warning', async () => {
		const sim = await simulator({ range: 'ignore' });
		const result = await runTrust(sim.url, rangeParameters(day(-25), day(-9)));
		expect(result.status).toBe('success');
		const truth = sim.statistics('1');
		expect(result.output(NODE)[0].json).toMatchObject({
			period: 'last_7_days',
			from_date: null,
			until_date: null,
			range_applied: false,
			total: truth.total,
			sent: truth.sended,
		});
		expect(sim.find({ path: STATS }).map((r) => r.query)).toEqual([
			{ from_date: day(-25), until_date: day(-9) },
			{},
			{ from_date: '2000-01-01', until_date: '2000-01-01' },
		]);
		const hints = result.hints();
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning' });
		expect(hints[0].message).toContain('Trust ignored the date range (sent as from_date/until_date)');
		expect(hints[0].message).toContain('From Parameter Name');
	});

	it('labels the raw statistics the same way, with one hint for many items', async () => {
		const sim = await simulator({ range: 'ignore' });
		const result = await runTrust(sim.url, rangeParameters(day(-25), day(-9), { simplify: false, companyId: '={{ $json.company }}' }), {
			items: [{ company: '1' }, { company: '2' }],
		});
		const out = result.output(NODE).map((i) => i.json);
		expect(out).toEqual([
			{ company_id: '1', ...sim.statistics('1'), period: 'last_7_days', from_date: null, until_date: null, range_applied: false },
			{ company_id: '2', ...sim.statistics('2'), period: 'last_7_days', from_date: null, until_date: null, range_applied: false },
		]);
		expect(result.hints()).toHaveLength(1);
	});
});

describe('a server that applies the range under other names', () => {
	const rangeParams = { from: 'start_date', until: 'end_date' };

	it('is caught with the default names, and applied once the names are set', async () => {
		const sim = await simulator({ rangeParams });
		const ignored = await runTrust(sim.url, rangeParameters(day(-25), day(-9)));
		expect(ignored.output(NODE)[0].json).toMatchObject({ range_applied: false, period: 'last_7_days' });

		const named = await runTrust(
			sim.url,
			rangeParameters(day(-25), day(-9), { options: { fromParameter: 'start_date', untilParameter: ' end_date ' } }),
		);
		expect(named.output(NODE)[0].json).toMatchObject({
			range_applied: true,
			period: 'range',
			total: sim.statistics('1', { from: day(-25), until: day(-9) }).total,
		});
		expect(sim.find({ path: STATS }).at(-2)?.query).toEqual({ start_date: day(-25), end_date: day(-9) });
		expect(named.hints()).toEqual([]);
	});

	it('refuses the same name for both days, before calling Trust', async () => {
		const sim = await simulator({ rangeParams });
		const result = await runTrust(sim.url, rangeParameters(day(-25), day(-9), { options: { fromParameter: 'date', untilParameter: 'date' } }));
		expect(result.error?.message).toBe('From Parameter Name and Until Parameter Name are both "date"');
		expect(sim.count({ path: STATS })).toBe(0);
	});
});

describe('when the comparison cannot be made', () => {
	it('keeps the statistics, with range_applied: null and a hint', async () => {
		const server = new FixtureServer();
		started.push(server);
		const url = await server.start();
		server.on('POST', '/oauth/token/', { status: 200, body: { access_token: 'token-1', token_type: 'Bearer', expires_in: 7200, created_at: 1590515112 } });
		server.on('GET', '/campaigns/api/v1/company/1/statistics', (request) =>
			request.query.has('from_date')
				? { status: 200, body: { code: 200, resource: 'Statistics', data: { total: 2, sended: 2, pending: 0, fails: 0, actions: { RECEIVED: 1, PRESS_ACTION: 1, UNKNOWN: 0 }, campaign: 1 }, message: 'Ok' } }
				: { status: 500, body: { code: 500, message: 'Internal error' } },
		);
		const result = await runTrust(url, rangeParameters(day(-25), day(-9), { requestOptions: { maxAttempts: 1 } }));
		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json).toMatchObject({ total: 2, range_applied: null, period: 'range' });
		expect(result.hints()).toEqual([expect.objectContaining({ message: expect.stringContaining('could not be checked') })]);
	});
});

describe('action counters under either reading', () => {
	it('detects counts where RECEIVED includes pressed and closed ones, and keeps every rate within 1', async () => {
		const sim = await simulator({ counters: 'inclusive', closedCounter: true });
		const result = await runTrust(sim.url, { resource: 'statistics', operation: 'get', companyId: '2' });
		const truth = sim.statistics('2');
		const item = result.output(NODE)[0].json;
		expect(item).toMatchObject({
			counters_reading: 'inclusive',
			delivered: truth.actions.RECEIVED,
			received: truth.actions.RECEIVED,
			pressed: truth.actions.PRESS_ACTION,
			closed: truth.actions.CLOSED,
		});
		for (const key of ['delivery_rate', 'press_rate', 'close_rate', 'failure_rate']) {
			expect(item[key]).toEqual(expect.any(Number));
			expect(item[key] as number).toBeLessThanOrEqual(1);
		}
	});

	it('adds CLOSED to the delivered messages when each is counted once', async () => {
		const sim = await simulator({ closedCounter: true });
		const result = await runTrust(sim.url, { resource: 'statistics', operation: 'get', companyId: '2' });
		const { RECEIVED, PRESS_ACTION, CLOSED } = sim.statistics('2').actions;
		expect(result.output(NODE)[0].json).toMatchObject({
			counters_reading: 'exclusive',
			delivered: RECEIVED! + PRESS_ACTION! + CLOSED!,
			close_rate: Math.round((CLOSED! / (RECEIVED! + PRESS_ACTION! + CLOSED!)) * 10_000) / 10_000,
		});
	});

	it('reads the counters as told by Options > Action Counts', async () => {
		const sim = await simulator({ closedCounter: true });
		const result = await runTrust(sim.url, { resource: 'statistics', operation: 'get', companyId: '2', options: { countersReading: 'inclusive' } });
		expect(result.output(NODE)[0].json).toMatchObject({ counters_reading: 'inclusive', delivered: sim.statistics('2').actions.RECEIVED });
	});
});
