/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Get Many over several pages at 4YouSee's one request per second, a 429 with Retry-After, and the
 * unconfirmed bare-list shape of GET /reports (docs/fouryousee.md, Sources and assumptions).
 */
import { FOURYOUSEE } from '../../../nodes/FourYouSee/transport';
import { runWorkflow } from '../../harness/engine';
import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { credentialsFor, jsonOf, reportWorkflow, startSimulator } from './report-helpers';

jest.setTimeout(30_000);

let sim: FourYouSeeSimulator;

afterEach(async () => {
	await sim.stop();
});

it('returns all reports over 5 pages at one request per second, with zero 429s', async () => {
	sim = await startSimulator({ rateLimitMs: FOURYOUSEE.minIntervalMs });
	sim.seedReports(450);
	const started = Date.now();
	const result = await runWorkflow({
		workflow: reportWorkflow({ operation: 'getMany', returnAll: true }),
		credentials: credentialsFor(sim),
	});
	const elapsed = Date.now() - started;
	expect(result.status).toBe('success');
	const ids = jsonOf(result.output('4YouSee')).map((r) => r.id);
	expect(ids).toHaveLength(450);
	expect(new Set(ids).size).toBe(450);
	const calls = sim.find({ path: '/v1/reports' });
	expect(calls.map((c) => c.query)).toEqual([1, 2, 3, 4, 5].map((page) => ({ page: String(page), limit: '100' })));
	expect(sim.count({ status: 429 })).toBe(0);
	for (let i = 1; i < calls.length; i++) expect(calls[i].timestamp - calls[i - 1].timestamp).toBeGreaterThanOrEqual(950);
	// Informational (performance is not asserted): 4 gaps of one second.
	console.info(`4YouSee Get Many, 5 pages: ${elapsed} ms`);
});

it('waits as long as a 429 Retry-After says, then succeeds', async () => {
	sim = await startSimulator();
	const [report] = sim.seedReports(1);
	sim.injectFault({ method: 'GET', path: '/v1/reports/:id', status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too Many Requests' } });
	const result = await runWorkflow({
		workflow: reportWorkflow({ operation: 'get', reportId: String(report.id) }),
		credentials: credentialsFor(sim),
	});
	expect(result.status).toBe('success');
	const calls = sim.find({ path: '/v1/reports/:id' });
	expect(calls.map((c) => c.status)).toEqual([429, 200]);
	expect(calls[1].timestamp - calls[0].timestamp).toBeGreaterThanOrEqual(1900);
});

it('reads a bare list answer of GET /reports as one page, up to the limit', async () => {
	sim = await startSimulator({ reportListShape: 'bare' });
	sim.seedReports(7);
	const all = await runWorkflow({ workflow: reportWorkflow({ operation: 'getMany', returnAll: true }), credentials: credentialsFor(sim) });
	expect(all.output('4YouSee')).toHaveLength(7);
	const limited = await runWorkflow({
		workflow: reportWorkflow({ operation: 'getMany', returnAll: false, limit: 3 }),
		credentials: credentialsFor(sim),
	});
	expect(jsonOf(limited.output('4YouSee')).map((r) => r.id)).toEqual(
		sim.store.reports.filter((r) => r.account === sim.store.account).map((r) => r.id).sort((a, b) => b - a).slice(0, 3),
	);
	expect(sim.count({ path: '/v1/reports' })).toBe(2);
});
