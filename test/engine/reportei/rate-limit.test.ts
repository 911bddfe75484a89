/**
 * Reportei's throttle under Return All. The simulator's minute is scaled (timeScale) so a test
 * lasts about a second: 60 requests a minute become 60 requests per 800 ms.
 */
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { runNode, startSim } from './helpers';

let sim: ReporteiSimulator | undefined;

afterEach(async () => {
	await sim?.stop();
	sim = undefined;
});

test('Return All of 1,000 customers under 60 requests a minute finishes with zero failed requests', async () => {
	// A minute of 800 ms: shorter than the 1 s the core pauses when X-RateLimit-Remaining hits 0
	// without saying when the window resets (Laravel sends Retry-After only with a 429).
	sim = await startSim({ seedCustomers: 1000, rateLimitPerMinute: 60, timeScale: 800 / 60_000 });
	// Another tool has used 55 of the next minute's 60 requests, so the budget runs out on page 5.
	sim.consumeRateLimit(55);
	const run = await runNode(sim, { resource: 'customer', operation: 'getMany', returnAll: true });
	expect(run.status).toBe('success');
	const items = run.output('Reportei');
	expect(items).toHaveLength(1000);
	expect(new Set(items.map((i) => i.json.uuid)).size).toBe(1000);
	const pages = sim.find({ path: '/api/customers' });
	expect(pages.map((p) => p.query.page)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
	expect(pages.every((p) => p.status === 200)).toBe(true);
	expect(sim.count({ status: 429 })).toBe(0);
	expect(sim.exhaustedResponses).toBeGreaterThanOrEqual(1);
});

test('a 429 is retried after its Retry-After and the list completes', async () => {
	// A minute of 3 s: much longer than the core's 1 s pause, so the 4th request meets a 429.
	sim = await startSim({ seedCustomers: 450, rateLimitPerMinute: 3, timeScale: 3000 / 60_000 });
	const run = await runNode(sim, { resource: 'customer', operation: 'getMany', returnAll: true });
	expect(run.status).toBe('success');
	expect(run.output('Reportei')).toHaveLength(450);
	expect(sim.count({ status: 429 })).toBeGreaterThanOrEqual(1);
	expect(sim.count({ path: '/api/customers', status: 200 })).toBe(5);
});

test('a 429 that outlasts Max Attempts fails with the rate-limit hint', async () => {
	sim = await startSim({ seedCustomers: 10 });
	sim.injectFault({ path: '/api/merchants/settings', times: 5, status: 429, headers: { 'retry-after': '0.01' }, body: { error: { code: 'too_many_requests', message: 'Too Many Attempts.' } } });
	const run = await runNode(sim, { resource: 'merchant', operation: 'getSettings', requestOptions: { maxAttempts: 2 } });
	expect(run.error?.message).toBe('Reportei Connect answered 429: Too Many Attempts. (after 2 attempts)');
	expect(run.error?.description).toMatch(/rate limit/);
});
