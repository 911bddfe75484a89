/**
 * The Trust node as a user edits and saves it: the Message ID and Segment ID pickers, workflows
 * saved before those fields were pickers, empty defaults, Simplify on campaigns, Segment > Update,
 * and the answers Trust may give that no document shows (token variants, error bodies).
 */
import { searchMessages, searchSegments } from '../../../nodes/Trust/listSearch';
import { FixtureServer } from '../../contract/fixture-server';
import { testCredential } from '../../harness/engine';
import { TrustSimulator, type TrustSimulatorOptions } from '../../../dev/simulators/trust/server';
import { loadOptionsContext, NODE, runTrust, trustCredentials } from './helpers';

jest.setTimeout(30_000);

let sim: TrustSimulator;
const started: Array<{ stop(): Promise<void> }> = [];

async function simulator(options: TrustSimulatorOptions = {}): Promise<TrustSimulator> {
	const server = await new TrustSimulator({ timeScale: 0.001, ...options }).start();
	started.push(server);
	return server;
}

beforeAll(async () => {
	sim = await simulator();
	await testCredential('trustApi', trustCredentials(sim.url).trustApi);
});

afterAll(async () => {
	for (const server of started) await server.stop();
});

const base = { resource: 'campaign', operation: 'create', applicationName: 'com.trust.demo', name: 'Reminder', companyId: '1' };

describe('Message ID and Segment ID pickers', () => {
	it('lists the messages of the company\'s campaigns once each, newest campaign first, and filters them', async () => {
		const all = await searchMessages.call(loadOptionsContext(sim.url, { companyId: '2' }));
		const campaigns = sim.campaigns.filter((c) => c.company_id === '2').sort((a, b) => b.created_at.localeCompare(a.created_at));
		expect(all.results).toHaveLength(new Set(campaigns.map((c) => c.message_id)).size);
		expect(all.results[0]).toEqual({ name: campaigns[0].name, value: campaigns[0].message_id, description: `ID ${campaigns[0].message_id}` });
		expect(all.paginationToken).toBeUndefined();
		// The list asks Trust only for the fields it shows.
		expect(sim.find({ path: '/campaigns/api/v1/company/2/campaign' }).at(-1)?.query).toEqual({ fields: 'message_id,name,created_at' });

		const filtered = await searchMessages.call(loadOptionsContext(sim.url, { companyId: '2' }), campaigns[3].name);
		expect(filtered.results.map((r) => r.value)).toContain(campaigns[3].message_id);
		expect(filtered.results.length).toBeLessThan(all.results.length);
	});

	it('uses the credential\'s Default Company ID when the node has none (or an expression)', async () => {
		const listed = await searchMessages.call(loadOptionsContext(sim.url, { companyId: '={{ $json.company }}' }));
		expect(listed.results.length).toBeGreaterThan(0);
		expect(sim.find({ path: '/campaigns/api/v1/company/:id/campaign' }).at(-1)?.path).toBe('/campaigns/api/v1/company/1/campaign');
	});

	it('says readably why a list cannot be shown', async () => {
		await expect(searchMessages.call(loadOptionsContext(sim.url, { companyId: '99' }))).rejects.toThrow('Trust answered 404: Company 99 not found');
		const credentials = { ...trustCredentials(sim.url).trustApi, defaultCompanyId: '' };
		await expect(searchSegments.call(loadOptionsContext(sim.url, {}, credentials))).rejects.toThrow('No company to list from');
	});

	it('lists the segments campaigns were sent to, and a picked one creates the campaign', async () => {
		const own = await simulator();
		expect((await searchSegments.call(loadOptionsContext(own.url, { companyId: '3' }))).results).toEqual([]);
		const segment = await runTrust(own.url, { resource: 'segment', operation: 'create', name: 'Backend', companyId: '3', indexQuery: '{"apps.app_id": ["1"]}' });
		const id = String(segment.output(NODE)[0].json.id);
		const first = await runTrust(own.url, { ...base, companyId: '3', audience: 'segment', messageId: 'msg-1', segmentId: id, finishDate: '2030-01-31' });
		expect(first.status).toBe('success');

		const listed = await searchSegments.call(loadOptionsContext(own.url, { companyId: '3' }));
		expect(listed.results).toEqual([{ name: 'Reminder', value: id, description: `ID ${id}` }]);
		const picked = await runTrust(own.url, {
			...base,
			companyId: '3',
			audience: 'segment',
			messageId: { __rl: true, mode: 'list', value: 'msg-1', cachedResultName: 'Reminder' },
			segmentId: { __rl: true, mode: 'list', value: listed.results[0].value },
			finishDate: '2030-01-31',
		});
		expect(picked.status).toBe('success');
		expect(own.campaignBodies.at(-1)).toMatchObject({ message_id: 'msg-1', segment_id: id, finish_date: '2030-01-31 00:00:00' });
	});

	it('sends a message picked from the list, or entered by ID, as Trust wrote it (never checked as a UUID)', async () => {
		const [message] = (await searchMessages.call(loadOptionsContext(sim.url, { companyId: '1' }))).results;
		const picked = await runTrust(sim.url, { ...base, messageId: { __rl: true, mode: 'list', value: message.value } }, { items: [{ trust_id: 'd-1' }] });
		expect(picked.status).toBe('success');
		expect(sim.campaignBodies.at(-1)).toMatchObject({ message_id: message.value });
		const byId = await runTrust(sim.url, { ...base, messageId: { __rl: true, mode: 'id', value: ' z54afc5-a1c0-1b0a-9f04-acacd3b473a ' } }, { items: [{ trust_id: 'd-1' }] });
		expect(byId.status).toBe('success');
		expect(sim.campaignBodies.at(-1)).toMatchObject({ message_id: 'z54afc5-a1c0-1b0a-9f04-acacd3b473a' });
	});
});

describe('workflows saved before', () => {
	it('runs a version-1 workflow that holds plain ID strings where pickers are now', async () => {
		const own = await simulator();
		const segment = await runTrust(own.url, { resource: 'segment', operation: 'create', name: 'Old', indexQuery: '{"apps.app_id": ["1"]}' }, { typeVersion: 1 });
		const id = String(segment.output(NODE)[0].json.id);
		// As version 1 saved it: plain strings, and the old default of Variables left out.
		const items = await runTrust(
			own.url,
			{ resource: 'campaign', operation: 'create', messageId: 'legacy-message-1', applicationName: 'com.trust.demo', name: 'Old campaign' },
			{ typeVersion: 1, items: [{ trust_id: 'dev-1', variables: { first_name: 'Ana' } }, { trust_id: 'dev-2' }] },
		);
		expect(items.status).toBe('success');
		expect(own.campaignBodies.at(-1)).toEqual({
			name: 'Old campaign',
			message_id: 'legacy-message-1',
			application_name: 'com.trust.demo',
			company_id: '1',
			// The field left empty takes each item's own variables, as its old default did.
			notifications: [
				{ trust_id: 'dev-1', variables: { first_name: 'Ana' } },
				{ trust_id: 'dev-2', variables: {} },
			],
		});
		const forSegment = await runTrust(
			own.url,
			{ ...base, audience: 'segment', messageId: 'legacy-message-1', segmentId: id, finishDate: '2030-01-31T10:00:00' },
			{ typeVersion: 1 },
		);
		expect(forSegment.status).toBe('success');
		expect(own.campaignBodies.at(-1)).toMatchObject({ segment_id: id, message_id: 'legacy-message-1' });
		const listed = await runTrust(own.url, { resource: 'campaign', operation: 'getAll', returnAll: true }, { typeVersion: 1 });
		expect(listed.output(NODE).map((i) => i.json.name)).toEqual(expect.arrayContaining(['Old campaign', 'Reminder']));
	});
});

describe('defaults', () => {
	it('sends {} typed in Variables, and an expression\'s object', async () => {
		await runTrust(sim.url, { ...base, messageId: 'm', variables: '{}' }, { items: [{ trust_id: 'a', variables: { x: 1 } }] });
		expect((sim.campaignBodies.at(-1) as { notifications: unknown[] }).notifications).toEqual([{ trust_id: 'a', variables: {} }]);
		await runTrust(sim.url, { ...base, messageId: 'm', variables: '={{ { name: $json.who } }}' }, { items: [{ trust_id: 'a', who: 'Bo' }] });
		expect((sim.campaignBodies.at(-1) as { notifications: unknown[] }).notifications).toEqual([{ trust_id: 'a', variables: { name: 'Bo' } }]);
	});

	it('has no sample index query: an empty one is refused, naming what to enter', async () => {
		const result = await runTrust(sim.url, { resource: 'segment', operation: 'create', name: 'x' });
		expect(result.error?.message).toBe('Index Query is empty');
		expect(result.error?.description).toContain('e.g.');
	});

	it('refuses a Message ID that maps to nothing, naming the field', async () => {
		const result = await runTrust(sim.url, { ...base, messageId: { __rl: true, mode: 'id', value: '={{ $json.message }}' } }, { items: [{ trust_id: 'a' }] });
		expect(result.error?.message).toBe('Message ID is empty');
	});
});

describe('Campaign: Get Many, simplified', () => {
	it('returns 10 fields a user acts on, an unused segment as null', async () => {
		const result = await runTrust(sim.url, { resource: 'campaign', operation: 'getMany', companyId: '2', limit: 3, simplify: true });
		const out = result.output(NODE).map((i) => i.json);
		expect(out).toHaveLength(3);
		for (const campaign of out) {
			expect(Object.keys(campaign).sort()).toEqual(
				['application_name', 'company_id', 'created_at', 'finish_date', 'message_id', 'name', 'segment_id', 'terminated', 'updated_at', 'uuid'],
			);
			expect(campaign.segment_id).toBeNull();
		}
	});
});

describe('Segment: Update', () => {
	it('renames a segment and replaces its index query whole', async () => {
		const own = await simulator();
		const created = await runTrust(own.url, { resource: 'segment', operation: 'create', name: 'hola', indexQuery: '{"apps.app_id": ["1"], "apps.tags.team": "a"}' });
		const id = String(created.output(NODE)[0].json.id);
		const updated = await runTrust(own.url, {
			resource: 'segment',
			operation: 'update',
			segmentId: { __rl: true, mode: 'id', value: id },
			name: 'hola 2',
			indexQuery: '{"apps.app_id": "1", "model": "sm-g965fg"}',
		});
		expect(updated.status).toBe('success');
		expect(own.segmentUpdates.at(-1)).toEqual({ name: 'hola 2', index_query: { 'apps.app_id': '1', model: 'sm-g965fg' } });
		expect(own.find({ method: 'PUT' }).at(-1)?.path).toBe(`/message-persistance/api/v1/segment/${id}`);
		expect(updated.output(NODE)[0].json).toMatchObject({ id: Number(id), name: 'hola 2', index_query: { 'apps.app_id': '1', model: 'sm-g965fg' } });

		const nameOnly = await runTrust(own.url, { resource: 'segment', operation: 'update', segmentId: id, name: 'hola 3' });
		expect(nameOnly.status).toBe('success');
		expect(own.segmentUpdates.at(-1)).toEqual({ name: 'hola 3' });
		const nothing = await runTrust(own.url, { resource: 'segment', operation: 'update', segmentId: id });
		expect(nothing.error?.message).toBe('Nothing to update');
		const missing = await runTrust(own.url, { resource: 'segment', operation: 'update', segmentId: '404', name: 'x' });
		expect(missing.error?.message).toBe('Trust answered 404: Segment 404 not found');
	});
});

describe('what Trust may answer that no document shows', () => {
	it('works with a token path without the slash, string expiry fields and another token type', async () => {
		const own = await simulator({ tokenPath: 'noSlash', tokenNumbersAsStrings: true, tokenType: 'JWT' });
		const creds = trustCredentials(own.url);
		const result = await runTrust(own.url, { resource: 'statistics', operation: 'get', simplify: false }, { creds });
		expect(result.status).toBe('success');
		expect(result.output(NODE)[0].json).toEqual({ company_id: '1', ...own.statistics('1') });
		expect(creds.trustApi.tokenType).toBe('JWT');
		expect(String(own.find({ path: '/campaigns/api/v1/company/1/statistics' })[0].headers.authorization)).toMatch(/^JWT /);
	});

	it.each([
		['detail', 'Trust answered 404: Company 99 not found'],
		['text', 'Trust answered 404: Company 99 not found'],
		['html', 'Trust answered 404: 404 Company 99 not found'],
		['empty', 'Trust answered 404'],
	] as const)('shows Trust\'s words from a %s error body', async (errorBody, message) => {
		const own = await simulator({ errorBody, historyDays: 0 });
		const result = await runTrust(own.url, { resource: 'statistics', operation: 'get', companyId: '99' });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Company ID');
		expect(result.error?.description).toContain(`Request: GET ${own.url}/campaigns/api/v1/company/99/statistics`);
	});

	it('says a web page answered where JSON belongs', async () => {
		const server = new FixtureServer();
		started.push(server);
		const url = await server.start();
		server.on('POST', '/oauth/token/', { status: 200, body: { access_token: 't', token_type: 'Bearer', expires_in: 7200, created_at: 1 } });
		server.on('GET', '/campaigns/api/v1/company/1/campaign', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><head><title>Trust | Login</title></head><body>Sign in</body></html>' });
		const result = await runTrust(url, { resource: 'campaign', operation: 'getMany' });
		expect(result.error?.message).toBe('Trust answered with a web page instead of JSON: Trust | Login');
		expect(result.error?.description).toContain('Check the API URL');
	});
});
