/**
 * CloudBlue Commerce in a real n8n: the packed package installed as a user installs it, the
 * credential tested by n8n's own tester (both token methods, and a readable failure), and the
 * example workflow scheduling a rated data report, waiting for it, downloading it and splitting it
 * into items that equal the simulator's data, then turning them into a spreadsheet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { useN8n, type JsonObject } from './harness/n8n';
import { CloudBlueSimulator } from '../simulators/cloudblue/server';

const n8n = useN8n();

let sim: CloudBlueSimulator;

beforeAll(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 120 }).start();
});

afterAll(async () => {
	await sim?.stop();
});

/** Credential data as a user saves it: without the hidden token field n8n fills in itself. */
function saved(data: Record<string, unknown>): JsonObject {
	const { accessToken: _token, ...rest } = data;
	if (process.env.N8N_E2E_FLAVOR !== 'n8n1') return rest;
	// n8n 1.x's public API builds one if/else from all displayOptions of a credential: it wants the
	// domain choice explicitly, and Marketplace only with the Keycloak method (the editor does not).
	const { marketplace, ...others } = rest;
	return { ...others, allowedHttpRequestDomains: 'all', ...(rest.authentication === 'oAuth2Password' ? { marketplace: marketplace ?? '' } : {}) };
}

test('the CloudBlue Commerce API credential passes n8n\'s test with both methods, and a wrong password fails it readably', async () => {
	// Saved credentials: n8n stores the fetched token in the credential, which needs its id.
	const [token, keycloak, wrong] = await n8n().importCredentials([
		{ name: 'CloudBlue Commerce API (demo)', type: 'cloudBlueCommerceApi', id: 'cloudblue-demo', data: saved(sim.tokenCredentials()) },
		{ name: 'CloudBlue Keycloak', type: 'cloudBlueCommerceApi', data: saved(sim.keycloakCredentials()) },
		{ name: 'CloudBlue wrong password', type: 'cloudBlueCommerceApi', data: saved(sim.tokenCredentials({ password: 'not-the-password-42' })) },
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

