/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * No credential to another host, for each credential type of this package, through n8n-core's real
 * httpRequestWithAuthentication (preAuthentication, authenticate, its outbound client): a redirect
 * to another origin fails before anything is sent there, one to the same origin is followed with
 * the credential. A second local server on another port stands for the other host and records
 * what reaches it.
 *
 * The profiles below mirror the providers' (credential type, base URL field, token refresh); the
 * provider transports are being converted separately, so the test does not import them.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ProviderProfile } from '../../../nodes/shared/http';
import { TestEngine } from '../../harness/engine';
import { json, startServer, type LocalServer } from '../../unit/shared/local-server';
import { callWorkflow, PROVIDER_CALL_TYPE, providerCallNode } from './provider-call';

interface Case {
	credentialType: string;
	profile: Omit<ProviderProfile, 'credentialType'>;
	credentials: (api: LocalServer) => ICredentialDataDecryptedObject;
	/** Request headers that carry the credential. */
	secretHeaders: string[];
}

const CASES: Case[] = [
	{
		credentialType: 'fourYouSeeApi',
		profile: { displayName: '4YouSee Manager', baseUrlField: 'baseUrl', secretFields: ['secretToken'], accountFields: ['baseUrl', 'secretToken'] },
		credentials: (api) => ({ baseUrl: `${api.url}/v1`, secretToken: 'fys-secret-token-0001' }),
		secretHeaders: ['secret-token'],
	},
	{
		credentialType: 'cloudBlueCommerceApi',
		profile: {
			displayName: 'CloudBlue Commerce',
			baseUrlField: 'baseUrl',
			refreshTokenOn401: true,
			secretFields: ['subscriptionKey', 'password', 'accessToken'],
			accountFields: ['baseUrl', 'username', 'subscriptionKey'],
		},
		credentials: (api) => ({
			baseUrl: `${api.url}/marketplace`,
			subscriptionKey: 'cb-subscription-key-0002',
			authentication: 'token',
			username: 'api-user',
			password: 'cb-password-0002',
			marketplace: 'us',
			accessToken: '',
		}),
		secretHeaders: ['authorization', 'x-subscription-key'],
	},
	{
		credentialType: 'trustApi',
		profile: {
			displayName: 'Trust',
			baseUrlField: 'apiUrl',
			baseUrlLabel: 'API URL',
			refreshTokenOn401: true,
			secretFields: ['clientSecret', 'accessToken'],
			accountFields: ['apiUrl', 'clientId'],
		},
		credentials: (api) => ({
			environment: 'custom',
			apiUrl: api.url,
			ateneaUrl: `${api.url}/atenea`,
			clientId: 'trust-client',
			clientSecret: 'trust-secret-0003',
			accessToken: '',
		}),
		secretHeaders: ['authorization'],
	},
	{
		credentialType: 'reporteiConnectApi',
		profile: { displayName: 'Reportei Connect', baseUrlField: 'baseUrl', secretFields: ['accessToken'], accountFields: ['baseUrl', 'accessToken'] },
		credentials: (api) => ({ baseUrl: `${api.url}/api`, accessToken: 'reportei-merchant-token-0004' }),
		secretHeaders: ['authorization'],
	},
];

const profiles = Object.fromEntries(CASES.map((c) => [c.credentialType, { ...c.profile, credentialType: c.credentialType }]));
const engine = new TestEngine({ nodeTypes: { [PROVIDER_CALL_TYPE]: providerCallNode(profiles, CASES.map((c) => c.credentialType)) } });

let api: LocalServer;
let elsewhere: LocalServer;

beforeAll(async () => {
	elsewhere = await startServer((_req, res) => json(res, 200, { reached: 'elsewhere' }));
	api = await startServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		// The token endpoints of the two credentials that fetch one (CloudBlue POST /token, Atenea).
		if (req.method === 'POST' && path.endsWith('/token')) return json(res, 200, { token: 'cb-access-token' });
		if (req.method === 'POST' && path === '/atenea/oauth/token/') return json(res, 200, { access_token: 'trust-access-token' });
		if (path.endsWith('/leave')) {
			res.writeHead(302, { location: `${elsewhere.url}/collect?x=1` });
			return res.end();
		}
		if (path.endsWith('/moved')) {
			res.writeHead(301, { location: path.replace(/\/moved$/, '/final') });
			return res.end();
		}
		json(res, 200, { reached: 'api', path, headers: req.headers as IDataObject });
	});
});
afterAll(async () => {
	await api.close();
	await elsewhere.close();
});
beforeEach(() => {
	api.requests.splice(0);
	elsewhere.requests.splice(0);
});

describe.each(CASES)('$credentialType', ({ credentialType, profile, credentials, secretHeaders }) => {
	it('does not take the credential to another host', async () => {
		const run = await engine.runWorkflow({ workflow: callWorkflow(credentialType, '/leave'), credentials: { [credentialType]: credentials(api) } });
		expect(run.status).toBe('success');
		const [result] = run.output('Call').map((item) => item.json);
		expect(result.error).toBe(`${profile.displayName} redirected the request to ${new URL(elsewhere.url).host}, another host; the credential is not sent there`);
		expect(result.description).toContain(`Check the ${profile.baseUrlLabel ?? 'Base URL'} in the credential`);
		expect(elsewhere.requests).toHaveLength(0);
		// The request that was redirected did carry the credential: it is the redirect that stopped it.
		const sent = api.requests.find((r) => r.url.split('?')[0].endsWith('/leave'))!;
		for (const name of secretHeaders) expect(sent.headers[name]).toBeTruthy();
	});

	it('follows a redirect to the same origin with the credential', async () => {
		const run = await engine.runWorkflow({ workflow: callWorkflow(credentialType, '/moved'), credentials: { [credentialType]: credentials(api) } });
		const [result] = run.output('Call').map((item) => item.json);
		expect(result).toMatchObject({ reached: 'api' });
		expect(String(result.path)).toMatch(/\/final$/);
		for (const name of secretHeaders) expect((result.headers as IDataObject)[name]).toBeTruthy();
	});
});

describe("n8n's own redirect following, which this guards against", () => {
	it('takes custom credential headers to another host', async () => {
		const plain = new TestEngine({
			nodeTypes: {
				'test.plainCall': {
					description: { ...providerCallNode({}, ['fourYouSeeApi']).description, name: 'plainCall' },
					async execute(this: import('n8n-workflow').IExecuteFunctions) {
						const c = await this.getCredentials('fourYouSeeApi');
						await this.helpers.httpRequestWithAuthentication.call(this, 'fourYouSeeApi', {
							url: `${String(c.baseUrl)}/leave`,
							json: true,
							sendCredentialsOnCrossOriginRedirect: false,
						});
						return [[{ json: {} }]];
					},
				},
			},
		});
		await plain.runWorkflow({
			workflow: { nodes: [{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' }, { name: 'Plain', type: 'test.plainCall' }], connections: { Start: { main: [[{ node: 'Plain', type: 'main', index: 0 }]] } } },
			credentials: { fourYouSeeApi: CASES[0].credentials(api) },
		});
		// sendCredentialsOnCrossOriginRedirect only strips Authorization: Secret-Token still leaves.
		expect(elsewhere.requests).toHaveLength(1);
		expect(elsewhere.requests[0].headers['secret-token']).toBe('fys-secret-token-0001');
	});
});
