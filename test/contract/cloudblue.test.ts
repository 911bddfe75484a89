/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * CloudBlue Commerce against the recorded public answers (test/contract/fixtures/cloudblue.json)
 * and the JSON the RDE how-to prints (seed 001), replayed by a server that knows no CloudBlue rule,
 * through n8n-core's engine: the items a user gets, the error message in the provider's own words
 * with its correlation ID, and the request the node sent. The last test checks that every recorded
 * case is replayed here.
 */
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode, INodeParameters } from 'n8n-workflow';

import { caseById, FixtureServer, loadCases, recordedAnswer, type Answer, type Received, type ShapeCase } from './fixture-server';
import { runPoll, runWorkflow, testCredential, type CredentialStore } from '../harness/engine';
import { NODE, TRIGGER_TYPE, workflow } from '../engine/cloudblue/helpers';
import { searchCustomers, searchReports } from '../../nodes/CloudBlueCommerce/listSearch';

jest.setTimeout(30_000);

const cases = loadCases('cloudblue');
const replayed = new Set<string>();

/** The case, counted as replayed. */
function use(id: string): ShapeCase {
	replayed.add(id);
	return caseById(cases, id);
}

const USER = 'api-user@reseller.example';
const PASSWORD = 'Pa55word!reseller';
const KEY = '066a6b5c2f1e4d3c9b8a7f6e5d4c3b2a';

let server: FixtureServer;

beforeEach(async () => {
	server = new FixtureServer();
	await server.start();
	// Every workflow first asks for a token: the spec's TokenInfo (cb-token).
	server.replay(use('cb-token'), '/marketplace/token');
});

afterEach(async () => {
	await server.stop();
});

function credentials(overrides: IDataObject = {}): CredentialStore {
	return {
		cloudBlueCommerceApi: {
			baseUrl: `${server.url}/marketplace`,
			subscriptionKey: KEY,
			authentication: 'token',
			username: USER,
			password: PASSWORD,
			marketplace: 'us',
			accessToken: '',
			...overrides,
		},
	};
}

async function run(parameters: INodeParameters, options: { continueOnFail?: boolean; items?: IDataObject[]; creds?: CredentialStore } = {}) {
	const result = await runWorkflow({ workflow: workflow(parameters, options.continueOnFail), credentials: options.creds ?? credentials(), inputItems: options.items ?? [{}] });
	return { ...result, items: result.status === 'success' ? result.output(NODE) : [] };
}

function hints(result: Awaited<ReturnType<typeof run>>): string[] {
	return (result.runData[NODE]?.[0]?.hints ?? []).map((hint) => hint.message);
}

/** The API calls the node made (the token request left out). */
function calls(path?: string): Received[] {
	return server.received.filter((r) => r.path !== '/marketplace/token' && (path === undefined || r.path === path));
}

function body(received: Received): unknown {
	return received.body ? JSON.parse(received.body) : undefined;
}

function query(received: Received): Record<string, string> {
	return Object.fromEntries(received.query.entries());
}

/** A recorded answer with a status of the case's list ("400|401|403|404|500") chosen. */
function withStatus(shape: ShapeCase, status: number): Answer {
	return { ...recordedAnswer(shape), status };
}

const RL = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('the token and the headers every call carries', () => {
	it('asks for the token as the spec and a real client do, then sends it as an opaque bearer token with the subscription key', async () => {
		use('cb-token-onify');
		const list = use('cb-customers-list');
		server.replay(list, '/marketplace/customers');
		const result = await run({ resource: 'customer', operation: 'getMany', limit: 1 });
		expect(result.status).toBe('success');
		const [token] = server.received.filter((r) => r.path === '/marketplace/token');
		expect(token.method).toBe('POST');
		expect(token.headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
		expect(token.headers['x-subscription-key']).toBe(KEY);
		expect(body(token)).toEqual(caseById(cases, 'cb-token').request.body);
		const [call] = calls();
		// The spec's example token is not a three-part JWT: it is sent exactly as received.
		expect(call.headers.authorization).toBe(`Bearer ${String((caseById(cases, 'cb-token').response.body as IDataObject).token)}`);
		expect(call.headers['x-subscription-key']).toBe(KEY);
	});

	it('shows Keycloak\'s own words when the realm refuses the password', async () => {
		const refused = use('cb-keycloak-token-error');
		server.on('POST', '/auth/realms/sr1/protocol/openid-connect/token', recordedAnswer(refused));
		const data = { ...credentials().cloudBlueCommerceApi, authentication: 'oAuth2Password', tokenUrl: `${server.url}/auth/realms/sr1/protocol/openid-connect/token`, clientId: 'c', clientSecret: 's' };
		const result = await testCredential('cloudBlueCommerceApi', data as never);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The username or password was refused \(HTTP 401: "Invalid user credentials \(invalid_grant\)"\)/);
	});
});

describe('rated data reports as the RDE how-to prints them (seed 001)', () => {
	it('lists the printed reports in one request, formats in lower case, with the period sent', async () => {
		const seed = use('seed-001-reports-list');
		server.replay(seed, '/marketplace/reports');
		const result = await run({ resource: 'report', operation: 'getMany', returnAll: true, filters: { from: '2019-11-05', to: '2019-12-03' } });
		expect(result.status).toBe('success');
		const printed = (seed.response.body as { data: IDataObject[] }).data;
		expect(result.items.map((i) => i.json)).toEqual(printed.map((r) => ({ ...r, format: String(r.format).toLowerCase() })));
		// "offset is always zero and limit equals total": the answer is the whole list, asked for once.
		expect(calls()).toHaveLength(1);
		expect(query(calls()[0])).toMatchObject(seed.request.query as Record<string, string>);
		expect(hints(result)).toEqual([]);
	});

	it('lists the JSON reports with format=json', async () => {
		const seed = use('seed-001-reports-list-json');
		server.replay(seed, '/marketplace/reports');
		const result = await run({ resource: 'report', operation: 'getMany', returnAll: true, filters: { from: '2019-11-05', to: '2019-12-03', format: 'json' } });
		expect(result.items.map((i) => [i.json.name, i.json.format])).toEqual([
			['daily-dr1', 'json'],
			['sample1', 'json'],
			['daily-dr1', 'json'],
		]);
		expect(query(calls()[0])).toMatchObject(seed.request.query as Record<string, string>);
	});

	it('keeps the reports for a Status or Type filter the items cannot answer, and says so', async () => {
		server.replay(use('cb-reports-list-rde-howto'), '/marketplace/reports');
		const result = await run({ resource: 'report', operation: 'getMany', returnAll: true, filters: { status: 'completed', type: 'daily' } });
		expect(result.items.map((i) => i.json.name)).toEqual(['withres2', 'daily-dr1']);
		expect(query(calls()[0])).toMatchObject({ status: 'completed', type: 'daily', from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), to: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
		expect(hints(result)).toEqual([expect.stringMatching(/^No period was set/), expect.stringMatching(/^The Status and Type filters were not applied/)]);
	});

	it('downloads a listed report by its link, without the API\'s secrets, and never shows its signature', async () => {
		const seed = use('cb-reports-list-rde-howto');
		const [first] = (seed.response.body as { data: IDataObject[] }).data;
		// The recorded link with its host swapped for the fixture server's.
		const link = String(first.downloadUrl).replace('https://drrde3.blob.core.windows.net', server.url);
		const file = Buffer.from('PK\u0003\u0004 a spreadsheet');
		server.on('GET', new URL(link).pathname, { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: file.toString('latin1') });
		const result = await run({ resource: 'report', operation: 'download', reportId: '={{ $json }}' }, { items: [{ ...first, downloadUrl: link }] });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({ name: 'withres2', format: 'xlsx', creationDate: '2019-11-12T09:51:14Z', fileName: 'withres2.0fb84e60...-0f2cd36236ce.2019-11-12.10-51-15.216+0100.xlsx' });
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
		const [blob] = server.received.filter((r) => r.path === new URL(link).pathname);
		expect(blob.headers.authorization).toBeUndefined();
		expect(blob.headers['x-subscription-key']).toBeUndefined();
		expect(calls('/marketplace/reports')).toHaveLength(0);
		expect(JSON.stringify(result.items[0].json)).not.toContain('sig=');
	});

	it('names the listed reports in the picker by name, format and date, with the link as the value', async () => {
		const seed = use('cb-reports-list-rde-howto');
		server.replay(seed, '/marketplace/reports');
		const found = await searchReports.call(pickerContext());
		expect(found.results).toEqual([
			{ name: 'daily-dr1 (JSON, 2019-11-14 20:57)', value: 'https://drr...' },
			{ name: 'withres2 (XLSX, 2019-11-12 09:51)', value: (seed.response.body as { data: IDataObject[] }).data[0].downloadUrl },
		]);
		expect(query(calls('/marketplace/reports')[0])).toMatchObject({ from: expect.any(String), to: expect.any(String) });
	});

	it('has the trigger emit each listed report once, though its link is signed anew, and show the newest in a test fetch', async () => {
		const seed = use('cb-reports-list-rde-howto');
		const listed = (seed.response.body as { data: IDataObject[] }).data;
		let round = 0;
		let extra: IDataObject[] = [];
		server.on('GET', '/marketplace/reports', () => {
			round++;
			// Every answer signs the links again: only the query changes.
			const data = [...listed, ...extra].map((r) => ({ ...r, downloadUrl: `${String(r.downloadUrl).split('?')[0]}?sig=round-${round}&sv=2016-05-31` }));
			return { status: 200, body: { data } };
		});
		const node = { type: TRIGGER_TYPE, parameters: { events: ['reportCompleted'] }, credentials: { cloudBlueCommerceApi: { id: '1', name: 'CloudBlue Commerce API' } } };
		const manual = await runPoll({ node, credentials: credentials(), staticData: {}, mode: 'manual' });
		expect(manual.items?.[0].map((i) => [i.json.event, i.json.name, i.json.creationDate])).toEqual([['reportCompleted', 'daily-dr1', '2019-11-14T20:57:29Z']]);
		const state: IDataObject = {};
		expect((await runPoll({ node, credentials: credentials(), staticData: state })).items).toBeNull();
		expect((await runPoll({ node, credentials: credentials(), staticData: state })).items).toBeNull();
		extra = [{ name: 'daily-dr1', format: 'JSON', creationDate: '2019-11-15T20:57:29Z', downloadUrl: 'https://drrde3.blob.core.windows.net/rdecontainer/daily-dr1.new.json.gz?sig=x' }];
		const next = await runPoll({ node, credentials: credentials(), staticData: state });
		expect(next.items?.[0].map((i) => i.json.creationDate)).toEqual(['2019-11-15T20:57:29Z']);
		expect((await runPoll({ node, credentials: credentials(), staticData: state })).items).toBeNull();
	});

	it('schedules a report as the how-to shows, and a report answered completed needs no waiting', async () => {
		const seed = use('seed-001-reports-schedule');
		server.replay(seed, '/marketplace/reports');
		const sent = seed.request.body as IDataObject;
		const result = await run({
			resource: 'report',
			operation: 'create',
			name: sent.name as string,
			startDate: sent.startDate as string,
			endDate: sent.endDate as string,
			format: 'json',
			waitForCompletion: true,
			options: { customizationName: sent.customizationName as string },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual(seed.response.body);
		const [post] = calls();
		expect(post.method).toBe('POST');
		expect(body(post)).toEqual({ name: 'Daily report', customizationName: 'string', format: 'json', startDate: '2019-11-07T17:02:59Z', endDate: '2019-12-07T17:02:59Z' });
		expect(calls()).toHaveLength(1);
	});
});

describe('rated data reports as the spec v1.15 shows them', () => {
	it('lists the schema example once, with every filter sent, although its pagination names another window', async () => {
		const shape = use('cb-reports-list-schema');
		server.replay(shape, '/marketplace/reports');
		const q = shape.request.query as Record<string, string>;
		const result = await run({ resource: 'report', operation: 'getMany', returnAll: true, filters: { from: q.from, to: q.to, format: 'json', status: 'completed', type: 'onetime', name: 'Daily report' } });
		expect(result.items.map((i) => i.json)).toEqual((shape.response.body as { data: IDataObject[] }).data);
		expect(calls()).toHaveLength(1);
		expect(query(calls()[0])).toMatchObject({ from: q.from, to: q.to, format: 'json', status: 'completed', type: 'onetime', name: 'Daily report' });
		expect(hints(result)).toEqual([]);
	});

	it('creates a report with the spec body and returns it submitted', async () => {
		const shape = use('cb-reports-create');
		server.replay(shape, '/marketplace/reports');
		const sent = shape.request.body as IDataObject;
		const result = await run({ resource: 'report', operation: 'create', name: 'Daily report', startDate: sent.startDate as string, endDate: sent.endDate as string, format: 'json' });
		expect(result.items[0].json).toEqual(shape.response.body);
		expect(body(calls()[0])).toEqual({ name: 'Daily report', format: 'json', startDate: '2019-11-07T17:02:59Z', endDate: '2019-12-07T17:02:59Z' });
	});

	it('gets a report by ID and downloads its file', async () => {
		const shape = use('cb-reports-get');
		const recorded = shape.response.body as IDataObject;
		const link = String(recorded.downloadUrl).replace('https://report-storage1.blob.core.windows.net', server.url);
		server.on('GET', '/marketplace/reports/:id', { ...recordedAnswer(shape), body: { ...recorded, downloadUrl: link } });
		server.on('GET', new URL(link).pathname, { status: 200, body: '[{"line":1},{"line":2}]' });
		const got = await run({ resource: 'report', operation: 'get', reportId: RL(String(recorded.id)) });
		expect(got.items[0].json).toEqual({ ...recorded, downloadUrl: link });
		expect(calls()[0].path).toBe(shape.request.path.replace(/^/, '/marketplace'));
		const rows = await run({ resource: 'report', operation: 'download', reportId: RL(String(recorded.id)), output: 'rows' });
		expect(rows.items.map((i) => i.json)).toEqual([{ line: 1 }, { line: 2 }]);
	});
});

describe('customers', () => {
	it('lists the schema example once, simplified on request', async () => {
		const shape = use('cb-customers-list');
		server.replay(shape, '/marketplace/customers');
		const raw = await run({ resource: 'customer', operation: 'getMany', returnAll: true, filters: { name: 'Krauses Factory' } });
		expect(raw.items.map((i) => i.json)).toEqual((shape.response.body as { data: IDataObject[] }).data);
		// The example's pagination names another window (offset 20 of 3423): the list ends there.
		expect(calls()).toHaveLength(1);
		expect(query(calls()[0])).toEqual({ name: 'Krauses Factory', offset: '0', limit: '100' });
		const simple = await run({ resource: 'customer', operation: 'getMany', limit: 5, simplify: true });
		expect(simple.items[0].json).toEqual({
			id: '1000027',
			externalId: 'EXTERNAL-A1S2D3',
			name: 'Acme Inc.',
			status: 'active',
			resellerId: '1000001',
			language: 'en',
			taxRegId: '00-0000000',
			email: 'jane.doe@email.com',
			city: 'Irvine',
			countryCode: 'US',
		});
	});

	it('finds customers for the picker by name', async () => {
		server.replay(use('cb-customers-list'), '/marketplace/customers');
		const found = await searchCustomers.call(pickerContext(), 'Acme');
		expect(found).toEqual({ results: [{ name: 'Acme Inc. (1000027, active)', value: '1000027' }] });
		expect(query(calls()[0])).toEqual({ name: 'Acme', offset: '0', limit: '50' });
	});

	const address = { value: { streetAddress: '555 Main Street', addressExtension: 'Suite 100', postalCode: '92612', city: 'Irvine', state: 'CA', countryCode: 'US' } };
	const contact = { type: 'admin', firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@email.com', phoneNumber: '81##18881234567#', login: 'someadmin@example.com' };
	const create = { resource: 'customer', operation: 'create', name: 'Acme Inc.', language: 'en', address, contactPersons: { contact: [contact] } };

	it.each([
		['bare, as the schema says', false],
		['wrapped in data, as the spec\'s links read it', true],
	])('creates a customer answered %s', async (_how, wrapped) => {
		const shape = use('cb-customers-create');
		const answer = recordedAnswer(shape);
		server.on('POST', '/marketplace/customers', wrapped ? { ...answer, body: { data: answer.body } } : answer);
		const result = await run(create);
		expect(result.items.map((i) => i.json)).toEqual([shape.response.body]);
		const { password: _password, ...sentContact } = (shape.request.body as { contactPersons: IDataObject[] }).contactPersons[0];
		expect(body(calls()[0])).toEqual({ ...(shape.request.body as IDataObject), contactPersons: [sentContact] });
	});

	it('sends the customer body a real client sends (except the read-only status)', async () => {
		const shape = use('cb-customers-create-elixir-body');
		server.replay(caseById(cases, 'cb-customers-create'), '/marketplace/customers');
		const sent = shape.request.body as IDataObject & { address: IDataObject; contactPersons: IDataObject[] };
		const { password: _password, ...person } = sent.contactPersons[0];
		const result = await run({
			resource: 'customer',
			operation: 'create',
			name: sent.name,
			language: sent.language,
			address: { value: sent.address },
			contactPersons: { contact: [person] },
			additionalFields: { externalId: sent.externalId, taxRegId: sent.taxRegId },
		} as INodeParameters);
		expect(result.status).toBe('success');
		const { status: _status, ...rest } = sent;
		expect(body(calls()[0])).toEqual({ ...rest, contactPersons: [person] });
	});
});

describe('subscriptions', () => {
	it('gets the schema example as it is, quantities and money untouched, and simplified on request', async () => {
		const shape = use('cb-subscriptions-get');
		server.replay(shape, '/marketplace/subscriptions/:id');
		const raw = await run({ resource: 'subscription', operation: 'get', subscriptionId: '123456' });
		expect(raw.items[0].json).toEqual(shape.response.body);
		expect(calls()[0].path).toBe('/marketplace/subscriptions/123456');
		const simple = await run({ resource: 'subscription', operation: 'get', subscriptionId: RL('123456'), simplify: true });
		expect(simple.items[0].json).toEqual({
			id: '123456',
			name: 'Microsoft Office 365 E1',
			customerId: '1000027',
			status: 'active',
			renewalStatus: true,
			expirationDate: '2020-06-12',
			billingPeriod: { type: 'month', duration: 1 },
			subscriptionPeriod: { type: 'month', duration: 1 },
			planId: 10005,
			products: [{ mpn: 'd903a2db-bf6f-4434-83f1-21ba44017813_ANNUAL', vendor: 'NewVendor1', name: 'Office 365 E1', quantity: 10 }],
		});
	});
});

describe('orders', () => {
	it('sends a change order as a real client builds it, and shows the 500 conflict the API answered in its own words, once', async () => {
		const request = use('cb-orders-create-change-onify');
		const conflict = use('cb-orders-create-conflict-500');
		server.replay(conflict, '/marketplace/orders');
		const subscription = caseById(cases, 'cb-subscriptions-get').response.body as IDataObject & { products: IDataObject[] };
		const line = subscription.products[0];
		const result = await run(
			{
				resource: 'order',
				operation: 'create',
				customerId: RL(String(subscription.customerId)),
				type: 'change',
				products: {
					product: [
						{
							mpn: RL(String(line.mpn)),
							quantity: 11,
							subscriptionId: RL('123456'),
							otherFields: JSON.stringify({ vendor: line.vendor, billingPeriod: subscription.billingPeriod, subscriptionPeriod: subscription.subscriptionPeriod }),
						},
					],
				},
				additionalFields: { poNumber: '9999' },
			},
			{ continueOnFail: true },
		);
		const sent = body(calls()[0]) as IDataObject & { products: IDataObject[] };
		const recorded = request.request.body as IDataObject;
		expect(Object.keys(sent).sort()).toEqual(Object.keys(recorded).sort());
		expect(sent).toMatchObject({ customerId: '1000027', poNumber: '9999', type: 'change' });
		expect(Object.keys(sent.products[0]).sort()).toEqual(Object.keys((recorded.products as IDataObject[])[0]).sort());
		expect(sent.products[0]).toEqual({ subscriptionId: '123456', mpn: line.mpn, vendor: line.vendor, quantity: 11, billingPeriod: subscription.billingPeriod, subscriptionPeriod: subscription.subscriptionPeriod });

		const error = result.items[0].json;
		expect(error.error).toBe(`CloudBlue Commerce answered 500: ${String((conflict.response.body as IDataObject).message)}`);
		expect(error.correlationId).toBe('a8n-54bc6dc3-f496-84c7-dfe9-f459db8564b3');
		expect(String(error.description)).toMatch(/^CloudBlue answers requests it refuses for a business rule .* with HTTP 500/);
		expect(String(error.description)).not.toMatch(/try again later/);
		expect(String(error.description)).toContain('Correlation ID: a8n-54bc6dc3-f496-84c7-dfe9-f459db8564b3.');
		expect(calls()).toHaveLength(1);
	});

	it('turns nginx\'s 504 page into a short sentence, and says a write may still have happened', async () => {
		const page = use('cb-gateway-504-nginx');
		server.replay(page, '/marketplace/orders');
		const result = await run(
			{ resource: 'order', operation: 'create', customerId: '1000027', products: { product: [{ mpn: 'd903a2db-bf6f-4434-83f1-21ba44017813_ANNUAL', quantity: 1 }] } },
			{ continueOnFail: true },
		);
		const error = result.items[0].json;
		expect(error.error).toBe('CloudBlue Commerce\'s gateway answered 504 (an HTML error page: "504 Gateway Time-out"): the API did not answer in time');
		expect(String(error.description)).toMatch(/^The gateway stopped waiting, but CloudBlue may still have carried out the request/);
		expect(JSON.stringify(error)).not.toContain('<html>');
		expect(calls()).toHaveLength(1);
	});

	it('reads the same page on a read, after the retries it allows', async () => {
		server.on('GET', '/marketplace/orders/:id', recordedAnswer(caseById(cases, 'cb-gateway-504-nginx')));
		const result = await run({ resource: 'order', operation: 'get', orderId: '1000027', requestOptions: { maxAttempts: 2 } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('CloudBlue Commerce\'s gateway answered 504 (an HTML error page: "504 Gateway Time-out"): the API did not answer in time (after 2 attempts)');
		expect(String(result.items[0].json.description)).toMatch(/^CloudBlue's gateway did not get an answer from the API/);
		expect(calls()).toHaveLength(2);
	});

	it('lists orders with the spec\'s empty envelope in one request', async () => {
		const shape = use('cb-pagination-envelope');
		server.replay(shape, '/marketplace/orders');
		const result = await run({ resource: 'order', operation: 'getMany', returnAll: true, filters: { customerId: RL('1000027', 'list') } });
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(query(calls()[0])).toEqual({ customerId: '1000027', offset: '0', limit: '100' });
	});
});

describe('error bodies', () => {
	it('shows the Marketplace API 1.1 error with its correlation ID, from the header or, without one, from the body', async () => {
		const shape = use('cb-error-schema-v11');
		server.on('GET', '/marketplace/customers/:id', withStatus(shape, 404), 1);
		const { headers: _headers, ...bodyOnly } = withStatus(shape, 404);
		server.on('GET', '/marketplace/customers/:id', bodyOnly, 1);
		for (let i = 0; i < 2; i++) {
			const result = await run({ resource: 'customer', operation: 'get', customerId: '1000027' }, { continueOnFail: true });
			const error = result.items[0].json;
			expect(error.error).toBe('CloudBlue Commerce answered 404: <string>');
			expect(error.correlationId).toBe('a8n-313df136-3c2a-a5e4-854f-64d900a3a13f');
			expect(String(error.description)).toContain('Correlation ID: a8n-313df136-3c2a-a5e4-854f-64d900a3a13f.');
		}
	});

	it('reads another client\'s spelling, {timestamp, error}', async () => {
		const shape = use('cb-error-php-client-model');
		server.on('GET', '/marketplace/plans/:id', { status: 404, body: { ...(shape.response.body as IDataObject), error: 'Service plan 77 not found', correlationId: 'a8n-0c1d' } });
		const result = await run({ resource: 'plan', operation: 'get', planId: '77' }, { continueOnFail: true });
		expect(result.items[0].json).toMatchObject({ error: 'CloudBlue Commerce answered 404: Service plan 77 not found', correlationId: 'a8n-0c1d' });
	});

	it('reads {message, code, details} with its details', async () => {
		server.on('POST', '/marketplace/orders/estimate', recordedAnswer(use('cb-error-community-node-model')));
		const result = await run({ resource: 'order', operation: 'estimate', customerId: '1000027', products: { product: [{ mpn: 'x', quantity: 1 }] } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('CloudBlue Commerce answered 400: Invalid request parameters (customerId: is required)');
	});
});

/** A list-search context whose requests carry the credential like n8n's would (the token already fetched). */
function pickerContext(): ILoadOptionsFunctions {
	const creds = { ...credentials().cloudBlueCommerceApi, accessToken: 'opaque-token' };
	return {
		getNode: () => ({ name: NODE, type: 'n8n-nodes-reporting.cloudBlueCommerce' }) as INode,
		getCredentials: async () => creds,
		getNodeParameter: () => ({}),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const url = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
				const response = await fetch(url, { headers: { authorization: `Bearer ${creds.accessToken}`, 'x-subscription-key': KEY } });
				const text = await response.text();
				if (response.status >= 400) throw Object.assign(new Error(`Request failed with status code ${response.status}`), { response: { status: response.status, headers: Object.fromEntries(response.headers), data: text } });
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: JSON.parse(text) as unknown };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('coverage', () => {
	it('replays every recorded case and every answer the seed prints (run the whole file)', () => {
		// Cases that cannot be replayed, with the reason: none.
		const unusable: Record<string, string> = {};
		const ids = cases.map((c) => c.id);
		expect(ids.filter((id) => !replayed.has(id) && !(id in unusable))).toEqual([]);
		expect(ids.filter((id) => id.startsWith('seed-')).sort()).toEqual(['seed-001-reports-list', 'seed-001-reports-list-json', 'seed-001-reports-schedule']);
	});
});
