/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Trust in a real n8n: the packed package installed as a user installs it, the credential tested by
 * n8n's own tester, the example workflow creating ONE campaign from items, the simulator delivering
 * it, and the statistics read back and checked against the simulator's ground truth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { manualWorkflow } from '../support/workflow';
import { useN8n, type JsonObject } from './harness/n8n';
import { DEFAULT_CLIENT, TrustSimulator } from '../../dev/simulators/trust/server';

// Jest sets NODE_ENV=test, with which n8n 2.41 exits silently at start-up: run it as production.
const n8n = useN8n({ env: { NODE_ENV: 'production' } });

let sim: TrustSimulator;

beforeAll(async () => {
	sim = await new TrustSimulator({ timeScale: 0.001 }).start();
});

afterAll(async () => {
	await sim?.stop();
});

function credentialData(overrides: JsonObject = {}): JsonObject {
	return {
		environment: 'custom',
		apiUrl: sim.url,
		ateneaUrl: sim.url,
		clientId: DEFAULT_CLIENT.clientId,
		clientSecret: DEFAULT_CLIENT.clientSecret,
		defaultCompanyId: '1',
		...overrides,
	};
}

function statisticsWorkflow(companyId: string): JsonObject {
	return manualWorkflow(
		{
			name: 'Statistics',
			type: 'n8n-nodes-reporting.trust',
			parameters: { resource: 'statistics', operation: 'get', companyId, simplify: false },
			credentials: { trustApi: { id: 'trust-demo', name: 'Trust API (demo)' } },
		},
		{ name: 'Trust statistics (e2e)' },
	);
}

test('the Trust API credential passes n8n\'s test, and a wrong secret fails it readably', async () => {
	const [cred] = await n8n().importCredentials([{ name: 'Trust API (demo)', type: 'trustApi', id: 'trust-demo', data: credentialData() }]);
	expect(await n8n().testCredential(cred.id)).toEqual({ status: 'OK', message: expect.any(String) });
	const wrong = await n8n().testCredential({ type: 'trustApi', data: credentialData({ clientSecret: 'nope-not-the-secret' }) });
	expect(wrong.status).toBe('Error');
	expect(wrong.message).toMatch(/Atenea/);
	expect(wrong.message).not.toContain('nope-not-the-secret');
	// The API URL is proven too: a right Atenea with a wrong API URL fails, naming the API URL.
	const wrongApi = await n8n().testCredential({ type: 'trustApi', data: credentialData({ apiUrl: 'http://127.0.0.1:9' }) });
	expect(wrongApi).toEqual({ status: 'Error', message: 'The connection was refused at http://127.0.0.1:9/campaigns/api/v1/company/1/statistics: check the API URL.' });
});

test('the example workflow makes ONE campaign from the items, Trust delivers it, and the statistics add up', async () => {
	const example = JSON.parse(readFileSync(path.join(__dirname, '../../examples/trust-campaign-statistics.json'), 'utf8')) as {
		nodes: Array<{ name: string; parameters: JsonObject; credentials?: JsonObject }>;
	};
	// The simulator delivers in milliseconds: one second of waiting is plenty.
	const wait = example.nodes.find((n) => n.name === 'Let Trust deliver it')!;
	wait.parameters = { ...wait.parameters, amount: 1 };
	// The example's devices belong to the demo company; the simulator's client owns company 1.
	const before = sim.statistics('1');
	const campaigns = sim.campaigns.length;

	const workflow = await n8n().importWorkflow(example as unknown as JsonObject);
	const run = await n8n().runWorkflow(workflow.id, { timeoutMs: 90_000 });
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');

	expect(sim.campaigns.length).toBe(campaigns + 1);
	const body = sim.campaignBodies.at(-1) as { notifications: Array<{ trust_id: string; variables: JsonObject }>; company_id: string };
	expect(body.notifications).toHaveLength(5);
	expect(body.notifications[0]).toEqual({ trust_id: 'device-1001-17', variables: { first_name: 'Camila', points: 1200 } });
	expect(body.company_id).toBe('1');
	expect(run.nodes['Create campaign']).toEqual([expect.objectContaining({ name: 'Points reminder', company_id: '1', uuid: expect.any(String) })]);

	const [stats] = run.nodes['Statistics of the last 7 days'];
	const truth = sim.statistics('1');
	expect(truth.total).toBe(before.total + 5);
	expect(truth.pending).toBe(0);
	// Each sent message counted once, in its current state (the documented reading).
	const delivered = truth.actions.RECEIVED! + truth.actions.PRESS_ACTION!;
	expect(stats).toMatchObject({
		company_id: '1',
		campaign: truth.campaign,
		total: truth.total,
		sent: truth.sended,
		pending: 0,
		failed: truth.fails,
		delivered,
		received: truth.actions.RECEIVED,
		pressed: truth.actions.PRESS_ACTION,
		closed: null,
		counters_reading: 'exclusive',
	});
	expect(stats.delivery_rate).toBeCloseTo(delivered / truth.sended, 4);
	expect(stats.press_rate).toBeCloseTo(truth.actions.PRESS_ACTION! / delivered, 4);

	// The raw statistics of another company equal the simulator's counts too.
	const other = await n8n().importWorkflow(statisticsWorkflow('2'));
	const raw = await n8n().runWorkflow(other.id);
	expect(raw.nodes.Statistics).toEqual([{ company_id: '2', ...sim.statistics('2') }]);
});

test('a version-2 node with a picked Message ID creates the campaign, and a date range is checked and labelled', async () => {
	const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
	const message = sim.campaigns.find((c) => c.company_id === '1')!.message_id;
	const workflow = {
		name: 'Trust pickers and range (e2e)',
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c',
				name: 'Create',
				type: 'n8n-nodes-reporting.trust',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					resource: 'campaign',
					operation: 'create',
					messageId: { __rl: true, mode: 'list', value: message, cachedResultName: 'Campaign 1' },
					applicationName: 'com.trust.demo',
					name: 'Picked message',
					trustId: 'device-e2e-1',
				},
				credentials: { trustApi: { id: 'trust-demo', name: 'Trust API (demo)' } },
			},
			{
				id: 'r',
				name: 'Range',
				type: 'n8n-nodes-reporting.trust',
				typeVersion: 2,
				position: [440, 0],
				parameters: { resource: 'statistics', operation: 'get', companyId: '1', period: 'range', fromDate: day(-25), untilDate: day(-9) },
				credentials: { trustApi: { id: 'trust-demo', name: 'Trust API (demo)' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
			Create: { main: [[{ node: 'Range', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	const imported = await n8n().importWorkflow(workflow as unknown as JsonObject);
	const run = await n8n().runWorkflow(imported.id);
	expect(run.error).toBeUndefined();
	expect(sim.campaignBodies.at(-1)).toMatchObject({ message_id: message, name: 'Picked message', notifications: [{ trust_id: 'device-e2e-1', variables: {} }] });
	expect(run.nodes.Range).toEqual([
		expect.objectContaining({
			period: 'range',
			from_date: day(-25),
			until_date: day(-9),
			range_applied: true,
			total: sim.statistics('1', { from: day(-25), until: day(-9) }).total,
		}),
	]);
});
