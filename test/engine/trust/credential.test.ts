/**
 * The Trust API credential test as n8n runs it (the node's `testedBy`): Atenea must give a token
 * AND the Campaigns API must accept it, and every failure names the field and says why in words.
 */
import type { IDataObject } from 'n8n-workflow';

import { FixtureServer } from '../../contract/fixture-server';
import { testCredential } from '../../harness/engine';
import { DEFAULT_CLIENT, TrustSimulator } from '../../../dev/simulators/trust/server';
import { trustCredentials } from './helpers';

let sim: TrustSimulator;
let page: FixtureServer;

beforeAll(async () => {
	sim = await new TrustSimulator({ historyDays: 0 }).start();
	// A web server that is not Trust: an nginx 404 page for every path.
	page = new FixtureServer();
	const notFound = { status: 404, body: '<html><head><title>404 Not Found</title></head><body><center>nginx</center></body></html>' };
	page.on('GET', '/campaigns/api/v1/company/1/statistics', notFound);
	page.on('POST', '/oauth/token/', notFound);
	page.on('POST', '/oauth/token', notFound);
	await page.start();
});

afterAll(async () => {
	await sim.stop();
	await page.stop();
});

const test = async (overrides: IDataObject = {}) => await testCredential('trustApi', trustCredentials(sim.url, overrides).trustApi);

it('passes when Atenea gives a token and the Campaigns API accepts it for the Default Company ID', async () => {
	sim.clearLog();
	expect(await test()).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /oauth/token/ 200', 'GET /campaigns/api/v1/company/1/statistics 200']);
	expect(sim.requests[1].headers.authorization).toMatch(/^Bearer .{20,}/);
});

it('passes without a Default Company ID: a JSON refusal of the probe company still proves the API and the token', async () => {
	sim.clearLog();
	expect(await test({ defaultCompanyId: '' })).toMatchObject({ status: 'OK' });
	expect(sim.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/oauth/token/ 200', '/campaigns/api/v1/company/0/statistics 404']);
});

it('a wrong API URL fails although Atenea is right', async () => {
	expect(await test({ apiUrl: page.url })).toEqual({
		status: 'Error',
		message: `The API URL ${page.url}/campaigns/api/v1/company/1/statistics answered, but there is no Campaigns API there (HTTP 404, "404 Not Found"): check the API URL.`,
	});
	expect(await test({ apiUrl: 'http://127.0.0.1:9' })).toEqual({
		status: 'Error',
		message: 'The connection was refused at http://127.0.0.1:9/campaigns/api/v1/company/1/statistics: check the API URL.',
	});
});

it('an API of another environment refuses the token Atenea gave', async () => {
	const other = await new TrustSimulator({ historyDays: 0 }).start();
	try {
		const result = await test({ apiUrl: other.url });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`^The API URL ${other.url}/campaigns/api/v1/company/1/statistics answered, but it refused the token Atenea gave \\(HTTP 401\\): the API URL and the Atenea URL must belong to the same environment`));
	} finally {
		await other.stop();
	}
});

it('a Default Company ID Trust does not know is named', async () => {
	expect((await test({ defaultCompanyId: '99' })).message).toBe(
		`The API URL ${sim.url}/campaigns/api/v1/company/99/statistics answered, but Trust does not know company 99 (HTTP 404, "Company 99 not found"): check the Default Company ID.`,
	);
});

it('a wrong Client Secret is Atenea refusing the pair, without the secret in the message', async () => {
	const wrong = 'wrong-secret-value-123';
	const result = await test({ clientSecret: wrong });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(
		new RegExp(`^The Atenea URL ${sim.url}/oauth/token/ answered, but it refused the Client ID and Client Secret \\(HTTP 401, "invalid_client.*"\\): check the Client ID and Client Secret \\(and that they belong to this Atenea\\)\\.$`),
	);
	expect(result.message).not.toContain(wrong);
});

it('a wrong or unreachable Atenea URL is named as such', async () => {
	expect((await test({ ateneaUrl: 'http://127.0.0.1:9' })).message).toBe('The connection was refused at http://127.0.0.1:9/oauth/token/: check the Atenea URL.');
	expect((await test({ ateneaUrl: page.url })).message).toBe(
		`The Atenea URL ${page.url}/oauth/token/ answered, but there is no Atenea token service there (HTTP 404, "404 Not Found"): check the Atenea URL.`,
	);
	const unknownHost = await test({ ateneaUrl: 'http://atenea.invalid' });
	expect(unknownHost.message).toMatch(/^The host name (was not found|could not be resolved) at http:\/\/atenea\.invalid\/oauth\/token\/: check the Atenea URL\.$/);
	expect((await test({ ateneaUrl: 'atenea.trust.lat' })).message).toBe('The Atenea URL "atenea.trust.lat/oauth/token/" is not a web address: enter it with https://.');
});

it("an Atenea that knows only the Android SDK's /oauth/token passes, as the node's token request does", async () => {
	const android = await new TrustSimulator({ historyDays: 0, tokenPath: 'noSlash' }).start();
	try {
		expect(await testCredential('trustApi', trustCredentials(android.url).trustApi)).toMatchObject({ status: 'OK' });
		expect(android.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/oauth/token/ 404', '/oauth/token 200', '/campaigns/api/v1/company/1/statistics 200']);
	} finally {
		await android.stop();
	}
});

it("a preset environment is named in the message: the field the user chose is the Environment", async () => {
	const result = await testCredential('trustApi', { environment: 'test', clientId: DEFAULT_CLIENT.clientId, clientSecret: 'nope-nope' });
	expect(result.status).toBe('Error');
	// Offline here, so Atenea of the Test environment is not reached; the message names it.
	expect(result.message).toMatch(/ at https:\/\/atenea-tst\.trust\.lat\/oauth\/token\/: check the Test environment's Atenea URL\.$|^The Test environment's Atenea URL /);
});
