/**
 * 4YouSee Manager Trigger through the engine's webhook runner: it trusts only the report ID of a
 * notification, reads the report back, filters by outcome, starts one run per report status however
 * often 4YouSee repeats it, and refuses bodies that are not notifications.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWebhook, runWebhookMethod } from '../../harness/engine';
import { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { credentialsFor, finishedReport, startSimulator, TRIGGER_TYPE, webhookReceiver } from './report-helpers';

jest.setTimeout(30_000);

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.stop();
});

async function hit(request: Parameters<typeof runWebhook>[0]['request'], options: { event?: string; staticData?: IDataObject } = {}) {
	return await runWebhook({
		// One saved trigger per test and outcome filter: the same node from delivery to delivery, and
		// its own in-process delivery ledger, so tests do not see each other's deliveries.
		node: {
			type: TRIGGER_TYPE,
			name: `${expect.getState().currentTestName ?? 'Trigger'} (${options.event ?? 'success'})`,
			parameters: { event: options.event ?? 'success' },
		},
		credentials: credentialsFor(sim),
		staticData: options.staticData ?? {},
		request,
	});
}

describe('a genuine notification', () => {
	it('emits the report as the API returns it, after one read, and acknowledges with 200', async () => {
		const id = await finishedReport(sim);
		const before = sim.count({ path: '/v1/reports/:id' });
		const result = await hit({ body: sim.notificationBody(sim.report(id)) });
		expect(result.response.statusCode).toBe(200);
		expect(result.workflowData?.[0]).toEqual([{ json: sim.reportJson(sim.report(id)) }]);
		expect(sim.count({ path: '/v1/reports/:id' }) - before).toBe(1);
	});

	it('accepts {report: {id}}, {reportId} and single-quoted JSON like 4YouSee’s own receiver', async () => {
		const shapes = [
			(id: number) => ({ body: { report: { id } } }),
			(id: number) => ({ body: { reportId: String(id) } }),
			(id: number) => ({ headers: { 'content-type': 'text/plain' }, rawBody: `{'id': ${id}, 'status': 'success'}`, body: `{'id': ${id}}` }),
		];
		for (const shape of shapes) {
			// A report of its own for each shape: a second notification of one report is a repeat.
			const id = await finishedReport(sim);
			const result = await hit(shape(id));
			expect(result.response.statusCode).toBe(200);
			expect(result.workflowData?.[0][0].json).toMatchObject({ id, status: 'success' });
		}
	});

	it('filters on the outcome the API reports, whatever the body claims', async () => {
		const failed = await finishedReport(sim);
		sim.report(failed).status = 'failed';
		sim.report(failed).error = { code: 422, message: 'There was an error generating the report' };
		const lying = { id: failed, status: 'success', url: 'https://evil.example/x.gz' };

		const onSuccess = await hit({ body: lying }, { event: 'success' });
		expect(onSuccess.response.statusCode).toBe(200);
		expect(onSuccess.workflowData).toBeUndefined();

		const onFailed = await hit({ body: lying }, { event: 'failed' });
		expect(onFailed.workflowData?.[0][0].json).toMatchObject({ id: failed, status: 'failed', url: null });

		const ok = await finishedReport(sim);
		const onAny = await hit({ body: { id: ok, status: 'failed' } }, { event: 'any' });
		expect(onAny.workflowData?.[0][0].json).toMatchObject({ id: ok, status: 'success' });
	});

	it('a failed report: the API copy, with the reason only the notification carries', async () => {
		sim.failNextReports(1);
		const id = await finishedReport(sim);
		expect(sim.reportJson(sim.report(id))).not.toHaveProperty('error');
		const body = sim.notificationBody(sim.report(id));
		expect(Object.keys(body)).toEqual(['id', 'status', 'error', 'filter']);
		const result = await hit({ body }, { event: 'failed' });
		expect(result.workflowData?.[0][0].json).toEqual({
			...sim.reportJson(sim.report(id)),
			error: { code: 422, message: 'There was an error generating the report' },
			errorSource: 'notification',
		});
	});

	it('reads a notification written as a Python literal (None, True, single quotes) instead of answering 400', async () => {
		const id = await finishedReport(sim);
		const raw = `{'id': ${id}, 'status': 'success', 'url': None, 'retry': True, 'note': "it's ready"}`;
		const result = await hit({ headers: { 'content-type': 'text/plain' }, rawBody: raw, body: raw });
		expect(result.response.statusCode).toBe(200);
		expect(result.workflowData?.[0][0].json).toEqual(sim.reportJson(sim.report(id)));
	});

	it('never takes the file link from the body', async () => {
		const id = await finishedReport(sim);
		const result = await hit({ body: { id, status: 'success', url: 'https://attacker.example/playlogs.gz' } });
		const emitted = result.workflowData?.[0][0].json as IDataObject;
		expect(emitted.url).toBe(sim.reportJson(sim.report(id)).url);
		expect(String(emitted.url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s3\//);
	});

	it('answers 409 for a report the API says is still waiting, so 4YouSee repeats it later', async () => {
		const created = sim.createReport({ filter: { startDate: '2026-11-01', endDate: '2026-11-01' } });
		if (typeof created === 'string') throw new Error(created);
		const result = await hit({ body: { id: created.id, status: 'success' } });
		expect(result.response.statusCode).toBe(409);
		expect(result.workflowData).toBeUndefined();
		await sim.whenFinished(created.id);
	});
});

describe('repeated deliveries', () => {
	it('starts one run for three deliveries of one notification, and remembers it', async () => {
		const id = await finishedReport(sim);
		const staticData: IDataObject = {};
		const runs = [];
		for (let i = 0; i < 3; i++) runs.push(await hit({ body: sim.notificationBody(sim.report(id)) }, { staticData }));
		expect(runs.map((r) => r.response.statusCode)).toEqual([200, 200, 200]);
		expect(runs.map((r) => r.workflowData?.[0].length ?? 0)).toEqual([1, 0, 0]);
		expect(Object.keys(staticData.notifications as IDataObject)).toEqual([`${id}`]);
	});

	it('starts one run when two copies arrive at the same moment, each reading static data before either saved it', async () => {
		const id = await finishedReport(sim);
		const body = sim.notificationBody(sim.report(id));
		const runs = await Promise.all([hit({ body }, { staticData: {} }), hit({ body }, { staticData: {} })]);
		expect(runs.map((r) => r.response.statusCode)).toEqual([200, 200]);
		expect(runs.map((r) => r.workflowData?.[0].length ?? 0).sort()).toEqual([0, 1]);
	});

	it('keeps only the newest 1,000 notification keys', async () => {
		const notifications: Record<string, number> = {};
		// Each key holds the time until which a repeat is a duplicate; the earliest-expiring go first.
		for (let i = 0; i < 1000; i++) notifications[`old-${i}`] = Date.now() + 3_600_000 + i;
		const staticData: IDataObject = { notifications };
		const id = await finishedReport(sim);
		await hit({ body: { id } }, { staticData });
		const kept = Object.keys(staticData.notifications as IDataObject);
		expect(kept).toHaveLength(1000);
		expect(kept).not.toContain('old-0');
		expect(kept).toContain('old-1');
		expect(kept).toContain(`${id}`);
	});

	it('follows 4YouSee’s schedule end to end: delivered 4 times (2, 6, 18 minutes, scaled), one emission', async () => {
		const fast = await new FourYouSeeSimulator({ timeScale: 0.001, alwaysRepeatNotifications: true, rateLimitMs: 100 }).start();
		const receiver = await webhookReceiver(credentialsFor(fast), { event: 'success' });
		try {
			const created = fast.createReport({ webhook: receiver.url, filter: { startDate: '2026-11-01', endDate: '2026-11-02' } });
			if (typeof created === 'string') throw new Error(created);
			await fast.settle();
			const deliveries = fast.deliveries.filter((d) => d.reportId === created.id);
			expect(deliveries.map((d) => [d.attempt, d.status])).toEqual([
				[1, 200],
				[2, 200],
				[3, 200],
				[4, 200],
			]);
			const gaps = deliveries.slice(1).map((d, i) => d.at - deliveries[i].at);
			expect(gaps[0]).toBeGreaterThanOrEqual(120);
			expect(gaps[1]).toBeGreaterThanOrEqual(360);
			expect(gaps[2]).toBeGreaterThanOrEqual(1080);
			expect(receiver.emitted).toEqual([expect.objectContaining({ id: created.id, status: 'success' })]);
			expect(fast.count({ path: '/v1/reports/:id' })).toBe(1);
		} finally {
			await receiver.close();
			await fast.stop();
		}
	});

	it('is delivered again when it could not be checked, and then starts its one run', async () => {
		const fast = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 100 }).start();
		const receiver = await webhookReceiver(credentialsFor(fast), { event: 'success' });
		try {
			// A refused token costs one request: the node reads the 401 itself, so n8n does not repeat it.
			fast.injectFault({ method: 'GET', path: '/v1/reports/:id', status: 401, times: 1, body: { message: 'Invalid Secret-Token' } });
			const created = fast.createReport({ webhook: receiver.url, filter: { startDate: '2026-11-01', endDate: '2026-11-02' } });
			if (typeof created === 'string') throw new Error(created);
			await fast.settle();
			expect(fast.deliveries.map((d) => d.status)).toEqual([503, 200]);
			expect(receiver.emitted).toHaveLength(1);
			expect(fast.find({ path: '/v1/reports/:id' }).map((r) => r.status)).toEqual([401, 200]);
		} finally {
			await receiver.close();
			await fast.stop();
		}
	});
});

describe('forged and broken notifications', () => {
	it('answers 404 and starts nothing for an ID the account cannot read', async () => {
		for (const id of [999, 158542]) {
			const staticData: IDataObject = {};
			const result = await hit({ body: { id, status: 'success', url: 'https://evil.example/x.gz' } }, { staticData });
			expect(result.response.statusCode).toBe(404);
			expect(result.response.body).toEqual({ message: `Report ${id} is not a report of this account` });
			expect(result.workflowData).toBeUndefined();
			expect(staticData.notifications).toBeUndefined();
		}
	});

	it('answers 400 (413 when oversized) without calling the API for empty, non-JSON, malformed, oversized or ID-less bodies', async () => {
		const before = sim.requests.length;
		const cases = [
			{ headers: { 'content-type': 'application/json' }, rawBody: '', body: '' },
			{ headers: { 'content-type': 'text/plain' }, rawBody: 'report ready!', body: 'report ready!' },
			{ headers: { 'content-type': 'application/json' }, rawBody: '{"id": 5', body: '{"id": 5' },
			{ body: { id: 5, padding: 'x'.repeat(70 * 1024) } },
			{ body: { status: 'success' } },
			{ body: [{ id: 5 }] },
			{ body: { id: '../players' } },
		];
		for (const request of cases) {
			const result = await hit(request);
			const oversized = 'body' in request && typeof request.body === 'object' && 'padding' in request.body;
			expect(result.response.statusCode).toBe(oversized ? 413 : 400);
			expect(result.workflowData).toBeUndefined();
		}
		expect(sim.requests.length).toBe(before);
	});
});

describe('webhook lifecycle', () => {
	it('has nothing to register with 4YouSee', async () => {
		for (const method of ['checkExists', 'create', 'delete'] as const) {
			const result = await runWebhookMethod({ node: { type: TRIGGER_TYPE, parameters: { event: 'success' } }, method, credentials: credentialsFor(sim) });
			expect(result.result).toBe(true);
		}
		expect(sim.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
	});
});
