/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * 4YouSee Manager against a real n8n: a workflow creates a report whose webhook is the Production
 * URL of a published trigger workflow; the simulator generates it, notifies the URL and repeats the
 * notification on 4YouSee's schedule; the trigger workflow runs once and its Get Playlogs summary
 * equals the simulator's ground truth.
 */
import { randomUUID } from 'node:crypto';

import { FourYouSeeSimulator, FOURYOUSEE_SIM_TOKEN } from '../../dev/simulators/fouryousee/server';
import { manualWorkflow } from '../support/workflow';
import { useN8n, type CredentialRef, type JsonObject } from './harness/n8n';

const n8n = useN8n();

const NODE = 'n8n-nodes-reporting.fourYouSee';
const TRIGGER = 'n8n-nodes-reporting.fourYouSeeTrigger';

let sim: FourYouSeeSimulator;
let credential: CredentialRef;

beforeAll(async () => {
	// Report ready after "60 s" = 300 ms; notifications repeated after "2, 6, 18 min" = 0.6, 1.8, 5.4 s,
	// even when acknowledged, to prove the trigger starts one run.
	sim = await new FourYouSeeSimulator({ timeScale: 0.005, alwaysRepeatNotifications: true, playlogLines: 4000 }).start();
	[credential] = await n8n().importCredentials([
		{ name: '4YouSee Manager (e2e)', type: 'fourYouSeeApi', data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl } },
	]);
});

afterAll(async () => {
	await sim?.stop();
});

function credentials() {
	return { fourYouSeeApi: { id: credential.id, name: credential.name } };
}

test('the credential test passes, and fails with a wrong token', async () => {
	expect(await n8n().testCredential(credential.id)).toMatchObject({ status: 'OK' });
	await new Promise((resolve) => setTimeout(resolve, 1100));
	const bad = await n8n().testCredential({ type: 'fourYouSeeApi', data: { secretToken: 'wrong', baseUrl: sim.apiUrl } });
	expect(bad.status).toBe('Error');
});

test('create report → notification (repeated 4 times) → one trigger run whose summary equals the ground truth', async () => {
	const webhookId = randomUUID();
	const receiver = await n8n().importWorkflow({
		name: '4YouSee e2e: report ready',
		nodes: [
			{ id: randomUUID(), name: 'Report Ready', type: TRIGGER, typeVersion: 1, position: [0, 0], webhookId, parameters: { event: 'success' }, credentials: credentials() },
			{
				id: randomUUID(),
				name: 'Plays',
				type: NODE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'report', operation: 'getPlaylogs', reportId: '={{ $json.id }}', output: 'summary', groupBy: ['mediaId', 'playerId'] },
				credentials: credentials(),
			},
			{
				// Version 2 with the Report picker left at its default, the incoming item's ID.
				id: randomUUID(),
				name: 'Plays v2',
				type: NODE,
				typeVersion: 2,
				position: [240, 200],
				parameters: { resource: 'report', operation: 'getPlaylogs', output: 'summary', groupBy: [] },
				credentials: credentials(),
			},
		],
		connections: { 'Report Ready': { main: [[{ node: 'Plays', type: 'main', index: 0 }, { node: 'Plays v2', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(receiver.id);
	const hookUrl = n8n().webhookUrl(`${webhookId}/webhook`);

	// Bodies that are not 4YouSee notifications are refused and start nothing.
	const notJson = await n8n().http('POST', hookUrl, { body: 'report ready', headers: { 'content-type': 'text/plain' } });
	expect(notJson.status).toBe(400);
	const unknown = await n8n().http('POST', hookUrl, { body: { id: 999, status: 'success', url: 'https://evil.example/x.gz' }, headers: { 'content-type': 'application/json' } });
	expect(unknown.status).toBe(404);

	const request = await n8n().importWorkflow(
		manualWorkflow(
			{
				name: 'Create Report',
				type: NODE,
				parameters: { resource: 'report', operation: 'create', start: '2026-11-01', end: '2026-11-07', playerIds: '101,102,105', webhookUrl: hookUrl },
				credentials: credentials(),
			},
			{ name: '4YouSee e2e: request report' },
		),
	);
	const requested = await n8n().runWorkflow(request.id);
	expect(requested.status).toBe('success');
	const report = requested.nodes['Create Report'][0];
	expect(report).toMatchObject({ status: 'waiting', filter: { playerId: [101, 102, 105] } });

	await sim.settle();
	const deliveries = sim.deliveries.filter((d) => d.reportId === report.id);
	expect(deliveries.map((d) => [d.attempt, d.status])).toEqual([
		[1, 200],
		[2, 200],
		[3, 200],
		[4, 200],
	]);
	const [run] = await n8n().waitForExecutions(receiver.id, 1);
	await new Promise((resolve) => setTimeout(resolve, 1500));
	expect(await n8n().getExecutions(receiver.id)).toHaveLength(1);
	expect(run.status).toBe('success');
	expect(run.nodes['Report Ready'][0]).toMatchObject({ id: report.id, status: 'success', url: expect.stringContaining('/s3/') });
	const rows = run.nodes['Plays'].map(({ reportId, ...row }: JsonObject) => {
		expect(reportId).toBe(report.id);
		return row;
	});
	expect(rows).toEqual(sim.countPlays(Number(report.id), ['mediaId', 'playerId']));
	expect(rows.reduce((sum: number, r: JsonObject) => sum + Number(r.plays), 0)).toBe(4000);
	expect(run.nodes['Plays v2']).toEqual([{ reportId: report.id, plays: 4000 }]);
	for (const download of sim.find({ path: '/s3/*' })) expect(download.headers['secret-token']).toBeUndefined();

	await n8n().unpublishWorkflow(receiver.id);
});

test('a failed report, notified as a Python literal, starts the Report Failed run with the reason', async () => {
	const webhookId = randomUUID();
	const receiver = await n8n().importWorkflow({
		name: '4YouSee e2e: report failed',
		nodes: [{ id: randomUUID(), name: 'Report Failed', type: TRIGGER, typeVersion: 1, position: [0, 0], webhookId, parameters: { event: 'failed' }, credentials: credentials() }],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(receiver.id);
	const hookUrl = n8n().webhookUrl(`${webhookId}/webhook`);
	sim.failNextReports(1);
	const created = sim.createReport({ filter: { startDate: '2026-11-01', endDate: '2026-11-02' } });
	if (typeof created === 'string') throw new Error(created);
	await sim.whenFinished(created.id);
	const body = sim.notificationBody(sim.report(created.id)) as { error: { code: number; message: string } };
	const python = `{'id': ${created.id}, 'status': 'failed', 'error': {'code': ${body.error.code}, 'message': '${body.error.message}'}, 'filter': {'mediaId': [], 'playerId': [], 'sort': -1}}`;
	const answer = await n8n().http('POST', hookUrl, { body: python, headers: { 'content-type': 'text/plain' } });
	expect(answer.status).toBe(200);
	const [run] = await n8n().waitForExecutions(receiver.id, 1);
	expect(run.nodes['Report Failed'][0]).toMatchObject({
		id: created.id,
		status: 'failed',
		url: null,
		error: { code: 422, message: 'There was an error generating the report' },
		errorSource: 'notification',
	});
	await n8n().unpublishWorkflow(receiver.id);
});
