/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * lists.ts on its own: how many pages are read at once, and Stop during a Return All that reads
 * several pages at once (every page in flight ends, no page is asked for after).
 */
import type { RequestContext } from '../../../nodes/shared/http';
import { MAX_PARALLEL_PAGES, parallelPages, reporteiList } from '../../../nodes/ReporteiConnect/lists';
import { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { fakeContext, requestFor } from '../support/context';

describe('parallelPages', () => {
	const meta = { current_page: 1, last_page: 100, per_page: 100, total: 10_000 };
	const at = (position: number) => ({ position, size: 100 });

	test('several pages only with a budget and a known end', () => {
		expect(parallelPages(at(100), meta, 900)).toBe(MAX_PARALLEL_PAGES);
		expect(parallelPages(at(100), meta, undefined)).toBe(1);
		expect(parallelPages(at(100), { current_page: 1 }, 900)).toBe(1);
		expect(parallelPages(at(100), { last_page: 100, per_page: 100 }, 900)).toBe(MAX_PARALLEL_PAGES);
	});

	test('never more than the budget minus one, minus what other lists of the account have in flight', () => {
		expect(parallelPages(at(100), meta, 4)).toBe(3);
		expect(parallelPages(at(100), meta, 2)).toBe(1);
		expect(parallelPages(at(100), meta, 0)).toBe(1);
		expect(parallelPages(at(100), meta, 6, 3)).toBe(2);
	});

	test('never more pages than are left', () => {
		expect(parallelPages(at(9_800), meta, 900)).toBe(2);
		expect(parallelPages(at(9_950), { ...meta, total: 10_000 }, 900)).toBe(1);
	});
});

describe('Stop during a Return All that reads pages at once', () => {
	test('ends at once with the cancellation, and asks for no page after it', async () => {
		const sim = await new ReporteiSimulator({ timeScale: 0.001, seedCustomers: 5_000, answerDelayMs: 1_000 }).start();
		try {
			const ctx = fakeContext({ credentials: { accessToken: sim.merchantToken, baseUrl: sim.apiUrl } });
			const withAuth = ctx.helpers.httpRequestWithAuthentication;
			ctx.helpers.httpRequestWithAuthentication = async (type: string, request) =>
				await withAuth(type, { ...request, headers: { ...(request.headers ?? {}), Authorization: `Bearer ${sim.merchantToken}`, Accept: 'application/json' } });
			const stop = new AbortController();
			const context = { ...requestFor(ctx), signal: stop.signal } as RequestContext;
			const reading = reporteiList(context, '/customers', { returnAll: true }).catch((error: unknown) => error);
			// Page 1 alone, then a batch of four in flight, each answer taking a second.
			for (let waited = 0; sim.inFlight < MAX_PARALLEL_PAGES && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(sim.inFlight).toBe(MAX_PARALLEL_PAGES);
			const stoppedAt = Date.now();
			stop.abort();
			const error = await reading;
			expect(Date.now() - stoppedAt).toBeLessThan(500);
			expect((error as Error).name).toBe('ExecutionCancelledError');
			const asked = sim.count({ path: '/api/customers' });
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(sim.count({ path: '/api/customers' })).toBe(asked);
		} finally {
			await sim.stop();
		}
	}, 20_000);
});
