/**
 * probeUrls with n8n's own credential-test context (its legacy request helper over the real
 * outbound client): each failure names the field and the address and says why in words.
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions } from 'n8n-workflow';

import { probeUrls } from '../../../nodes/shared/credentialTest';
import { json, startServer, wait, type LocalServer } from './local-server';

let server: LocalServer;
const ctx = new CredentialTestContext() as unknown as ICredentialTestFunctions;

beforeAll(async () => {
	server = await startServer(async (req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (path === '/token') return req.body.includes('right') ? json(res, 200, { access_token: 't' }) : json(res, 401, { error: 'invalid_client' });
		if (path === '/slow') {
			await wait(2000);
			return json(res, 200, {});
		}
		if (path === '/health') return json(res, 200, { ok: true });
		if (path === '/broken') return json(res, 500, { message: 'down' });
		if (path === '/moved') {
			res.writeHead(302, { location: 'https://elsewhere.example/' });
			return res.end();
		}
		json(res, 404, { message: 'not found' });
	});
});
afterAll(async () => await server.close());

const token = (secret: string) => ({ field: 'Atenea URL', url: `${server.url}/token`, method: 'POST' as const, body: { secret }, secretLabel: 'the Client ID and Client Secret' });

describe('probeUrls', () => {
	it('passes when every address answers as expected', async () => {
		expect(await probeUrls(ctx, [token('right'), { field: 'API URL', url: `${server.url}/health` }])).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('names the address and field of a refused connection in words', async () => {
		const result = await probeUrls(ctx, [token('right'), { field: 'API URL', url: 'http://127.0.0.1:9/campaigns?key=abcd1234' }]);
		expect(result).toEqual({ status: 'Error', message: 'The connection was refused at http://127.0.0.1:9/campaigns: check the API URL.' });
		expect(result.message).not.toMatch(/ECONNREFUSED|abcd1234/);
	});

	it('says which secret a refusal is about, and stops there', async () => {
		const result = await probeUrls(ctx, [token('wrong-secret'), { field: 'API URL', url: 'http://127.0.0.1:9/' }], { secrets: ['wrong-secret'] });
		expect(result.message).toBe(`The Atenea URL ${server.url}/token refused the Client ID and Client Secret (HTTP 401): check the Client ID and Client Secret.`);
	});

	it('tells a wrong path, a redirect, a server problem and a timeout apart', async () => {
		expect((await probeUrls(ctx, [{ field: 'Base URL', url: `${server.url}/nope` }])).message).toBe(
			`Nothing answers at ${server.url}/nope (HTTP 404): check the Base URL.`,
		);
		expect((await probeUrls(ctx, [{ field: 'Base URL', url: `${server.url}/moved` }])).message).toBe(`The Base URL ${server.url}/moved redirects elsewhere (HTTP 302): enter the address it redirects to instead.`);
		expect((await probeUrls(ctx, [{ field: 'Base URL', url: `${server.url}/broken` }])).message).toMatch(/had a problem on its side \(HTTP 500\)/);
		expect((await probeUrls(ctx, [{ field: 'Base URL', url: `${server.url}/slow` }], { timeoutMs: 300 })).message).toBe(
			`No answer came from ${server.url}/slow within 0.3 s: check the Base URL.`,
		);
	});

	it('refuses an address that is not a web address, and takes a custom check', async () => {
		expect((await probeUrls(ctx, [{ field: 'API URL', url: 'api.trust.lat' }])).message).toBe('The API URL "api.trust.lat" is not a web address: enter it with https://.');
		const custom = await probeUrls(ctx, [{ field: 'API URL', url: `${server.url}/health`, check: ({ body }) => ((body as { ok?: boolean }).ok ? 'it is not the Campaigns API' : undefined) }]);
		expect(custom.message).toBe(`The API URL ${server.url}/health answered, but it is not the Campaigns API.`);
	});
});
