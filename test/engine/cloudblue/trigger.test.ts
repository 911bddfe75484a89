/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The CloudBlue Commerce polling trigger through n8n-core's PollContext: the first poll records what
 * exists and emits nothing, each newly completed report (and new or changed order) is emitted once,
 * across "restarts" (static data saved and loaded as JSON), and a manual test fetch shows the newest.
 */
import type { IDataObject } from 'n8n-workflow';

import { tokenCredentials, TRIGGER_TYPE } from './helpers';
import { runPoll } from '../../harness/engine';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeEach(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 50 }).start();
});

afterEach(async () => {
	await sim.stop();
});

async function poll(staticData: IDataObject, parameters: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const result = await runPoll({
		node: {
			type: TRIGGER_TYPE,
			parameters: { events: ['reportCompleted'], ...parameters },
			credentials: { cloudBlueCommerceApi: { id: '1', name: 'CloudBlue Commerce API' } },
		},
		credentials: tokenCredentials(sim),
		staticData,
		mode,
	});
	return result.items?.[0]?.map((item) => item.json) ?? null;
}

/** What n8n does to static data between two runs: saves it as JSON and loads it again. */
function restart(state: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(state)) as IDataObject;
}

/** Reports as the how-to lists them have no id: the blob path of their link names them. */
function pathOf(report: IDataObject): string {
	return String(report.downloadUrl).split('?')[0];
}

function linkOf(stored: Parameters<CloudBlueSimulator['reportView']>[0]): string {
	return pathOf(sim.reportView(stored) as IDataObject);
}

describe('report completed, as the RDE how-to lists reports (no id, no status)', () => {
	it('emits nothing on the first poll, then each new report once, though every answer signs new links', async () => {
		const state: IDataObject = {};
		expect(await poll(state)).toBeNull();
		expect(await poll(state)).toBeNull();

		const a = sim.storeReport({ name: 'Daily report', format: 'csv', startDate: '2026-11-20T00:00:00Z' }, 'daily', sim.now() - 5000);
		const b = sim.storeReport({ name: 'Daily report', format: 'json', startDate: '2026-11-21T00:00:00Z' }, 'daily', sim.now() - 4000);
		sim.completeAllReports();
		const emitted = await poll(state);
		expect(emitted?.map(pathOf)).toEqual([linkOf(a), linkOf(b)]);
		expect(emitted?.[0]).toEqual({ event: 'reportCompleted', name: 'Daily report', format: 'csv', creationDate: expect.any(String), downloadUrl: expect.stringContaining('sig=') });
		// A second later every link carries a new signature: the same reports are not new.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect(await poll(state)).toBeNull();
	});

	it('waits for a report to complete, and survives a restart without repeating', async () => {
		let state: IDataObject = {};
		await poll(state);
		const pending = sim.storeReport({ name: 'Month', format: 'xlsx', startDate: '2026-10-01T00:00:00Z' }, 'monthly');
		expect(await poll(state)).toBeNull();
		sim.completeAllReports();
		state = restart(state);
		expect((await poll(state))?.map(pathOf)).toEqual([linkOf(pending)]);
		state = restart(state);
		expect(await poll(state)).toBeNull();
	});

	it('filters by report name', async () => {
		const state: IDataObject = {};
		await poll(state, { reportName: 'Finance' });
		sim.storeReport({ name: 'Other', format: 'csv', startDate: '2026-11-20T00:00:00Z' });
		const finance = sim.storeReport({ name: 'Finance', format: 'csv', startDate: '2026-11-20T00:00:00Z' });
		sim.completeAllReports();
		expect((await poll(state, { reportName: 'Finance' }))?.map(pathOf)).toEqual([linkOf(finance)]);
	});

	it('reads a long list in one request, as the how-to server sends it, and emits each report once', async () => {
		const state: IDataObject = {};
		await poll(state);
		for (let i = 0; i < 120; i++) sim.storeReport({ name: 'Bulk', format: 'csv', startDate: '2026-11-20T00:00:00Z' });
		sim.completeAllReports();
		sim.clearLog();
		const emitted = await poll(state);
		expect(emitted).toHaveLength(120);
		expect(new Set(emitted?.map(pathOf)).size).toBe(120);
		expect(emitted?.every((r) => r.format === 'csv')).toBe(true);
		expect(sim.count({ path: '/marketplace/reports' })).toBe(1);
		expect(await poll(state)).toBeNull();
	});

	it('remembers at most 5,000 reports, forgetting the oldest', async () => {
		const old = Array.from({ length: 4995 }, (_, i) => `id:old-${i}`);
		const state: IDataObject = { reports: [...old], primed: ['reportCompleted'] };
		const emitted = await poll(state, { lookBackDays: 30 });
		expect(emitted).toHaveLength(12);
		const remembered = state.reports as string[];
		expect(remembered).toHaveLength(5000);
		expect(remembered[0]).toBe('id:old-7');
		expect(remembered.slice(-12)).toEqual(emitted?.map((r) => `url:${pathOf(r)}`));
	});

	it('returns the newest report in a manual test fetch without recording anything', async () => {
		const state: IDataObject = {};
		const newest = [...sim.reports.values()].sort((x, y) => String(y.report.creationDate).localeCompare(String(x.report.creationDate)))[0];
		const emitted = await poll(state, {}, 'manual');
		expect(emitted).toHaveLength(1);
		expect(pathOf(emitted![0])).toBe(linkOf(newest));
		expect(state).toEqual({});
	});
});

describe('report completed, spec v1.15 list (with id and status)', () => {
	it('emits only completed reports, keyed by id, and sends status=completed', async () => {
		sim.reportList = 'spec-1.15';
		const state: IDataObject = {};
		await poll(state);
		const done = sim.storeReport({ name: 'Daily report', format: 'csv', startDate: '2026-11-20T00:00:00Z' }, 'daily', sim.now() - 5000);
		sim.completeAllReports();
		sim.storeReport({ name: 'Still running', format: 'csv', startDate: '2026-11-20T00:00:00Z' });
		const emitted = await poll(state);
		expect(emitted?.map((r) => [r.id, r.status])).toEqual([[done.report.id, 'completed']]);
		expect(sim.find({ path: '/marketplace/reports' }).at(-1)?.query).toMatchObject({ status: 'completed' });
		expect(state.reports).toContain(`id:${String(done.report.id)}`);
	});
});

describe('orders', () => {
	it('emits each new order and each status change once', async () => {
		let state: IDataObject = {};
		const events = { events: ['orderCreated', 'orderStatusChanged'] };
		expect(await poll(state, events)).toBeNull();

		const placed = sim.placeOrder('1000001', 'MPN-0001_ANNUAL', 2);
		const created = await poll(state, events);
		expect(created).toEqual([expect.objectContaining({ event: 'orderCreated', id: placed.id, status: 'submitted' })]);

		sim.setOrderStatus(String(placed.id), 'processing');
		state = restart(state);
		expect(await poll(state, events)).toEqual([
			expect.objectContaining({ event: 'orderStatusChanged', id: placed.id, status: 'processing', previousStatus: 'submitted' }),
		]);
		expect(await poll(state, events)).toBeNull();
	});

	it('emits only status changes when only those are asked for', async () => {
		const state: IDataObject = {};
		const events = { events: ['orderStatusChanged'] };
		await poll(state, events);
		const placed = sim.placeOrder('1000002', 'MPN-0003_ANNUAL');
		expect(await poll(state, events)).toBeNull();
		sim.setOrderStatus(String(placed.id), 'completed');
		expect((await poll(state, events))?.map((o) => [o.id, o.previousStatus, o.status])).toEqual([[placed.id, 'submitted', 'completed']]);
	});
});
