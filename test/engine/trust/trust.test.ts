/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The Trust node and credential through n8n-core's engine, against the Trust simulator: every
 * operation, the Atenea token and its refresh, statistics checked against the simulator's ground
 * truth, and the errors a user sees.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow, testCredential, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import { manualWorkflow } from '../../support/workflow';
import { DEFAULT_CLIENT, TrustSimulator, type Statistics } from '../../../dev/simulators/trust/server';

const NODE = 'Trust';
const DAY_MS = 24 * 60 * 60 * 1000;

jest.setTimeout(30_000);

let sim: TrustSimulator;

beforeAll(async () => {
	sim = await new TrustSimulator({ timeScale: 0.001 }).start();
	// Loads the engine's node and credential types once, outside the timed tests.
	await testCredential('trustApi', credentials().trustApi);
});

afterAll(async () => {
	await sim.stop();
});

function credentials(overrides: IDataObject = {}): CredentialStore {
	return {
		trustApi: {
			environment: 'custom',
			apiUrl: sim.url,
			ateneaUrl: sim.url,
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			defaultCompanyId: '1',
			accessToken: '',
			...overrides,
		},
	};
}

async function run(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; creds?: CredentialStore; continueOnFail?: boolean; typeVersion?: number } = {},
) {
	return await runWorkflow({
		workflow: manualWorkflow({
			name: NODE,
			type: 'n8n-nodes-reporting.trust',
			typeVersion: options.typeVersion ?? 2,
			parameters,
			credentials: { trustApi: { id: '1', name: 'Trust API' } },
			continueOnFail: options.continueOnFail,
		}),
		credentials: options.creds ?? credentials(),
		inputItems: options.items ?? [{}],
	});
}

function day(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The statistics computed here from the simulator's notifications, independently of its own
 * counting: each sent notification once, in the state it is in now, without CLOSED (the documented
 * answers carry none).
 */
function countByHand(companyId: string, from: number, until: number): Statistics {
	const actions = { RECEIVED: 0, PRESS_ACTION: 0, UNKNOWN: 0 };
	const stats: Statistics = { total: 0, sended: 0, pending: 0, fails: 0, actions, campaign: 0 };
	const campaigns = new Set<string>();
	for (const n of sim.notificationsOf(companyId)) {
		const at = Date.parse(n.created_at);
		if (at < from || at > until) continue;
		campaigns.add(n.campaign_uuid);
		stats.total++;
		if (n.status === 'pending') stats.pending++;
		else if (n.status === 'sent') stats.sended++;
		else stats.fails++;
		const now = n.actions.at(-1);
		if (now && now !== 'CLOSED') actions[now]++;
	}
	stats.campaign = campaigns.size;
	return stats;
}

function errorText(error: { message?: string; description?: string | null } | undefined): string {
	return JSON.stringify({ error, message: error?.message, description: error?.description });
}

describe('Trust API credential', () => {
	it('passes its test with the right client secret and fetches a token from Atenea', async () => {
		const result = await testCredential('trustApi', credentials().trustApi);
		expect(result).toEqual({ status: 'OK', message: expect.any(String) });
	});

	it('fails its test with a wrong client secret, readably and without the secret', async () => {
		const wrong = 'wrong-secret-value-123';
		const result = await testCredential('trustApi', credentials({ clientSecret: wrong }).trustApi);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Atenea/);
		expect(result.message).toMatch(/Client (ID|Secret)|client ID|client secret/i);
		expect(result.message).not.toContain(wrong);
	});

	it('is fetched once, stored in the credential, and fetched again once when it expired', async () => {
		const creds = credentials();
		const tokensBefore = sim.count({ path: '/oauth/token/' });
		const first = await run({ resource: 'statistics', operation: 'get' }, { creds });
		expect(first.status).toBe('success');
		const token = creds.trustApi.accessToken as string;
		expect(token).toMatch(/.{20,}/);
		expect(sim.count({ path: '/oauth/token/' })).toBe(tokensBefore + 1);

		// Second run reuses the stored token: no new token request.
		await run({ resource: 'statistics', operation: 'get' }, { creds });
		expect(sim.count({ path: '/oauth/token/' })).toBe(tokensBefore + 1);

		sim.expireTokens();
		const unauthorizedBefore = sim.count({ status: 401 });
		const third = await run({ resource: 'statistics', operation: 'get' }, { creds });
		expect(third.status).toBe('success');
		expect(third.output(NODE)[0].json.total).toEqual(expect.any(Number));
		expect(sim.count({ path: '/oauth/token/' })).toBe(tokensBefore + 2);
		expect(sim.count({ status: 401 })).toBe(unauthorizedBefore + 1);
		expect(creds.trustApi.accessToken).not.toBe(token);
	});

	it('sends the token request as JSON, which is what Atenea accepts (a form body gets 400)', async () => {
		const form = await fetch(`${sim.url}/oauth/token/`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret, grant_type: 'client_credentials' }),
		});
		expect(form.status).toBe(400);
		const json = sim.find({ path: '/oauth/token/', status: 200 });
		expect(json.length).toBeGreaterThan(0);
		expect(String(json[0].headers['content-type'])).toContain('application/json');
	});

	it('explains a refused secret when a workflow runs, without the secret', async () => {
		const wrong = 'another-wrong-secret-456';
		const result = await run({ resource: 'statistics', operation: 'get' }, { creds: credentials({ clientSecret: wrong }) });
		expect(result.status).toBe('error');
		// The token failure reaches the run as data: its own summary is the headline, the credential's
		// fix and the token request are underneath.
		expect(result.error?.message).toMatch(/^Trust answered 401: Atenea .*refused the client credentials with HTTP 401/);
		expect(result.error?.description).toContain('Check the Client ID and Client Secret in the Trust API credential');
		expect(result.error?.description).toContain(`Request: POST ${sim.url}/oauth/token/`);
		expect(errorText(result.error)).not.toContain(wrong);
		expect(JSON.stringify(result.run.data)).not.toContain(wrong);
	});

	it('asks Atenea again when it answers 503, even for a create (a token request changes nothing)', async () => {
		const creds = credentials();
		sim.injectFault({ method: 'POST', path: '/oauth/token/', status: 503, headers: { 'retry-after': '0' }, body: { error: 'unavailable' } });
		const before = sim.count({ method: 'POST', path: '/campaigns/api/v1/campaign' });
		const result = await run(
			{ resource: 'campaign', operation: 'create', messageId: 'msg-1', applicationName: 'com.trust.demo', companyId: '1' },
			{ creds, items: [{ trust_id: 'device-after-503' }] },
		);
		expect(result.status).toBe('success');
		expect(sim.count({ path: '/oauth/token/', status: 503 })).toBeGreaterThanOrEqual(1);
		expect(sim.count({ method: 'POST', path: '/campaigns/api/v1/campaign' })).toBe(before + 1);
	});
});

describe('Statistics: Get', () => {
	it('returns the raw statistics of the last 7 days, equal to the simulator counts', async () => {
		const result = await run({ resource: 'statistics', operation: 'get', companyId: '2', simplify: false });
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		const truth = sim.statistics('2');
		expect(item.json).toEqual({ company_id: '2', ...truth });
		const now = Date.now();
		const byHand = countByHand('2', now - 7 * DAY_MS, now);
		expect(truth).toEqual(byHand);
		expect(truth.total).toBeGreaterThan(0);
		const request = sim.find({ path: '/campaigns/api/v1/company/2/statistics' }).pop();
		expect(request?.query).toEqual({});
	});

	it('returns a date range with from_date/until_date, equal to the simulator counts and unlike the default window', async () => {
		const from = day(-25);
		const until = day(-9);
		const result = await run({
			resource: 'statistics',
			operation: 'get',
			companyId: '1',
			period: 'range',
			fromDate: `${from}T00:00:00`,
			untilDate: `${until}T00:00:00`,
			simplify: false,
		});
		expect(result.status).toBe('success');
		const truth = sim.statistics('1', { from, until });
		const byHand = countByHand('1', Date.parse(`${from}T00:00:00Z`), Date.parse(`${until}T00:00:00Z`) + DAY_MS - 1);
		expect(truth).toEqual(byHand);
		expect(result.output(NODE)[0].json).toEqual({
			company_id: '1',
			...truth,
			period: 'range',
			from_date: from,
			until_date: until,
			range_applied: true,
		});
		expect(truth.total).not.toBe(sim.statistics('1').total);
		// The range, then the default window it is compared with: they differ, so Trust applied the range.
		expect(sim.find({ path: '/campaigns/api/v1/company/1/statistics' }).slice(-2).map((r) => r.query)).toEqual([
			{ from_date: from, until_date: until },
			{},
		]);
		expect(result.runData[NODE][0].hints ?? []).toEqual([]);
	});

	it('simplifies to one flat item with rates computed from the counts, each message counted once', async () => {
		const result = await run({ resource: 'statistics', operation: 'get', companyId: '3' });
		const json = result.output(NODE)[0].json;
		const truth = sim.statistics('3');
		const r = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
		const received = truth.actions.RECEIVED!;
		const pressed = truth.actions.PRESS_ACTION!;
		const delivered = received + pressed;
		expect(truth.actions.CLOSED).toBeUndefined();
		expect(json).toEqual({
			company_id: '3',
			period: 'last_7_days',
			from_date: null,
			until_date: null,
			range_applied: null,
			campaign: truth.campaign,
			total: truth.total,
			sent: truth.sended,
			pending: truth.pending,
			failed: truth.fails,
			delivered,
			received,
			pressed,
			// The documented answers carry no CLOSED: absent, not 0.
			closed: null,
			unknown: truth.actions.UNKNOWN,
			delivery_rate: r(delivered, truth.sended),
			press_rate: r(pressed, delivered),
			close_rate: null,
			failure_rate: r(truth.fails, truth.total),
			counters_reading: 'exclusive',
		});
		expect(json.delivery_rate).toBeGreaterThan(0);
		expect(json.delivery_rate).toBeLessThanOrEqual(1);
	});

	it('gives null rates for a window with nothing in it', async () => {
		const result = await run({
			resource: 'statistics',
			operation: 'get',
			companyId: '1',
			period: 'range',
			fromDate: '2020-01-01',
			untilDate: '2020-01-31',
		});
		expect(result.output(NODE)[0].json).toMatchObject({ total: 0, sent: 0, delivery_rate: null, press_rate: null, failure_rate: null });
	});

	it('answers one item per input company, each paired with its input', async () => {
		const result = await run(
			{ resource: 'statistics', operation: 'get', companyId: '={{ $json.company }}', simplify: false },
			{ items: [{ company: '1' }, { company: '2' }, { company: '3' }] },
		);
		const out = result.output(NODE);
		expect(out.map((i) => i.json.company_id)).toEqual(['1', '2', '3']);
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((i) => i.json.total)).toEqual(['1', '2', '3'].map((c) => sim.statistics(c).total));
	});

	it('uses the default company of the credential and says how to fix a missing one', async () => {
		const ok = await run({ resource: 'statistics', operation: 'get' });
		expect(ok.output(NODE)[0].json.company_id).toBe('1');
		const missing = await run({ resource: 'statistics', operation: 'get' }, { creds: credentials({ defaultCompanyId: '' }) });
		expect(missing.status).toBe('error');
		expect(missing.error?.message).toBe('No company ID to use');
		expect(missing.error?.description).toContain('Default Company ID');
	});

	it('refuses a range that ends before it starts, before calling Trust', async () => {
		const before = sim.requests.length;
		const result = await run({ resource: 'statistics', operation: 'get', period: 'range', fromDate: '2026-02-10', untilDate: '2026-02-01' });
		expect(result.error?.message).toBe('From Date 2026-02-10 is after Until Date 2026-02-01');
		expect(sim.requests.length).toBe(before);
	});

	it('continues on fail with an error item for the failing company only', async () => {
		const result = await run(
			{ resource: 'statistics', operation: 'get', companyId: '={{ $json.company }}' },
			{ items: [{ company: '1' }, { company: '99' }, { company: '2' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(3);
		expect(out[0].json.company_id).toBe('1');
		expect(out[1].json.error).toBe('Trust answered 404: Company 99 not found');
		expect(out[1].pairedItem).toEqual({ item: 1 });
		expect(out[2].json.company_id).toBe('2');
	});

	it('reads an error from a 200 envelope whose code says failure', async () => {
		sim.injectFault({ path: '/campaigns/api/v1/company/:id/statistics', status: 200, body: { code: 422, resource: 'Statistics', message: 'Date range too long' } });
		const result = await run({ resource: 'statistics', operation: 'get' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Trust answered 422: Date range too long');
	});
});

describe('Campaign: Get Many', () => {
	it('returns all campaigns of a company with Return All', async () => {
		const result = await run({ resource: 'campaign', operation: 'getMany', companyId: '2', returnAll: true });
		const out = result.output(NODE);
		expect(out.length).toBe(sim.campaigns.filter((c) => c.company_id === '2').length);
		expect(out[0].json).toMatchObject({ company_id: '2', uuid: expect.any(String), terminated: expect.any(Boolean) });
		expect(out.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('cuts the list at Limit on the n8n side (the API has no pagination)', async () => {
		const result = await run({ resource: 'campaign', operation: 'getMany', companyId: '2', returnAll: false, limit: 5 });
		expect(result.output(NODE)).toHaveLength(5);
		expect(sim.find({ path: '/campaigns/api/v1/company/2/campaign' }).pop()?.query).toEqual({});
	});

	it('still runs a version-1 node saved with the old getAll value', async () => {
		const result = await run({ resource: 'campaign', operation: 'getAll', companyId: '2', returnAll: false, limit: 3 }, { typeVersion: 1 });
		expect(result.status).toBe('success');
		expect(result.output(NODE)).toHaveLength(3);
		expect(result.output(NODE)[0].json).toMatchObject({ company_id: '2', uuid: expect.any(String) });
	});

	it('passes fields, search and terminated to Trust', async () => {
		const target = sim.campaigns.find((c) => c.company_id === '3')!;
		const result = await run({
			resource: 'campaign',
			operation: 'getMany',
			companyId: '3',
			returnAll: true,
			filters: { fields: 'uuid, name, terminated', search: target.name, terminated: true },
		});
		const out = result.output(NODE).map((i) => i.json);
		expect(out).toContainEqual({ uuid: target.uuid, name: target.name, terminated: true });
		expect(out.every((c) => Object.keys(c).sort().join() === 'name,terminated,uuid')).toBe(true);
		expect(sim.find({ path: '/campaigns/api/v1/company/3/campaign' }).pop()?.query).toEqual({
			fields: 'uuid,name,terminated',
			search: target.name,
			terminated: 'true',
		});
	});
});

describe('Campaign: Create', () => {
	const base = {
		resource: 'campaign',
		operation: 'create',
		messageId: '5f1e7a52-9b1c-4c55-9c3e-111111111111',
		applicationName: 'com.trust.demo',
		name: 'Black Friday',
	};

	it('makes ONE campaign from all input items, one notification each, then Trust delivers it', async () => {
		const items = Array.from({ length: 12 }, (_, i) => ({ trust_id: `device-new-${i}`, variables: { first_name: `Name ${i}` } }));
		const before = sim.statistics('1');
		const campaignsBefore = sim.campaigns.length;
		const result = await run({ ...base, companyId: '1' }, { items });
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(1);
		expect(out[0].pairedItem).toEqual(items.map((_, item) => ({ item })));
		expect(out[0].json).toMatchObject({ name: 'Black Friday', company_id: '1', message_id: base.messageId, uuid: expect.any(String) });
		// Trust's IDs look like UUIDs but are not (trust-campaigns-list): nothing checks them as such.
		expect(out[0].json.uuid).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(sim.campaigns.length).toBe(campaignsBefore + 1);
		expect(sim.campaignBodies.at(-1)).toEqual({
			name: 'Black Friday',
			message_id: base.messageId,
			application_name: 'com.trust.demo',
			company_id: '1',
			notifications: items.map((i) => ({ trust_id: i.trust_id, variables: i.variables })),
		});

		await new Promise((resolve) => setTimeout(resolve, sim.settleMs()));
		const stats = await run({ resource: 'statistics', operation: 'get', companyId: '1', simplify: false });
		const after = stats.output(NODE)[0].json as unknown as Statistics;
		expect(after.total).toBe(before.total + 12);
		expect(after.pending).toBe(0);
		expect(after.sended + after.fails).toBe(before.sended + before.fails + 12);
		expect(after).toEqual({ company_id: '1', ...sim.statistics('1') });
	});

	it('stops with the index of an item that has no trust_id, and creates nothing', async () => {
		const bodies = sim.campaignBodies.length;
		const result = await run({ ...base }, { items: [{ trust_id: 'a' }, { trust_id: 'b' }, { other: 1 }, { trust_id: 'd' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Input item 2 has no trust_id');
		expect(result.error?.description).toContain('No campaign was created');
		expect(sim.campaignBodies.length).toBe(bodies);
	});

	it('continues on fail with one error item paired with every input', async () => {
		const result = await run({ ...base }, { items: [{ trust_id: 'a' }, {}], continueOnFail: true });
		expect(result.status).toBe('success');
		const out = result.output(NODE);
		expect(out).toHaveLength(1);
		expect(out[0].json.error).toBe('Input item 1 has no trust_id');
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses variables that are not a JSON object, naming the item', async () => {
		const result = await run({ ...base }, { items: [{ trust_id: 'a', variables: { x: 1 } }, { trust_id: 'b', variables: [1, 2] }] });
		expect(result.error?.message).toBe('Variables of item 1 must be a JSON object');
	});

	it('does not repeat a create after a 5xx (it could notify every device twice)', async () => {
		sim.injectFault({ method: 'POST', path: '/campaigns/api/v1/campaign', status: 503, body: { code: 503, message: 'Service unavailable' } });
		const before = sim.count({ method: 'POST', path: '/campaigns/api/v1/campaign' });
		const result = await run({ ...base }, { items: [{ trust_id: 'x' }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Trust answered 503: Service unavailable');
		expect(sim.count({ method: 'POST', path: '/campaigns/api/v1/campaign' })).toBe(before + 1);
	});

	it('shows Trust\'s validation message', async () => {
		const result = await run({ ...base, companyId: '1' }, { items: [{ trust_id: 'x' }], creds: credentials() });
		expect(result.status).toBe('success');
		sim.injectFault({ method: 'POST', path: '/campaigns/api/v1/campaign', status: 400, body: { code: 400, message: 'message_id does not exist' } });
		const bad = await run({ ...base }, { items: [{ trust_id: 'x' }] });
		expect(bad.error?.message).toBe('Trust answered 400: message_id does not exist');
	});
});

describe('Segment: Create, and a campaign for it', () => {
	it('creates a segment, then a campaign for that segment with a UTC finish date', async () => {
		const created = await run({
			resource: 'segment',
			operation: 'create',
			name: 'Backend team',
			companyId: '2',
			indexQuery: '{"apps.app_id": ["1", "3"], "apps.tags.departamento": "backend"}',
		});
		expect(created.status).toBe('success');
		const segment = created.output(NODE)[0].json;
		// Segment create answers 201 with an integer id (real-shapes README, Trust 3).
		expect(segment).toMatchObject({ name: 'Backend team', company_id: '2', id: expect.any(Number) });
		expect(sim.segments.at(-1)?.index_query).toEqual({ 'apps.app_id': ['1', '3'], 'apps.tags.departamento': 'backend' });

		const campaign = await run(
			{
				resource: 'campaign',
				operation: 'create',
				audience: 'segment',
				messageId: 'msg-1',
				applicationName: 'com.trust.demo',
				companyId: '2',
				segmentId: '={{ $json.id }}',
				finishDate: '2030-01-31T18:30:00',
			},
			{ items: [segment] },
		);
		expect(campaign.status).toBe('success');
		expect(campaign.output(NODE)[0]).toMatchObject({ json: { segment_id: String(segment.id), finish_date: '2030-01-31 18:30:00' }, pairedItem: { item: 0 } });
		expect(sim.campaignBodies.at(-1)).toMatchObject({ segment_id: String(segment.id), finish_date: '2030-01-31 18:30:00', company_id: '2' });
	});

	it('reads a {detail} error body', async () => {
		sim.injectFault({ method: 'POST', path: '/message-persistance/api/v1/segment', status: 400, body: { detail: 'index_query uses an unknown field' } });
		const result = await run({ resource: 'segment', operation: 'create', name: 'x', indexQuery: '{"a": 1}' });
		expect(result.error?.message).toBe('Trust answered 400: index_query uses an unknown field');
	});

	it('refuses an empty index query', async () => {
		const result = await run({ resource: 'segment', operation: 'create', name: 'x', indexQuery: '{}' });
		expect(result.error?.message).toBe('Index Query is empty');
	});
});

describe('secrets', () => {
	it('never shows the client secret or the token in an error', async () => {
		const creds = credentials();
		sim.injectFault({ path: '/campaigns/api/v1/company/:id/statistics', status: 500, body: { code: 500, message: 'boom' } });
		const result = await run({ resource: 'statistics', operation: 'get', requestOptions: { maxAttempts: 1 } }, { creds });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Trust answered 500: boom');
		const text = errorText(result.error) + JSON.stringify(result.run.data);
		expect(creds.trustApi.accessToken).toMatch(/.{20,}/);
		expect(text).not.toContain(DEFAULT_CLIENT.clientSecret);
		expect(text).not.toContain(String(creds.trustApi.accessToken));
	});
});

describe('example workflow', () => {
	it('runs its Trust nodes as written: one campaign from the devices, then statistics with rates', async () => {
		const example = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/trust-campaign-statistics.json'), 'utf8')) as WorkflowJson;
		const node = (name: string) => example.nodes.find((n) => n.name === name)!;
		expect(node('Create campaign').credentials).toEqual({ trustApi: { id: null, name: 'Trust API account' } });
		const devices = ['device-1001-17', 'device-1001-42', 'device-1001-93'].map((trust_id, i) => ({ trust_id, variables: { first_name: `N${i}` } }));
		const created = await run(node('Create campaign').parameters!, { items: devices });
		expect(created.status).toBe('success');
		expect(created.output(NODE)[0].json).toMatchObject({ name: 'Points reminder', message_id: '0b6f2d1e-8c4a-4f4e-9a57-2f5c3e9d7a10' });
		await new Promise((resolve) => setTimeout(resolve, sim.settleMs()));
		const stats = await run(node('Statistics of the last 7 days').parameters!, { items: [created.output(NODE)[0].json] });
		expect(stats.output(NODE)[0].json).toMatchObject({ company_id: '1', pending: 0, delivery_rate: expect.any(Number) });
	});
});
