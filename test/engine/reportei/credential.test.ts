/**
 * The Reportei Connect API credential test as n8n runs it (the nodes' `testedBy`): the merchant
 * settings at the Base URL with the Merchant Token, every failure naming the field and why.
 */
import { FixtureServer } from '../../contract/fixture-server';
import { testCredential } from '../../harness/engine';
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import { startSim } from './helpers';

let sim: ReporteiSimulator;

beforeAll(async () => {
	sim = await startSim();
});

afterAll(async () => await sim.stop());

const test = async (data: Record<string, unknown>) => await testCredential('reporteiConnectApi', { accessToken: sim.merchantToken, baseUrl: sim.apiUrl, ...data });

it('passes with the Merchant Token at the Base URL (a trailing slash is fine), asking GET /merchants/settings as the nodes do', async () => {
	sim.clearLog();
	expect(await test({ baseUrl: `${sim.apiUrl}/` })).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/merchants/settings 200']);
	expect(sim.requests[0].headers).toMatchObject({ authorization: `Bearer ${sim.merchantToken}`, accept: 'application/json' });
});

it('a wrong Merchant Token is named, and not repeated in the message', async () => {
	expect(await test({ accessToken: 'wrong-merchant-token' })).toEqual({
		status: 'Error',
		message: `The Base URL ${sim.apiUrl}/merchants/settings answered, but it refused the Merchant Token (HTTP 401, "Unauthenticated."): check the Merchant Token.`,
	});
});

it('a Base URL without /api, or pointing at a web page, is named as the Base URL', async () => {
	expect((await test({ baseUrl: sim.url })).message).toBe(
		`The Base URL ${sim.url}/merchants/settings answered, but there is no Connect API there (HTTP 404, "The route merchants/settings could not be found."): check the Base URL, which ends in /api.`,
	);
	const site = new FixtureServer();
	site.on('GET', '/merchants/settings', { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><html><head><title>Reportei Connect</title></head></html>' });
	await site.start();
	try {
		expect((await test({ baseUrl: site.url })).message).toBe(
			`The Base URL ${site.url}/merchants/settings answered, but with a web page instead of the Connect API: enter the API address, which ends in /api.`,
		);
	} finally {
		await site.stop();
	}
});

it('an unreachable host says so in words, never a bare ECONNREFUSED', async () => {
	expect(await test({ baseUrl: 'http://127.0.0.1:9/api' })).toEqual({
		status: 'Error',
		message: 'The connection was refused at http://127.0.0.1:9/api/merchants/settings: check the Base URL.',
	});
	expect((await test({ baseUrl: 'http://connect.invalid/api' })).message).toMatch(
		/^The host name (was not found|could not be resolved) at http:\/\/connect\.invalid\/api\/merchants\/settings: check the Base URL\.$/,
	);
	expect((await test({ baseUrl: 'connect.reportei.com/api' })).message).toBe('The Base URL "connect.reportei.com/api/merchants/settings" is not a web address: enter it with https://.');
});

it('a merchant over its rate limit is told to test again, not that the token is wrong', async () => {
	sim.injectFault({ path: '/api/merchants/settings', status: 429, headers: { 'retry-after': '30' }, body: { message: 'Too Many Attempts.' } });
	expect((await test({})).message).toBe(
		`The Base URL ${sim.apiUrl}/merchants/settings answered, but the merchant is over its rate limit right now (HTTP 429), so the Merchant Token could not be checked: test again in a minute.`,
	);
});
