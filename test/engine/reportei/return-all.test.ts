/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Return All reading several pages at once while Connect's rate-limit headers leave room: every
 * customer once and in Connect's order, the budget never exceeded (no 429), one page at a time when
 * the headers are absent or low, and the page-size handling of lists.ts intact.
 */
import type { ReporteiSimulator, ReporteiSimulatorOptions } from '../../../dev/simulators/reportei/simulator';
import { MAX_PARALLEL_PAGES } from '../../../nodes/ReporteiConnect/lists';
import { runNode, runNodeAt, shrinkingList, startSim } from './helpers';

let sim: ReporteiSimulator | undefined;

afterEach(async () => {
	await sim?.stop();
	sim = undefined;
});

const getMany = { resource: 'customer', operation: 'getMany', returnAll: true };
const uuids = (run: Awaited<ReturnType<typeof runNode>>) => run.output('Reportei').map((i) => i.json.uuid as string);
const pages = (s: ReporteiSimulator) => s.find({ path: '/api/customers' }).map((r) => Number(r.query.page));

async function readAll(options: ReporteiSimulatorOptions) {
	sim = await startSim(options);
	const started = performance.now();
	const run = await runNode(sim, getMany);
	const ms = performance.now() - started;
	expect(run.status).toBe('success');
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	return { sim, ms };
}

test('with room in the budget, the pages after the first are read a few at a time, in order, each once', async () => {
	const { sim: s } = await readAll({ seedCustomers: 1_050, answerDelayMs: 20 });
	expect(s.maxInFlight).toBe(MAX_PARALLEL_PAGES);
	expect(pages(s).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	expect(s.count({ status: 429 })).toBe(0);
});

test('without rate-limit headers the list is read one page at a time', async () => {
	const { sim: s } = await readAll({ seedCustomers: 450, answerDelayMs: 5, rateLimitHeaders: 'none' });
	expect(s.maxInFlight).toBe(1);
	expect(pages(s)).toEqual([1, 2, 3, 4, 5]);
});

test('a low budget: never more pages at once than it allows, and never a 429', async () => {
	// A minute of 800 ms, 60 requests in it, 55 already used by another tool: 4 left after page 1.
	sim = await startSim({ seedCustomers: 1_000, rateLimitPerMinute: 60, timeScale: 800 / 60_000, answerDelayMs: 10 });
	sim.consumeRateLimit(55);
	const run = await runNode(sim, getMany);
	expect(run.status).toBe('success');
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	expect(sim.count({ status: 429 })).toBe(0);
	expect(sim.count({ path: '/api/customers' })).toBe(10);
	// Page 1 leaves 4: three pages at once (one kept for a page-size refusal), then the last one alone.
	expect(sim.exhaustedResponses).toBeGreaterThanOrEqual(1);
	expect(sim.maxInFlight).toBeLessThanOrEqual(MAX_PARALLEL_PAGES);
});

test('a budget of one or two left: one page at a time until the window resets', async () => {
	sim = await startSim({ seedCustomers: 500, rateLimitPerMinute: 20, timeScale: 800 / 60_000, answerDelayMs: 10 });
	sim.consumeRateLimit(17);
	const run = await runNode(sim, getMany);
	expect(uuids(run)).toEqual([...sim.customers.keys()]);
	expect(sim.count({ status: 429 })).toBe(0);
	// 2 left after page 1, so page 2 goes alone; it leaves 1, so page 3 too; then the window resets.
	const log = sim.find({ path: '/api/customers' });
	expect(log.slice(0, 3).map((r) => Number(r.query.page))).toEqual([1, 2, 3]);
});

test('a lower maximum that answers 422 on page 1: read at the stated maximum, several at a time', async () => {
	const { sim: s } = await readAll({ seedCustomers: 620, maxPerPage: 50, answerDelayMs: 5 });
	const asked = s.find({ path: '/api/customers' }).map((r) => `${String(r.query.page)}/${String(r.query.per_page)}:${r.status}`);
	expect(asked[0]).toBe('1/100:422');
	expect(asked.slice(1).sort()).toEqual(
		Array.from({ length: 13 }, (_, i) => `${i + 1}/50:200`).sort(),
	);
	expect(s.maxInFlight).toBeGreaterThan(1);
});

test('a server that caps pages silently: the size it served is adopted before reading ahead', async () => {
	const { sim: s } = await readAll({ seedCustomers: 430, maxPerPage: 50, overMaxPerPage: 'cap', answerDelayMs: 5 });
	expect(pages(s).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(s.find({ path: '/api/customers' }).slice(1).every((r) => r.query.per_page === '50')).toBe(true);
});

test('a maximum that drops in the middle of a batch: pages read ahead are dropped and read again, nothing skipped or repeated', async () => {
	// 1,000 customers; after three pages are served the maximum drops to 30.
	const { all, fixture } = await shrinkingList(1_000, { after: 3, to: 30, headers: { 'x-ratelimit-limit': '999', 'x-ratelimit-remaining': '900' } });
	try {
		const run = await runNodeAt(fixture, getMany);
		expect(run.status).toBe('success');
		expect(run.output('Reportei').map((i) => i.json.uuid)).toEqual(all.map((c) => c.uuid));
		expect(run.runData.Reportei[0].hints?.[0]?.message).toMatch(/^Reportei refused 100 customers a page/);
	} finally {
		await fixture.stop();
	}
});

describe('10,000 customers (100 pages): sequential against several pages at once', () => {
	const LATENCY_MS = 40;
	const results: Record<string, number> = {};

	afterAll(() => {
		// The numbers quoted in docs/reportei.md, "Return All".
		console.log(
			`Return All of 10,000 customers, ${LATENCY_MS} ms a page: sequential ${Math.round(results.sequential)} ms, ` +
				`${MAX_PARALLEL_PAGES} at a time ${Math.round(results.parallel)} ms`,
		);
	});

	test('sequential (no rate-limit headers)', async () => {
		const { sim: s, ms } = await readAll({ seedCustomers: 10_000, answerDelayMs: LATENCY_MS, rateLimitHeaders: 'none' });
		results.sequential = ms;
		expect(s.count({ path: '/api/customers' })).toBe(100);
		expect(s.maxInFlight).toBe(1);
	}, 60_000);

	test(`${MAX_PARALLEL_PAGES} at a time (headers with room)`, async () => {
		const { sim: s, ms } = await readAll({ seedCustomers: 10_000, answerDelayMs: LATENCY_MS });
		results.parallel = ms;
		expect(s.count({ path: '/api/customers' })).toBe(100);
		expect(s.count({ status: 429 })).toBe(0);
		expect(s.maxInFlight).toBe(MAX_PARALLEL_PAGES);
		expect(ms).toBeLessThan(results.sequential * 0.75);
	}, 60_000);
});
