/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * A 401 stays a 401 (n8n-core's real httpRequestWithAuthentication): n8n sends a request that
 * answered 401 once more by itself, also for credentials without a token to refresh, outside any
 * pacing. The shared layer reads statuses itself for those, and for credentials that do refresh
 * their token the second send stays inside the request's pacer slot.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestHelper } from 'n8n-workflow';

import type { ProviderProfile } from '../../../nodes/shared/http';
import { TestEngine } from '../../harness/engine';
import { json, startServer, type LocalServer } from '../../unit/shared/local-server';
import { callWorkflow, PROVIDER_CALL_TYPE, providerCallNode } from './provider-call';

const staticKey: ICredentialType = {
	name: 'staticKeyApi',
	displayName: 'Static Key API',
	properties: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' },
	],
	authenticate: { type: 'generic', properties: { headers: { 'Secret-Token': '={{$credentials.key}}' } } },
};

const tokenFetching: ICredentialType = {
	name: 'tokenFetchingApi',
	displayName: 'Token Fetching API',
	properties: [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	],
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const answer = (await this.helpers.httpRequest({ method: 'POST', url: `${String(credentials.baseUrl)}/token`, body: { secret: credentials.secret }, json: true })) as {
			token: string;
		};
		return { token: answer.token };
	},
	authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } },
};

const INTERVAL = 300;
const profiles: Record<string, ProviderProfile> = {
	static: { displayName: 'Static API', credentialType: 'staticKeyApi', baseUrlField: 'baseUrl', minIntervalMs: INTERVAL, secretFields: ['key'], accountFields: ['baseUrl', 'key'] },
	refreshing: {
		displayName: 'Refreshing API',
		credentialType: 'tokenFetchingApi',
		baseUrlField: 'baseUrl',
		minIntervalMs: INTERVAL,
		refreshTokenOn401: true,
		secretFields: ['secret', 'token'],
		accountFields: ['baseUrl', 'secret'],
	},
};

const engine = new TestEngine({
	nodeTypes: { [PROVIDER_CALL_TYPE]: providerCallNode(profiles, ['staticKeyApi', 'tokenFetchingApi']) },
	credentialTypes: [staticKey, tokenFetching],
});

let server: LocalServer;
let issued = 0;
beforeEach(async () => {
	issued = 0;
	server = await startServer((req, res) => {
		if (req.url === '/token') return json(res, 200, { token: `tok-${++issued}` });
		if (req.url === '/me' && req.headers.authorization === `Bearer tok-${issued}` && issued > 0) return json(res, 200, { me: true });
		json(res, 401, { message: 'Unauthenticated' });
	});
});
afterEach(async () => await server.close());

describe('a credential without token refresh', () => {
	it('is refused once: one request, "answered 401" and its hint, however many attempts are allowed', async () => {
		const run = await engine.runWorkflow({
			workflow: callWorkflow('static', '/me'),
			credentials: { staticKeyApi: { baseUrl: server.url, key: 'wrong-key-123456' } },
			inputItems: [{}, {}],
		});
		expect(run.status).toBe('success');
		const [first, second] = run.output('Call').map((item) => item.json);
		expect(first).toMatchObject({ error: 'Static API answered 401: Unauthenticated', httpCode: '401' });
		expect(first.description).toMatch(/credential was not accepted/);
		expect(second.error).toBe('Static API answered 401: Unauthenticated');
		// Two items, one request each, an interval apart: no second send of n8n's, no 429 from a strict API.
		const calls = server.requests.filter((r) => r.url === '/me');
		expect(calls).toHaveLength(2);
		expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(INTERVAL);
	});
});

describe('a credential that fetches its token', () => {
	it('gets a new token on 401 and sends again inside the same slot; the next request waits its interval', async () => {
		const credentials = { tokenFetchingApi: { baseUrl: server.url, secret: 's3cret-value', token: 'stale-token' } };
		const run = await engine.runWorkflow({ workflow: callWorkflow('refreshing', '/me'), credentials, inputItems: [{}, {}] });
		expect(run.output('Call').map((item) => item.json)).toEqual([{ me: true }, { me: true }]);
		expect(credentials.tokenFetchingApi.token).toBe('tok-1');
		const calls = server.requests.filter((r) => r.url === '/me');
		expect(calls.map((r) => r.headers.authorization)).toEqual(['Bearer stale-token', 'Bearer tok-1', 'Bearer tok-1']);
		// n8n's second send of item 0 follows its token request; item 1 waits a full interval after it.
		expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(INTERVAL);
	});

	it('reports a 401 that a fresh token does not fix as the 401, after one attempt', async () => {
		await server.close();
		server = await startServer((req, res) => {
			if (req.url === '/token') return json(res, 200, { token: `tok-${++issued}` });
			json(res, 401, { message: 'Account disabled' });
		});
		const run = await engine.runWorkflow({
			workflow: callWorkflow('refreshing', '/me'),
			credentials: { tokenFetchingApi: { baseUrl: server.url, secret: 's3cret-value', token: '' } },
		});
		const [result] = run.output('Call').map((item) => item.json);
		expect(result).toMatchObject({ error: 'Refreshing API answered 401: Account disabled', httpCode: '401' });
		expect(server.requests.filter((r) => r.url === '/me')).toHaveLength(2);
	});
});

describe("n8n's own behaviour this guards against", () => {
	it('sends a request that answered 401 twice, even for a static key', async () => {
		const plain = new TestEngine({
			nodeTypes: {
				'test.plainCall': {
					description: { ...providerCallNode({}, ['staticKeyApi']).description, name: 'plainCall' },
					async execute(this: import('n8n-workflow').IExecuteFunctions) {
						const credentials = await this.getCredentials('staticKeyApi');
						await this.helpers
							.httpRequestWithAuthentication.call(this, 'staticKeyApi', { url: `${String(credentials.baseUrl)}/me`, json: true })
							.catch(() => undefined);
						return [[{ json: {} }]];
					},
				},
			},
			credentialTypes: [staticKey],
		});
		await plain.runWorkflow({
			workflow: { nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, { name: 'Plain', type: 'test.plainCall' }], connections: { Start: { main: [[{ node: 'Plain', type: 'main', index: 0 }]] } } },
			credentials: { staticKeyApi: { baseUrl: server.url, key: 'wrong-key-123456' } },
		});
		expect(server.requests.filter((r) => r.url === '/me')).toHaveLength(2);
	});
});
