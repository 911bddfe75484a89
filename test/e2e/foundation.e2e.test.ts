/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Foundation checks against a real n8n (dev/n8n/runtime): the packed package loads like a user's
 * install, its declared node and credential types appear, and workflows run end to end (manual run,
 * production webhook, credential test). Provider e2e tests build on the same harness.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { manualWorkflow } from '../support/workflow';
import { declaredTypes, useN8n } from './harness/n8n';

const n8n = useN8n();

describe('real n8n with the packed package', () => {
	test('starts with the package installed in the community-packages folder', () => {
		const instance = n8n();
		expect(instance.version).toMatch(/^\d+\.\d+\.\d+/);
		expect(instance.packageName).toBe('n8n-nodes-reporting');
		const installed = join(instance.userFolder, '.n8n', 'nodes', 'node_modules', instance.packageName, 'package.json');
		expect(existsSync(installed)).toBe(true);
	});

	test('every node and credential type declared in package.json is loaded, under n8n-nodes-reporting.*', async () => {
		const declared = declaredTypes();
		const loaded = await n8n().listNodeTypes();
		const names = new Set(loaded.map((t) => t.name));
		for (const name of declared.nodes) expect(names).toContain(name);
		// nothing else: n8n adds only the `<name>Tool` variant of nodes that are usableAsTool
		const declaredSet = new Set(declared.nodes);
		const undeclared = [...names].filter(
			(name) => !declaredSet.has(name) && !(name.endsWith('Tool') && declaredSet.has(name.slice(0, -4))),
		);
		expect(undeclared).toEqual([]);

		const credentialTypes = new Set((await n8n().listCredentialTypes()).map((t) => t.name));
		for (const name of declared.credentials) expect(credentialTypes).toContain(name);
	});

	test('a workflow runs end to end (Manual Trigger -> Set)', async () => {
		const wf = await n8n().importWorkflow(
			manualWorkflow(
				{
					name: 'Set',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					parameters: {
						assignments: {
							assignments: [
								{ id: 'a', name: 'hello', value: 'world', type: 'string' },
								{ id: 'b', name: 'sum', value: '={{ 1 + 2 }}', type: 'number' },
							],
						},
						options: {},
					},
				},
				{ name: 'e2e foundation: manual run' },
			),
		);

		const run = await n8n().runWorkflow(wf.id);

		expect(run.status).toBe('success');
		expect(run.mode).toBe('manual');
		expect(run.nodes.Set).toEqual([{ hello: 'world', sum: 3 }]);
		expect(run.error).toBeUndefined();
	});

	test('a published Webhook workflow answers on its production URL and its execution is readable', async () => {
		const path = `e2e-foundation-${randomUUID()}`;
		const wf = await n8n().importWorkflow({
			name: 'e2e foundation: production webhook',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Echo',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [220, 0],
					parameters: {
						assignments: { assignments: [{ id: 'a', name: 'echo', value: '={{ $json.body.ping }}', type: 'string' }] },
						options: {},
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
		});

		await n8n().publishWorkflow(wf.id);
		const response = await fetch(n8n().webhookUrl(path), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ping: 'pong' }),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ echo: 'pong' });

		const [execution] = await n8n().waitForExecutions(wf.id, 1);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(execution.nodes.Webhook[0]).toMatchObject({ body: { ping: 'pong' } });
		expect(execution.nodes.Echo).toEqual([{ echo: 'pong' }]);

		await n8n().unpublishWorkflow(wf.id);
	});

	describe("n8n's own credential test", () => {
		let server: Server;
		let baseUrl: string;

		beforeAll(async () => {
			// Grafana's built-in credential tests GET <baseUrl>/api/folders with a bearer token.
			server = createServer((req, res) => {
				const ok = req.url === '/api/folders' && req.headers.authorization === 'Bearer good-token';
				res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
				res.end(ok ? '[]' : '{"message":"Unauthorized"}');
			});
			await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
			baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
		});

		afterAll(async () => {
			server.closeAllConnections();
			await new Promise<void>((r) => server.close(() => r()));
		});

		test('a stored credential passes, wrong data fails', async () => {
			const [good] = await n8n().importCredentials([{ name: 'grafana good', type: 'grafanaApi', data: { apiKey: 'good-token', baseUrl } }]);
			expect(await n8n().testCredential(good.id)).toEqual({ status: 'OK', message: expect.any(String) });
			const bad = await n8n().testCredential({ type: 'grafanaApi', data: { apiKey: 'wrong', baseUrl } });
			expect(bad.status).toBe('Error');
		});
	});
});
