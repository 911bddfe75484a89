/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The trigger under bursts, at 4YouSee's real one request per second: 200 notifications each
 * delivered 3 times in bursts of 50 start exactly 200 runs with no 429, checked a burst at a time
 * by list pages rather than one read per notification; 30 forged notifications do not hold an
 * action node on the same account back: its request goes out before theirs. The answer times are
 * printed as figures, not asserted (performance is for `npm run bench`).
 */
import type { IDataObject } from 'n8n-workflow';

import { FOURYOUSEE } from '../../../nodes/FourYouSee/transport';
import { runWebhook, runWorkflow } from '../../harness/engine';
import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { rng } from '../../support/fuzz';
import { credentialsFor, reportWorkflow, startSimulator, TRIGGER_TYPE } from './report-helpers';

jest.setTimeout(180_000);

let sim: FourYouSeeSimulator;

afterEach(async () => {
	await sim.stop();
});

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function deliver(name: string, staticData: IDataObject, body: IDataObject) {
	const started = Date.now();
	const hit = await runWebhook({
		node: { type: TRIGGER_TYPE, name, parameters: { event: 'any' } },
		credentials: credentialsFor(sim),
		staticData,
		request: { body },
	});
	return { ms: Date.now() - started, status: hit.response.statusCode, emitted: (hit.workflowData?.[0] ?? []).map((i) => i.json) };
}

it('200 notifications delivered 3 times each in bursts of 50: 200 runs, no duplicate, no 429, a few list pages a burst', async () => {
	sim = await startSimulator({ rateLimitMs: FOURYOUSEE.minIntervalMs });
	const reports = sim.seedReports(200);
	const r = rng(4);
	const deliveries = reports.flatMap((report) => [report.id, report.id, report.id]);
	for (let i = deliveries.length - 1; i > 0; i--) {
		const j = r.int(i + 1);
		[deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
	}
	const staticData: IDataObject = {};
	const results: Array<Awaited<ReturnType<typeof deliver>>> = [];
	const started = Date.now();
	for (let at = 0; at < deliveries.length; at += 50) {
		const burst = deliveries.slice(at, at + 50);
		results.push(...(await Promise.all(burst.map(async (id) => await deliver('Burst trigger', staticData, { id, status: 'success' })))));
	}
	const elapsed = Date.now() - started;
	const runs = results.flatMap((x) => x.emitted.map((json) => json.id as number));
	expect(runs).toHaveLength(200);
	expect(new Set(runs).size).toBe(200);
	expect(new Set(runs)).toEqual(new Set(reports.map((x) => x.id)));
	expect(results.every((x) => x.status === 200)).toBe(true);
	expect(sim.count({ status: 429 })).toBe(0);
	const ms = results.map((x) => x.ms);
	const [p50, p90, max] = [percentile(ms, 50), percentile(ms, 90), Math.max(...ms)];
	console.info(
		`4YouSee trigger burst: ${runs.length} runs, ${runs.length - new Set(runs).size} duplicates, ${sim.count({ status: 429 })} × 429, ` +
			`answers p50 ${p50} ms, p90 ${p90} ms, max ${max} ms, ${sim.requests.length} API requests, ${elapsed} ms in all`,
	);
	// One read per notification would be 200 or more requests, a second each; a burst is checked by
	// list pages: a couple per burst, and a read for a report the list has not caught up with.
	const bursts = Math.ceil(deliveries.length / 50);
	expect(sim.requests.length).toBeLessThanOrEqual(3 * bursts);
});

it('30 forged notifications do not hold an action node on the same account back: its request goes out before theirs', async () => {
	sim = await startSimulator({ rateLimitMs: FOURYOUSEE.minIntervalMs });
	const [report] = sim.seedReports(5);
	const staticData: IDataObject = {};
	const forged = Array.from({ length: 30 }, (_, i) => deliver('Forged trigger', staticData, { id: 990_000 + i, status: 'success' }));
	// The action starts once the forged reads are queued.
	await new Promise((resolve) => setTimeout(resolve, 300));
	const started = Date.now();
	const action = await runWorkflow({ workflow: reportWorkflow({ operation: 'get', reportId: String(report.id) }), credentials: credentialsFor(sim) });
	const delay = Date.now() - started;
	expect(action.status).toBe('success');
	const answers = await Promise.all(forged);
	expect(answers.map((a) => a.status)).toEqual(Array(30).fill(404));
	expect(answers.every((a) => a.emitted.length === 0)).toBe(true);
	expect(sim.count({ status: 429 })).toBe(0);
	console.info(`4YouSee action node behind 30 forged notifications: ${delay} ms`);
	// At one request a second, waiting behind the forged reads would put the action's request last.
	// It goes out after at most the reads already under way when it started.
	const order = sim.requests.map((request) => request.path);
	const actionAt = order.indexOf(`/v1/reports/${report.id}`);
	expect(actionAt).toBeGreaterThanOrEqual(0);
	expect(actionAt).toBeLessThanOrEqual(3);
	expect(order.filter((path) => /^\/v1\/reports\/99\d{4}$/.test(path))).toHaveLength(30);
});
