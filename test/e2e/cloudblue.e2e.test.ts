/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * CloudBlue Commerce in a real n8n: the packed package installed as a user installs it, the
 * credential tested by n8n's own tester (both token methods, and a readable failure), and the
 * example workflow scheduling a rated data report, waiting for it, downloading it and splitting it
 * into items that equal the simulator's data, then turning them into a spreadsheet; and the
 * published polling trigger emitting each newly completed report exactly once over several polls,
 * with reports listed as the RDE how-to documents them (no id or status: the name and link tell them apart).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { useN8n, type JsonObject } from './harness/n8n';
import { savedCredentialData } from './harness/saved-credential';
import { CloudBlueSimulator } from '../../dev/simulators/cloudblue/server';

const n8n = useN8n();

let sim: CloudBlueSimulator;

beforeAll(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 120 }).start();
});

afterAll(async () => {
	await sim?.stop();
});

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

test('the CloudBlue Commerce API credential passes n8n\'s test with both methods, and a wrong password fails it readably', async () => {
	// Saved credentials: n8n stores the fetched token in the credential, which needs its id.
	const [token, keycloak, wrong] = await n8n().importCredentials([
		{ name: 'CloudBlue Commerce API (demo)', type: 'cloudBlueCommerceApi', id: 'cloudblue-demo', data: savedCredentialData('cloudBlueCommerceApi', sim.tokenCredentials()) },
		{ name: 'CloudBlue Keycloak', type: 'cloudBlueCommerceApi', data: savedCredentialData('cloudBlueCommerceApi', sim.keycloakCredentials()) },
		{ name: 'CloudBlue wrong password', type: 'cloudBlueCommerceApi', data: savedCredentialData('cloudBlueCommerceApi', sim.tokenCredentials({ password: 'not-the-password-42' })) },
	]);
	expect(await n8n().testCredential(token.id)).toEqual({ status: 'OK', message: expect.any(String) });
	expect(await n8n().testCredential(keycloak.id)).toEqual({ status: 'OK', message: expect.any(String) });
	expect(sim.count({ path: '/auth/realms/:realm/protocol/openid-connect/token', status: 200 })).toBeGreaterThan(0);
	const failed = await n8n().testCredential(wrong.id);
	expect(failed.status).toBe('Error');
	expect(failed.message).toMatch(/username or password was refused/);
	expect(failed.message).not.toContain('not-the-password-42');
});

test('the example workflow schedules a report, waits, downloads it and splits it into the simulator\'s rows', async () => {
	const example = JSON.parse(readFileSync(path.join(__dirname, '../../examples/cloudblue-daily-rated-data.json'), 'utf8')) as {
		nodes: Array<{ name: string; type: string; typeVersion: number; parameters: JsonObject }>;
		connections: JsonObject;
	};
	// Run it by hand instead of every morning, and poll the (fast) simulator every second.
	for (const node of example.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
		if (node.name === "Schedule yesterday's report") node.parameters = { ...node.parameters, options: { pollInterval: 1, timeout: 1 } };
	}
	// The example names its credential by n8n's default name, as a user's first credential is called.
	await n8n().importCredentials([{ name: 'CloudBlue Commerce API account', type: 'cloudBlueCommerceApi', data: savedCredentialData('cloudBlueCommerceApi', sim.tokenCredentials()) }]);
	const workflow = await n8n().importWorkflow(example as unknown as JsonObject);
	const run = await n8n().runWorkflow(workflow.id, { timeoutMs: 90_000 });
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');

	const [report] = run.nodes["Schedule yesterday's report"];
	expect(report).toMatchObject({ status: 'completed', format: 'csv', name: 'Daily report' });
	const expected = sim.reportRows(String(report.id)).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));
	expect(run.nodes['Download as rows']).toEqual(expected);
	// The file was fetched from the blob link without the API's secrets.
	const [blob] = sim.find({ path: '/blob/rdecontainer/:file' });
	expect(blob.headers.authorization).toBeUndefined();
	expect(blob.headers['x-subscription-key']).toBeUndefined();
	// Convert to File made one spreadsheet of all rows.
	expect(run.nodes.Spreadsheet).toHaveLength(1);
});


/**
 * n8n refuses poll times under one minute ("The polling interval is too short. It has to be at least
 * a minute"): n8n 2.41's isSubMinuteCron rejects a 6-field cron whose seconds field is not one number
 * (so a seconds step like `0/5 * * * * *` is refused), and n8n 1.x rejects any cron whose first field contains `*` (so even
 * the 5-field `* * * * *` is refused there). `0 * * * * *` (second 0 of every minute) passes both.
 * Publishing runs one poll at once; the test then waits for two scheduled polls: 1-2 minutes.
 */
test('the polling trigger emits each new report once over several polls', async () => {
	// Real time: the seeded reports (scheduled 10 minutes ago) are completed, new ones stay
	// unfinished for 9 minutes unless the test completes them.
	const polled = await new CloudBlueSimulator({ customers: 20, reportTimings: { submittedMs: 240_000, processingMs: 300_000 }, seed: 7 }).start();
	let workflowId: string | undefined;
	try {
		const reportPolls = () => polled.count({ method: 'GET', path: '/marketplace/reports', status: 200 });
		/** Waits for the next poll to have been answered (a count above `seen`). */
		const nextPoll = async (seen: number) => {
			const until = Date.now() + 90_000;
			while (reportPolls() <= seen) {
				if (Date.now() > until) throw new Error(`no poll after poll ${seen} within 90 s`);
				await sleep(100);
			}
			await sleep(300); // a poll's requests are answered; let it finish
			return reportPolls();
		};
		/** Keeps changes away from second 0, when the next scheduled poll starts. */
		const clearOfPollStart = async () => {
			const second = new Date().getUTCSeconds();
			if (second >= 57) await sleep((62 - second) * 1000);
		};
		// Listed reports carry no id: each gets its own name, the way the test tells them apart.
		const schedule = (name: string) => {
			polled.storeReport({ name, format: 'csv', startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-01T23:59:59Z' });
			return name;
		};

		const [cred] = await n8n().importCredentials([{ name: 'CloudBlue trigger e2e', type: 'cloudBlueCommerceApi', data: savedCredentialData('cloudBlueCommerceApi', polled.tokenCredentials()) }]);
		const trigger = 'CloudBlue Commerce Trigger';
		const workflow = await n8n().importWorkflow({
			name: 'CloudBlue reports trigger e2e',
			nodes: [
				{
					id: 'cb-trigger',
					name: trigger,
					type: `${n8n().packageName}.cloudBlueCommerceTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] }, events: ['reportCompleted'], lookBackDays: 7 },
					credentials: { cloudBlueCommerceApi: { id: cred.id, name: cred.name } },
				},
			],
			connections: {},
		});
		workflowId = workflow.id;

		// Scheduled before the first poll, still processing then: it is new when it completes.
		const early = schedule('Early report');
		const completedAtStart = [...polled.reports.values()].filter((r) => polled.reportView(r).status === 'completed').length;
		expect(completedAtStart).toBe(12);
		await n8n().publishWorkflow(workflow.id);
		await nextPoll(0);

		// Poll 1 (on publishing) found the seeded completed reports: it records them and emits nothing.
		await clearOfPollStart();
		let polls = reportPolls();
		expect(await n8n().getExecutions(workflow.id)).toEqual([]);
		polled.completeAllReports();
		const second = schedule('Second report');
		polled.completeAllReports();

		// Poll 2: exactly the two reports completed since poll 1, oldest first.
		await nextPoll(polls);
		const afterPoll2 = await n8n().waitForExecutions(workflow.id, 1, 30_000);
		expect(afterPoll2).toHaveLength(1);
		const [run2] = afterPoll2;
		expect(run2.status).toBe('success');
		expect(run2.nodes[trigger].map((item) => [item.event, item.name, item.format])).toEqual([
			['reportCompleted', early, 'csv'],
			['reportCompleted', second, 'csv'],
		]);
		expect(typeof run2.nodes[trigger][0].downloadUrl).toBe('string');

		// Poll 3: only the report completed since poll 2; one still processing is not emitted.
		await clearOfPollStart();
		polls = reportPolls();
		const third = schedule('Third report');
		polled.completeAllReports();
		schedule('Still processing');
		await nextPoll(polls);
		const runs = await n8n().waitForExecutions(workflow.id, 2, 30_000);
		expect(runs).toHaveLength(2);
		const run3 = runs.find((r) => r.id !== run2.id)!;
		expect(run3.nodes[trigger].map((item) => item.name)).toEqual([third]);

		// Across all executions, every report came exactly once.
		const emitted = runs.flatMap((r) => r.nodes[trigger].map((item) => String(item.downloadUrl).split('?')[0]));
		const names = runs.flatMap((r) => r.nodes[trigger].map((item) => item.name));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(names.sort()).toEqual([early, second, third].sort());
	} finally {
		if (workflowId) await n8n().unpublishWorkflow(workflowId).catch(() => undefined);
		await polled.stop();
	}
}, 300_000);
