/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Proves the engine harness runs nodes the way n8n does: real WorkflowExecute, n8n's credential
 * flow (preAuthentication, authenticate, 401 refresh), continue-on-fail, binary data, credential
 * tests, and the webhook / webhook-method / poll runners, all over real HTTP to a simulator.
 */
import path from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { harnessLogs, readBinary, TestEngine, type WorkflowJson } from '../harness/engine';
import { EchoSimulator } from '../harness/fixtures/echo-simulator';
import { manualWorkflow, type WorkflowStep } from '../support/workflow';

const FIXTURES = path.join(__dirname, '..', 'harness', 'fixtures');
const ECHO_WORKFLOW = path.join(FIXTURES, 'workflows', 'echo.workflow.json');
const ECHO = 'harness-fixtures.echoTest';
const TRIGGER = 'harness-fixtures.echoTestTrigger';
const POLL_TRIGGER = 'harness-fixtures.echoTestPollTrigger';

const engine = new TestEngine({ packages: [{ packageName: 'harness-fixtures', directory: FIXTURES }] });
let sim: EchoSimulator;

function echoCredentials(overrides: ICredentialDataDecryptedObject = {}) {
	return {
		echoTestApi: {
			baseUrl: sim.url,
			clientId: EchoSimulator.clientId,
			clientSecret: EchoSimulator.clientSecret,
			...overrides,
		} as ICredentialDataDecryptedObject,
	};
}

/** manualTrigger → the given nodes, chained in order. */
const chain = (...steps: WorkflowStep[]) => manualWorkflow(steps);

beforeEach(async () => {
	sim = await new EchoSimulator().start();
});

afterEach(async () => {
	await sim.stop();
});

describe('loading', () => {
	it('registers fixture types under their package name, plus the n8n-nodes-base stand-ins', async () => {
		const names = await engine.nodeTypeNames();
		expect(names).toEqual(expect.arrayContaining([ECHO, TRIGGER, POLL_TRIGGER, 'n8n-nodes-base.manualTrigger', 'n8n-nodes-base.noOp']));
		expect(engine.loadErrors.filter(({ file }) => file.startsWith(FIXTURES))).toEqual([]);
	});

	it('names the known types when a workflow uses an unknown one', async () => {
		await expect(engine.runWorkflow({ workflow: chain({ name: 'X', type: 'harness-fixtures.nope' }) })).rejects.toThrow(
			/Unknown node type "harness-fixtures.nope"\. Known: .*harness-fixtures.echoTest/,
		);
	});
});

describe('runWorkflow', () => {
	it('runs a workflow JSON from its manual trigger and returns items with pairedItem', async () => {
		const credentials = echoCredentials();
		const run = await engine.runWorkflow({
			workflow: ECHO_WORKFLOW,
			credentials,
			inputItems: [{ id: 1 }, { json: { id: 2 } }],
		});

		expect(run.status).toBe('success');
		expect(run.executedNodes).toEqual(["When clicking 'Execute workflow'", 'Echo Test']);
		const items = run.output('Echo Test');
		expect(items).toEqual([
			{
				json: { message: '1-echo', item: { id: 1 }, authorization: 'Bearer tok-1', clientId: 'client-1' },
				pairedItem: { item: 0 },
			},
			{
				json: { message: '2-echo', item: { id: 2 }, authorization: 'Bearer tok-1', clientId: 'client-1' },
				pairedItem: { item: 1 },
			},
		]);
		expect(run.lastNodeOutput).toBe(items);
		expect(run.staticData).toMatchObject({ global: { calls: 2 } });
		expect(harnessLogs().some((entry) => entry.message === 'Echo Test echoed an item')).toBe(true);
	});

	it('runs the manual trigger itself when no input items are given (one empty item)', async () => {
		const run = await engine.runWorkflow({ workflow: ECHO_WORKFLOW, credentials: echoCredentials() });
		expect(run.status).toBe('success');
		expect(run.output("When clicking 'Execute workflow'")).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
		expect(run.output('Echo Test')).toHaveLength(1);
		expect(run.output('Echo Test')[0].json.message).toBe('-echo');
	});

	it('sends the credential authenticate headers to the simulator', async () => {
		await engine.runWorkflow({ workflow: ECHO_WORKFLOW, credentials: echoCredentials(), inputItems: [{ id: 1 }] });
		const [echo] = sim.find({ method: 'POST', path: '/echo' });
		expect(echo.headers.authorization).toBe('Bearer tok-1');
		expect(echo.headers['x-client-id']).toBe('client-1');
	});

	it('runs preAuthentication once, stores the token, reuses it, and refreshes it after a 401', async () => {
		const credentials = echoCredentials();

		await engine.runWorkflow({ workflow: ECHO_WORKFLOW, credentials, inputItems: [{ id: 1 }, { id: 2 }] });
		expect(sim.count({ path: '/token' })).toBe(1);
		expect(credentials.echoTestApi.sessionToken).toBe('tok-1');

		// A later execution reads the stored token: no new token request.
		await engine.runWorkflow({ workflow: ECHO_WORKFLOW, credentials, inputItems: [{ id: 3 }] });
		expect(sim.count({ path: '/token' })).toBe(1);

		sim.expireTokens();
		const run = await engine.runWorkflow({ workflow: ECHO_WORKFLOW, credentials, inputItems: [{ id: 4 }] });
		expect(run.status).toBe('success');
		expect(sim.count({ path: '/echo', status: 401 })).toBe(1);
		expect(sim.count({ path: '/token' })).toBe(2);
		expect(credentials.echoTestApi.sessionToken).toBe('tok-2');
		expect(run.output('Echo Test')[0].json.authorization).toBe('Bearer tok-2');
	});

	it('fills in what an exported node may leave out: id, position, typeVersion, parameters', async () => {
		const workflow: WorkflowJson = {
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
				{ name: 'Echo', type: ECHO, parameters: { message: 'x' } },
			],
			connections: { Start: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
		};
		const run = await engine.runWorkflow({ workflow, credentials: echoCredentials() });
		expect(run.status).toBe('success');
		expect(run.output('Echo')).toHaveLength(1);
		expect(workflow.nodes[1].typeVersion).toBeUndefined(); // the caller's object is left as it was
	});

	it('fails the run with n8n’s NodeApiError when a request fails', async () => {
		const workflow = chain({ name: 'Echo', type: ECHO, parameters: { message: 'x' } });
		const run = await engine.runWorkflow({ workflow, credentials: echoCredentials(), inputItems: [{ id: 1, fail: true }] });
		expect(run.status).toBe('error');
		expect(run.error?.name).toBe('NodeApiError');
		// n8n's NodeApiError maps the 422 to its standard message and keeps the provider's in `description`.
		expect(run.error).toMatchObject({
			message: 'Your request is invalid or could not be processed by the service',
			description: 'Item 1 cannot be echoed',
			httpCode: '422',
		});
	});

	it('yields an error item with pairedItem when the node continues on fail', async () => {
		const workflow = chain({ name: 'Echo', type: ECHO, parameters: { message: 'x' }, continueOnFail: true });
		const run = await engine.runWorkflow({
			workflow,
			credentials: echoCredentials(),
			inputItems: [{ id: 1 }, { id: 2, fail: true }],
		});
		expect(run.status).toBe('success');
		const [ok, failed] = run.output('Echo');
		expect(ok).toMatchObject({ json: { item: { id: 1 } }, pairedItem: { item: 0 } });
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json).toEqual({ error: 'Your request is invalid or could not be processed by the service' });
	});

	it('runs declarative nodes through n8n’s RoutingNode with the same credential flow', async () => {
		const workflow = chain({ name: 'Declarative', type: 'harness-fixtures.echoDeclarative', parameters: { message: '={{ $json.id * 10 }}' } });
		const run = await engine.runWorkflow({ workflow, credentials: echoCredentials(), inputItems: [{ id: 4 }, { id: 5 }] });
		expect(run.status).toBe('success');
		expect(run.output('Declarative')).toEqual([
			{ json: expect.objectContaining({ message: 40, authorization: expect.stringMatching(/^Bearer tok-/) }), pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ message: 50, authorization: expect.stringMatching(/^Bearer tok-/) }), pairedItem: { item: 1 } },
		]);
		// RoutingNode sends all items' requests at once, so with no stored token each one runs
		// preAuthentication: n8n does the same on a credential's first use.
		expect(sim.count({ path: '/token' })).toBe(2);
	});

	it('stores downloaded files as n8n binary data and streams them back out', async () => {
		const workflow = chain(
			{ name: 'Download', type: ECHO, parameters: { operation: 'download' } },
			{ name: 'Upload', type: ECHO, parameters: { operation: 'upload' } },
		);
		const run = await engine.runWorkflow({ workflow, credentials: echoCredentials() });

		expect(run.status).toBe('success');
		const [downloaded] = run.output('Download');
		expect(downloaded.binary?.data).toMatchObject({
			mimeType: 'text/csv',
			fileName: 'report.csv',
			bytes: EchoSimulator.csv.length,
		});
		expect(downloaded.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect((await readBinary(downloaded.binary!.data)).toString()).toBe(EchoSimulator.csv);
		expect(run.output('Upload')[0].json).toEqual({
			bytes: EchoSimulator.csv.length,
			contentType: 'text/csv',
			text: EchoSimulator.csv,
		});
	});

	it('reads binary data that arrives inline (no stored id) with getBinaryDataBuffer', async () => {
		const workflow = chain({ name: 'Upload', type: ECHO, parameters: { operation: 'upload' } });
		const text = 'inline file';
		const run = await engine.runWorkflow({
			workflow,
			credentials: echoCredentials(),
			inputItems: [
				{ json: {}, binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/plain', fileName: 'a.txt' } } },
			],
		});
		expect(run.status).toBe('success');
		expect(run.output('Upload')[0].json).toEqual({ bytes: text.length, contentType: 'text/plain', text });
	});
});

describe('testCredential', () => {
	it('is OK when the test request succeeds after preAuthentication', async () => {
		expect(await engine.testCredential('echoTestApi', echoCredentials().echoTestApi)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sim.count({ path: '/token' })).toBe(1);
		expect(sim.find({ path: '/me' })[0].headers.authorization).toBe('Bearer tok-1');
	});

	it('runs preAuthentication even when a token is stored, as n8n does for tests', async () => {
		const data = echoCredentials({ sessionToken: 'stale' }).echoTestApi;
		expect((await engine.testCredential('echoTestApi', data)).status).toBe('OK');
		expect(sim.count({ path: '/token' })).toBe(1);
		expect(data.sessionToken).toBe('stale');
	});

	it('is an Error when authentication fails', async () => {
		const result = await engine.testCredential('echoTestApi', echoCredentials({ clientSecret: 'wrong' }).echoTestApi);
		// The token request fails with 401; n8n reports the status text.
		expect(result).toEqual({ status: 'Error', message: 'Unauthorized' });
	});

	it('applies responseSuccessBody rules', async () => {
		sim.accountStatus = 'suspended';
		expect(await engine.testCredential('echoTestApi', echoCredentials().echoTestApi)).toEqual({
			status: 'Error',
			message: 'This account is suspended',
		});
	});

	it('reports an unreachable host by its error code', async () => {
		const result = await engine.testCredential('echoTestApi', echoCredentials({ baseUrl: 'http://127.0.0.1:9' }).echoTestApi);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('webhook triggers', () => {
	const node = { type: TRIGGER, name: 'Echo Trigger', webhookId: 'hook-path-id', parameters: { event: 'report.ready' } };

	async function register(staticData: IDataObject, credentials = echoCredentials()) {
		return await engine.runWebhookMethod({ node, method: 'create', credentials, staticData });
	}

	it('runs checkExists / create / delete with persistent node static data', async () => {
		const staticData: IDataObject = {};
		const credentials = echoCredentials();

		expect((await engine.runWebhookMethod({ node, method: 'checkExists', credentials, staticData })).result).toBe(false);

		const created = await register(staticData, credentials);
		expect(created.result).toBe(true);
		expect(created.webhookUrl).toBe('http://127.0.0.1:5678/webhook/hook-path-id/webhook');
		expect(staticData).toEqual({ webhookId: 'hook-1', secret: expect.stringMatching(/^[0-9a-f]{32}$/) });
		expect(sim.webhooks.get('hook-1')).toMatchObject({ url: created.webhookUrl, event: 'report.ready' });

		expect((await engine.runWebhookMethod({ node, method: 'checkExists', credentials, staticData })).result).toBe(true);
		const unnamed = await engine.runWebhookMethod({ node: { type: TRIGGER }, method: 'checkExists', credentials, staticData: {} });
		expect(unnamed.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect((await engine.runWebhookMethod({ node: { type: TRIGGER }, method: 'checkExists', credentials, staticData: {} })).webhookUrl).toBe(
			unnamed.webhookUrl,
		);

		await engine.runWebhookMethod({ node, method: 'delete', credentials, staticData });
		expect(staticData).toEqual({});
		expect(sim.webhooks.size).toBe(0);
	});

	it('passes a signed request to webhook() and answers like n8n for onReceived', async () => {
		const staticData: IDataObject = {};
		await register(staticData);
		const rawBody = JSON.stringify({ event: 'report.ready', reportId: 'r-1' });

		const hit = await engine.runWebhook({
			node,
			credentials: echoCredentials(),
			staticData,
			request: {
				headers: { 'Content-Type': 'application/json', 'X-Echo-Signature': EchoSimulator.sign(staticData.secret as string, rawBody) },
				rawBody,
			},
		});
		expect(hit.workflowData).toEqual([[{ json: { event: 'report.ready', reportId: 'r-1' } }]]);
		expect(hit.response).toEqual({
			statusCode: 200,
			headers: {},
			body: { message: 'Workflow was started' },
			sentByNode: false,
		});
	});

	it('returns what the node sent itself when it rejects the request', async () => {
		const staticData: IDataObject = {};
		await register(staticData);
		const hit = await engine.runWebhook({
			node,
			credentials: echoCredentials(),
			staticData,
			request: { headers: { 'x-echo-signature': 'forged' }, body: { event: 'report.ready' } },
		});
		expect(hit.result).toEqual({ noWebhookResponse: true });
		expect(hit.response).toMatchObject({ statusCode: 401, body: 'Invalid signature', sentByNode: true });
		expect(hit.workflowData).toBeUndefined();
	});

	it('acknowledges filtered events without starting a run', async () => {
		const staticData: IDataObject = {};
		await register(staticData);
		const body = { event: 'report.failed' };
		const hit = await engine.runWebhook({
			node,
			credentials: echoCredentials(),
			staticData,
			request: { headers: { 'x-echo-signature': EchoSimulator.sign(staticData.secret as string, JSON.stringify(body)) }, body },
		});
		expect(hit.result).toEqual({});
		expect(hit.response).toMatchObject({ statusCode: 200, body: { message: 'Webhook call received' } });
	});

	it('can run the rest of the workflow with what webhook() returned', async () => {
		const staticData: IDataObject = {};
		const credentials = echoCredentials();
		await register(staticData, credentials);
		const workflow: WorkflowJson = {
			nodes: [
				node,
				{ name: 'Echo', type: ECHO, parameters: { message: '={{ $json.reportId }}' } },
			],
			connections: { 'Echo Trigger': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
		};
		const body = { event: 'report.ready', reportId: 'r-9' };
		const hit = await engine.runWebhook({
			node: 'Echo Trigger',
			workflow,
			credentials,
			staticData,
			execute: true,
			request: { headers: { 'x-echo-signature': EchoSimulator.sign(staticData.secret as string, JSON.stringify(body)) }, body },
		});
		expect(hit.execution?.status).toBe('success');
		expect(hit.execution?.output('Echo')).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ message: 'r-9' }), pairedItem: { item: 0 } }),
		]);
	});
});

describe('polling triggers', () => {
	it('calls poll() with static data that persists between polls', async () => {
		const staticData: IDataObject = {};
		const credentials = echoCredentials();
		const node = { type: POLL_TRIGGER };
		sim.events.push({ id: 1, event: 'report.ready' }, { id: 2, event: 'report.ready' });

		const first = await engine.runPoll({ node, credentials, staticData });
		expect(first.items).toEqual([[{ json: { id: 1, event: 'report.ready' } }, { json: { id: 2, event: 'report.ready' } }]]);
		expect(staticData).toEqual({ lastId: 2 });

		expect((await engine.runPoll({ node, credentials, staticData })).items).toBeNull();

		sim.events.push({ id: 3, event: 'report.ready' });
		const third = await engine.runPoll({ node, credentials, staticData });
		expect(third.items).toEqual([[{ json: { id: 3, event: 'report.ready' } }]]);
		expect(sim.find({ path: '/events' }).map((request) => request.query.since)).toEqual(['0', '2', '2']);
		expect(sim.count({ path: '/token' })).toBe(1);
	});
});

describe('simulator', () => {
	it('serves injected faults before routes and logs statuses', async () => {
		sim.injectFault({ method: 'GET', path: '/me', status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow_down' } });
		const first = await fetch(`${sim.url}/me?x=1&x=2`);
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('1');
		expect((await fetch(`${sim.url}/me`)).status).toBe(401);
		expect(sim.count({ status: 429 })).toBe(1);
		expect(sim.find({ path: '/me' })[0].query).toEqual({ x: ['1', '2'] });
	});

	it('caps JSON bodies and rejects invalid JSON', async () => {
		const big = await fetch(`${sim.url}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
		});
		expect(big.status).toBe(413);
		const invalid = await fetch(`${sim.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
		expect(invalid.status).toBe(400);
	});

	it('scales provider delays by timeScale', async () => {
		sim.timeScale = 0.001;
		const started = Date.now();
		await sim.delay(60_000);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
