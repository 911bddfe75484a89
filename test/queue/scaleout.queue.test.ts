/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The package in n8n queue mode: Redis + PostgreSQL + main + two webhook processes + two workers,
 * each n8n process with its own copy of the packed package (see ./cluster.ts, docs/queue-mode.md).
 *
 * One cluster serves the whole file (starting it is the expensive part, ~1-1.5 min). Tests:
 *  1. node types load in every process, and webhook-started 4YouSee runs spread over both workers;
 *  2. 100 report notifications at once, each delivered 4 times: exactly 100 executions; two copies
 *     of one notification at the same moment: one execution; the same through two different
 *     webhook processes: a known limit (`test.failing`), see docs/queue-mode.md "Exactly-once";
 *  3. a worker SIGKILLed in the middle of a run: n8n reports the run failed, nothing re-runs it, no
 *     report is downloaded twice, the other worker keeps going.
 * Measurements are printed as `[queue] ...` lines on stderr.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { httpCall, useCluster, type ExecutionResult } from './cluster';
import {
	PKG,
	downloadsPerReport,
	importCredential,
	playersWorkflow,
	reportIdOfExecution,
	reportWorkflow,
	startSimulator,
	type QueueFixture,
	type QueueSimulator,
} from './workflows';

jest.setTimeout(10 * 60_000);

const cluster = useCluster({ workers: 2, webhooks: 2, concurrency: 10 });
let sim: QueueSimulator;
let credential: QueueFixture['credential'];

beforeAll(async () => {
	sim = await startSimulator();
	credential = await importCredential(cluster(), sim);
}, 30 * 60_000);

afterAll(async () => {
	await sim?.stop();
});

const countBy = <T>(list: T[], key: (t: T) => string | undefined) => {
	const m = new Map<string, number>();
	for (const x of list) {
		const k = key(x);
		if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
	}
	return m;
};

describe('queue mode: every process loads the package', () => {
	test('the package is installed in each process own user folder, and main serves its node types', async () => {
		const c = cluster();
		for (const p of [c.main, ...c.webhooks, ...c.workers]) {
			const installed = join(p.userFolder, '.n8n', 'nodes', 'node_modules', PKG, 'package.json');
			expect(existsSync(installed)).toBe(true);
			expect(JSON.parse(readFileSync(installed, 'utf8')).name).toBe(PKG);
			// no process complains about a missing node type or a failed community package
			expect(p.logs()).not.toMatch(/Unrecognized node type|Failed to load community package|could not be loaded/i);
		}
		const types = await c.asOwner('GET', '/types/nodes.json');
		expect(types.status).toBe(200);
		const names = (types.json as Array<{ name: string }>).map((t) => t.name);
		expect(names).toEqual(expect.arrayContaining([`${PKG}.fourYouSee`, `${PKG}.fourYouSeeTrigger`]));
		// production webhooks are the webhook process's job (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)
		expect(c.main.logs()).not.toMatch(/Webhook listener waiting/);
	});

	test('webhook-started 4YouSee runs execute on both workers (worker logs name each execution)', async () => {
		const c = cluster();
		const path = `players-${randomUUID().slice(0, 8)}`;
		const wf = await c.importWorkflow(playersWorkflow(credential, path));
		await c.publishWorkflow(wf.id);
		const url = c.webhookUrl(path);
		// wait until the webhook process knows the new webhook (it answers 404 until then)
		const until = Date.now() + 60_000;
		for (;;) {
			const r = await httpCall('POST', url, { body: { probe: true } });
			if (r.status === 200) break;
			if (Date.now() > until) throw new Error(`webhook ${url} -> ${r.status} ${r.text}`);
			await new Promise((res) => setTimeout(res, 250));
		}
		const N = 40;
		const answers = await Promise.all(Array.from({ length: N }, (_, i) => httpCall('POST', url, { body: { call: i } })));
		expect(answers.map((a) => a.status)).toEqual(Array(N).fill(200));

		const runs = await c.waitForExecutions(wf.id, N + 1, 180_000);
		expect(runs).toHaveLength(N + 1);
		for (const run of runs) {
			expect(run.status).toBe('success');
			expect(run.mode).toBe('webhook');
			expect(run.nodes.Players.map((p) => p.id)).toEqual(sim.store.players.map((p) => p.id));
		}
		const byWorker = new Map<string, number>();
		for (const run of runs) {
			const worker = c.workerOf(run.id);
			expect(worker).toBeDefined(); // every run was started by a worker, none by main or webhook
			byWorker.set(worker!, (byWorker.get(worker!) ?? 0) + 1);
		}
		process.stderr.write(`[queue] ${N + 1} webhook runs per worker: ${JSON.stringify(Object.fromEntries(byWorker))}\n`);
		expect([...byWorker.keys()].sort()).toEqual(['worker-1', 'worker-2']);
		// neither main nor the webhook process ran a workflow itself
		for (const p of [c.main, ...c.webhooks]) expect(p.logs()).not.toMatch(/Worker started execution/);
	});
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Publishes a report-trigger workflow and waits until the webhook process serves its URL. */
async function publishTrigger(output: 'summary' | 'file') {
	const c = cluster();
	const webhookId = randomUUID();
	const wf = await c.importWorkflow(reportWorkflow(credential, webhookId, output));
	await c.publishWorkflow(wf.id);
	const urls = c.webhooks.map((_, i) => c.webhookUrl(`${webhookId}/webhook`, i));
	// a body without a report ID is refused with 400 by webhook() itself: proof each webhook process
	// serves this trigger, without starting a run
	const until = Date.now() + 60_000;
	for (const url of urls) {
		for (;;) {
			const r = await httpCall('POST', url, { body: { hello: 'probe' } });
			if (r.status === 400) break;
			if (Date.now() > until) throw new Error(`trigger webhook ${url} -> ${r.status} ${r.text}`);
			await sleep(250);
		}
	}
	return { wf, url: urls[0], urls };
}

/** Waits until `count` executions exist and none is still running, then a little longer for stragglers. */
async function settledExecutions(workflowId: string, count: number, timeoutMs = 180_000): Promise<ExecutionResult[]> {
	const c = cluster();
	await c.waitForExecutions(workflowId, count, timeoutMs);
	await sleep(3000); // a duplicate enqueued late would show up here
	return await c.waitForExecutions(workflowId, count, timeoutMs);
}

describe('queue mode: report notifications through the webhook process', () => {
	/**
	 * What exactly-once needs here, and what n8n 2.41 does (n8n dist/webhooks/live-webhooks.js,
	 * workflows/workflow-static-data.service.js): for EVERY request the webhook process loads the
	 * workflow, with its static data, from the database; runs the trigger's webhook(); and after
	 * answering writes the WHOLE static-data object back (`UPDATE workflow_entity SET staticData`),
	 * with no lock and no compare-and-set. The trigger's dedupe (`notifications` in static data)
	 * therefore only sees notifications whose request finished before this one started, and
	 * concurrent requests overwrite each other's records. Results are recorded in the report.
	 */
	const report: Record<string, unknown> = {};

	afterAll(() => {
		process.stderr.write(`[queue] exactly-once measurements: ${JSON.stringify(report)}\n`);
	});

	test('100 reports finishing at once, each notification delivered 4 times: every report starts a run (none lost)', async () => {
		const { wf, url } = await publishTrigger('summary');
		const c = cluster();
		const created = Array.from({ length: 100 }, () => {
			const r = sim.createReport({ filter: { startDate: '2026-11-01', endDate: '2026-11-02' }, webhook: url });
			if (typeof r === 'string') throw new Error(r);
			return r;
		});
		const t0 = Date.now();
		await sim.settle(); // every report finished and all 4 deliveries of each were made
		const deliveredMs = Date.now() - t0;
		const ids = created.map((r) => String(r.id));
		const deliveries = sim.deliveries.filter((d) => ids.includes(String(d.reportId)));
		expect(deliveries).toHaveLength(400);

		const runs = await settledExecutions(wf.id, 100);
		const perReport = countBy(runs, reportIdOfExecution);
		const downloads = downloadsPerReport(sim);
		const duplicated = ids.filter((id) => (perReport.get(id) ?? 0) > 1);
		report.burst = {
			deliveredMs,
			allRunsDoneMs: Date.now() - t0,
			reports: 100,
			deliveries: deliveries.length,
			executions: runs.length,
			statuses: Object.fromEntries(countBy(runs, (r) => r.status)),
			deliveryAnswers: Object.fromEntries(countBy(deliveries, (d) => String(d.status))),
			reportsRunMoreThanOnce: duplicated.length,
			maxRunsOfOneReport: Math.max(...perReport.values()),
			fileDownloads: ids.reduce((s, id) => s + (downloads.get(id) ?? 0), 0),
			byWorker: Object.fromEntries(countBy(runs, (r) => c.workerOf(r.id))),
		};
		// what n8n persisted of the trigger's dedupe record (workflow static data, public API)
		const stored = await c.api('GET', `/workflows/${wf.id}`);
		const notifications = (stored.staticData?.['node:Report Ready']?.notifications ?? {}) as Record<string, unknown>;
		(report.burst as Record<string, unknown>).keysPersistedInStaticData = ids.filter((id) => Object.keys(notifications).some((k) => k === id || k.startsWith(`${id}:`))).length;
		// none lost: every report ran at least once, and every run succeeded on a worker
		for (const id of ids) expect(perReport.get(id) ?? 0).toBeGreaterThanOrEqual(1);
		for (const run of runs) expect(run.status).toBe('success');
		expect(runs.every((r) => c.workerOf(r.id) !== undefined)).toBe(true);
		(globalThis as any).__burst = { ids, perReport };
	});

	test('... and none duplicated: exactly 100 runs for 100 reports', () => {
		const { ids, perReport } = (globalThis as any).__burst as { ids: string[]; perReport: Map<string, number> };
		expect(ids.filter((id) => perReport.get(id) !== 1)).toEqual([]);
	});

	test('two copies of one notification arriving at the same moment (one webhook process) start one run', async () => {
		const { wf, url } = await publishTrigger('summary');
		const seeded = sim.seedReports(20, 'success');
		const answers = await Promise.all(
			seeded.flatMap((r) => [sim.notify(r.id, { url }), sim.notify(r.id, { url })]),
		);
		expect(answers).toEqual(Array(40).fill(200));
		const runs = await settledExecutions(wf.id, 20);
		const perReport = countBy(runs, reportIdOfExecution);
		report.simultaneousCopies = {
			reports: 20,
			copiesEach: 2,
			executions: runs.length,
			reportsRunTwice: seeded.filter((r) => (perReport.get(String(r.id)) ?? 0) > 1).length,
		};
		for (const r of seeded) expect(perReport.get(String(r.id)) ?? 0).toBeGreaterThanOrEqual(1);
		expect(seeded.filter((r) => perReport.get(String(r.id)) !== 1).map((r) => r.id)).toEqual([]);
	});

	// KNOWN LIMIT (docs/queue-mode.md "Exactly-once"): the trigger's claim is held in the memory of the
	// process that received the delivery; another webhook process only sees the static data, which
	// n8n loads at the start of each request and writes back whole afterwards. `test.failing` records
	// the gap and turns red if it is ever closed (then make it a plain test).
	test.failing('KNOWN LIMIT: two copies at the same moment through two different webhook processes start one run', async () => {
		const { wf, urls } = await publishTrigger('summary');
		const seeded = sim.seedReports(20, 'success');
		const answers = await Promise.all(seeded.flatMap((r) => [sim.notify(r.id, { url: urls[0] }), sim.notify(r.id, { url: urls[1] })]));
		expect(answers).toEqual(Array(40).fill(200));
		const runs = await settledExecutions(wf.id, 20);
		const perReport = countBy(runs, reportIdOfExecution);
		report.copiesThroughTwoWebhookProcesses = {
			reports: 20,
			executions: runs.length,
			reportsRunTwice: seeded.filter((r) => (perReport.get(String(r.id)) ?? 0) > 1).length,
		};
		for (const r of seeded) expect(perReport.get(String(r.id)) ?? 0).toBeGreaterThanOrEqual(1);
		expect(seeded.filter((r) => perReport.get(String(r.id)) !== 1).map((r) => r.id)).toEqual([]);
	});
});

describe('queue mode: a worker dies in the middle of a run', () => {
	test('SIGKILL during the download: n8n marks the run failed, nothing re-runs it, the other worker carries on', async () => {
		const c = cluster();
		const { wf, url } = await publishTrigger('file');
		const [victim, ...others] = sim.seedReports(6, 'success');
		const downloadsOf = (id: number) => downloadsPerReport(sim).get(String(id)) ?? 0;

		// 1. the victim's file download hangs in the simulator: its run is in the middle of Get Playlogs
		sim.hold(victim.id);
		expect(await sim.notify(victim.id, { url })).toBe(200);
		let running: ExecutionResult | undefined;
		let worker: string | undefined;
		const until = Date.now() + 60_000;
		while (!(running && worker && downloadsOf(victim.id) === 1)) {
			if (Date.now() > until) throw new Error('the victim run did not reach its download');
			await sleep(250);
			running = (await c.getExecutions(wf.id)).find((e) => e.status === 'running');
			worker = running ? c.workerOf(running.id) : undefined;
		}
		const index = c.workers.findIndex((w) => w.name === worker);
		const survivor = c.workers.find((w) => w.name !== worker)!;

		// 2. kill that worker's whole process group (n8n + its task runner), like a lost machine
		const killedAt = Date.now();
		await c.killWorker(index);
		sim.release(victim.id);

		// 3. new notifications still run, on the surviving worker, each downloading its file once
		const answers = await Promise.all(others.map((r) => sim.notify(r.id, { url })));
		expect(answers).toEqual(Array(others.length).fill(200));

		// 4. n8n notices: Bull's lock expires (15 s here), the job is failed as stalled (n8n sets
		//    maxStalledCount 0: never re-run) and the process that enqueued it marks the execution
		//    failed ("job stalled more than maxStalledCount"); main's queue recovery would mark it
		//    `crashed` if it got there first
		let victimRun: ExecutionResult | undefined;
		const deadline = Date.now() + 150_000;
		for (;;) {
			victimRun = (await c.getExecutions(wf.id)).find((e) => e.id === running!.id);
			if (victimRun && victimRun.status !== 'running' && victimRun.status !== 'new') break;
			if (Date.now() > deadline) throw new Error(`the killed run is still ${victimRun?.status} after 150 s`);
			await sleep(1000);
		}
		const detectedMs = Date.now() - killedAt;
		const runs = await c.waitForExecutions(wf.id, 6, 120_000);
		await sleep(5000); // a re-run by n8n, if any, would have started by now
		const after = await c.getExecutions(wf.id);

		const perReport = countBy(after, reportIdOfExecution);
		report3 = {
			killed: worker,
			victimStatus: victimRun.status,
			detectedAfterMs: detectedMs,
			executions: after.length,
			statuses: Object.fromEntries(countBy(after, (r) => r.status)),
			victimDownloads: downloadsOf(victim.id),
			otherDownloads: others.map((r) => downloadsOf(r.id)),
		};
		expect(['crashed', 'error']).toContain(victimRun.status);
		expect(after).toHaveLength(runs.length);
		expect(after).toHaveLength(6); // one run per report: n8n did not start the victim again
		// the victim's file was requested once (by the killed worker); every other report's once
		expect(downloadsOf(victim.id)).toBe(1);
		for (const r of others) expect(downloadsOf(r.id)).toBe(1);
		for (const r of others) expect(perReport.get(String(r.id))).toBe(1);
		for (const run of after.filter((e) => e.id !== running!.id)) {
			expect(run.status).toBe('success');
			expect(c.workerOf(run.id)).toBe(survivor.name);
			// the file went through binary data in database mode (queue mode's default)
			const binary = (run.raw as any).data.resultData.runData.Playlogs[0].data.main[0][0].binary;
			expect(binary.data).toEqual(expect.objectContaining({ mimeType: 'application/gzip', fileName: expect.stringMatching(/\.ndjson\.gz$/) }));
			expect(String(binary.data.id ?? '')).toMatch(/^database:/);
		}

		// 5. recovering the lost report is a user action. What n8n's own "retry" of the crashed run does
		//    is recorded (not asserted): the crashed run has no saved node output to resume from.
		const retried = await c.api('POST', `/executions/${running!.id}/retry`, {}).catch((e: Error) => ({ error: e.message }));
		const retryId = retried && 'id' in retried ? String(retried.id) : undefined;
		let retryRun: ExecutionResult | undefined;
		const retryUntil = Date.now() + 60_000;
		while (retryId) {
			retryRun = (await c.getExecutions(wf.id)).find((e) => e.id === retryId);
			if (retryRun && (retryRun.finished || !['new', 'running'].includes(retryRun.status))) break;
			if (Date.now() > retryUntil) break;
			await sleep(500);
		}
		report3.retry = {
			answer: retryId ? 'started' : retried,
			status: retryRun?.status,
			error: retryRun?.error?.message,
			worker: retryId ? c.workerOf(retryId) : undefined,
			victimDownloadsAfterRetry: downloadsOf(victim.id),
		};
		// whatever the retry did, it never ran the report's download more than once more
		expect(downloadsOf(victim.id)).toBeLessThanOrEqual(2);
	});

	let report3: Record<string, unknown> = {};
	afterAll(() => process.stderr.write(`[queue] worker-kill measurements: ${JSON.stringify(report3)}\n`));
});
