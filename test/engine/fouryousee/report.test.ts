/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Report operations of the 4YouSee Manager node through n8n's engine, against the simulator. One
 * simulator for the file: the node paces itself at one request per second per account, so the
 * tests run one after another on the same clock and the simulator must never answer 429.
 */
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../harness/engine';
import { type FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { countsOf, credentialsFor, finishedReport, jsonOf, reportWorkflow, startSimulator } from './report-helpers';

const coreRequire = createRequire(require.resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di') as { Container: { get<T>(type: unknown): T } };
const { BinaryDataService } = coreRequire('n8n-core') as { BinaryDataService: unknown };

async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	return await Container.get<{ getAsBuffer(b: IBinaryData): Promise<Buffer> }>(BinaryDataService).getAsBuffer(binary);
}

jest.setTimeout(30_000);

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.stop();
});

afterEach(() => {
	expect(sim.count({ status: 429 })).toBe(0);
});

async function run(parameters: IDataObject, inputItems: IDataObject[] = [{}], continueOnFail = false) {
	return await runWorkflow({
		workflow: reportWorkflow(parameters as never, { continueOnFail }),
		credentials: credentialsFor(sim),
		inputItems,
	});
}

describe('Report > Create', () => {
	it('asks for the report with the filter as the API wants it and outputs it, still waiting', async () => {
		const result = await run({
			operation: 'create',
			start: '2026-11-01T06:00:00',
			end: '2026-11-15',
			playerIds: '101, 102',
			mediaIds: '2001,2003',
			webhookUrl: 'https://n8n.example.com/webhook/abc/webhook',
			options: { sort: 1 },
		});
		expect(result.status).toBe('success');
		const [report] = jsonOf(result.output('4YouSee'));
		expect(report).toMatchObject({ type: 'detailed', status: 'waiting', url: null });
		expect(report.filter).toEqual({
			startDate: '2026-11-01',
			startTime: '06:00:00',
			endDate: '2026-11-15',
			endTime: '23:59:59',
			mediaId: [2001, 2003],
			playerId: [101, 102],
			sort: 1,
		});
		expect(sim.report(Number(report.id)).webhook).toBe('https://n8n.example.com/webhook/abc/webhook');
	});

	it('waits for completion and outputs the finished report with its file link', async () => {
		const before = sim.count({ method: 'GET', path: '/v1/reports/:id' });
		const result = await run({
			operation: 'create',
			start: '2026-11-01',
			end: '2026-11-02',
			waitForCompletion: true,
			options: { pollInterval: 1, timeout: 1 },
		});
		expect(result.status).toBe('success');
		const [report] = jsonOf(result.output('4YouSee'));
		expect(report.status).toBe('success');
		expect(report.url).toMatch(/\/s3\/4yousee-playlogs-reports\/sim-3385E2\/\d+-[0-9a-f]+\.gz$/);
		expect(sim.count({ method: 'GET', path: '/v1/reports/:id' }) - before).toBeGreaterThanOrEqual(1);
	});

	it('includes the whole End day, whatever time the date picker or an expression gives it', async () => {
		const ends = ['2026-11-15T00:00:00', '2026-11-15', '={{ DateTime.fromISO("2026-11-15T09:30:00") }}', '={{ new Date("2026-11-15T00:00:00Z") }}'];
		for (const end of ends) {
			const result = await run({ operation: 'create', start: '2026-11-01T00:00:00', end });
			expect(result.status).toBe('success');
			expect(jsonOf(result.output('4YouSee'))[0].filter).toMatchObject({ endDate: '2026-11-15', endTime: '23:59:59' });
		}
		const cut = await run({ operation: 'create', start: '2026-11-01', end: '2026-11-15T00:00:00', options: { endTime: '18:00' } });
		expect(jsonOf(cut.output('4YouSee'))[0].filter).toMatchObject({ startTime: '00:00:00', endDate: '2026-11-15', endTime: '18:00:00' });
		const wrong = await run({ operation: 'create', start: '2026-11-01', end: '2026-11-15', options: { endTime: '6pm' } });
		expect(wrong.error?.message).toBe('End Time "6pm" is not a time of day');
	});

	it('refuses a range over 30 days before sending anything, naming the allowed end', async () => {
		const posts = sim.count({ method: 'POST' });
		const result = await run({ operation: 'create', start: '2026-10-01T00:00:00', end: '2026-10-31T00:00:00' });
		expect(result.status).toBe('error');
		// The End day counts whole: 1 to 31 October is 30 days 23:59:59.
		expect(result.error?.message).toBe('The report range is 30 days 23 h; 4YouSee allows at most 30 days per report');
		expect(result.error?.description).toContain('Choose an End on or before 2026-10-30');
		expect(sim.count({ method: 'POST' })).toBe(posts);
		const thirty = await run({ operation: 'create', start: '2026-10-01T00:00:00', end: '2026-10-30T00:00:00' });
		expect(thirty.status).toBe('success');
		const midnight = await run({ operation: 'create', start: '2026-10-01', end: '2026-10-31', options: { endTime: '00:00:00' } });
		expect(midnight.status).toBe('success');
	});

	it('makes a failed report a clear error, or an error item with continue-on-fail', async () => {
		sim.failNextReports(2);
		const parameters = { operation: 'create', start: '2026-11-01', end: '2026-11-02', waitForCompletion: true, options: { pollInterval: 1, timeout: 1 } };
		const failed = await run(parameters);
		expect(failed.status).toBe('error');
		// No source shows the reason in GET /reports/{id}: the message says where it is.
		expect(failed.error?.message).toMatch(/^Report \d+ failed; 4YouSee gives the reason only in its notification to the Webhook URL/);
		expect(failed.error?.description).toContain('create it again');

		sim.variant.failedReportError = true;
		try {
			const continued = await run(parameters, [{}], true);
			expect(continued.status).toBe('success');
			expect(continued.output('4YouSee')).toEqual([
				{ json: expect.objectContaining({ error: expect.stringMatching(/^Report \d+ failed: There was an error generating the report, code 422$/) }), pairedItem: { item: 0 } },
			]);
		} finally {
			sim.variant.failedReportError = false;
		}
	});

	it('says after a run that Wait for Completion timed out, with the report ID', async () => {
		// A poll interval longer than the timeout times out before the first wait.
		const parameters = { operation: 'create', start: '2026-11-01', end: '2026-11-02', waitForCompletion: true, options: { pollInterval: 61, timeout: 1 } };
		const result = await run(parameters, [{}], true);
		const [item] = result.output('4YouSee');
		expect(item.json.error).toMatch(/^Report \d+ is still "waiting" after 1 minutes$/);
		expect(JSON.stringify(result.runData['4YouSee'][0].hints ?? [])).toMatch(/Report \d+ was not finished within the 1-minute Timeout/);
	});
});

describe('Report > Get and Get Many', () => {
	it('gets one report by ID, and says so when the ID is unknown or belongs to someone else', async () => {
		const id = await finishedReport(sim);
		const ok = await run({ operation: 'get', reportId: String(id) });
		expect(jsonOf(ok.output('4YouSee'))).toEqual([expect.objectContaining({ id, status: 'success' })]);

		const missing = await run({ operation: 'get', reportId: '999' });
		expect(missing.error?.message).toBe('4YouSee Manager answered 404: Report with ID 999 was not found');

		const foreign = await run({ operation: 'get', reportId: '158542' });
		expect(foreign.error?.message).toBe('4YouSee Manager answered 403: Report with ID 158542 does not belong to current user');
	});

	it('lists reports up to a limit', async () => {
		const result = await run({ operation: 'getMany', returnAll: false, limit: 2 });
		expect(result.status).toBe('success');
		// ASSUMPTION: in ID order like the documented lists.
		expect(jsonOf(result.output('4YouSee')).map((r) => r.id)).toEqual(
			sim.store.reports.filter((r) => r.account === sim.store.account).map((r) => r.id).sort((a, b) => a - b).slice(0, 2),
		);
		expect(sim.find({ path: '/v1/reports', method: 'GET' }).at(-1)?.query).toEqual({ page: '1', limit: '2' });

		const newest = await run({ operation: 'getMany', returnAll: false, limit: 2, filters: { sort: 'createdAt', sortDirection: 'descending' } });
		expect(sim.find({ path: '/v1/reports', method: 'GET' }).at(-1)?.query).toMatchObject({ sort: '-createdAt' });
		const created = jsonOf(newest.output('4YouSee')).map((r) => String(r.createdAt));
		expect(created).toEqual([...created].sort().reverse());
	});
});

describe('Report > Get Playlogs', () => {
	let id: number;

	beforeAll(async () => {
		sim.playlogLines = 3000;
		id = await finishedReport(sim, { startDate: '2026-11-01', endDate: '2026-11-04' });
	});

	it('summarises plays by media and player exactly as the file counts them', async () => {
		const result = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: ['mediaId', 'playerId'] }, [{ id }]);
		expect(result.status).toBe('success');
		const items = result.output('4YouSee');
		expect(countsOf(items)).toEqual(sim.countPlays(id, ['mediaId', 'playerId']));
		expect(items[0]).toMatchObject({ json: { reportId: id }, pairedItem: { item: 0 } });
		expect(countsOf(items).reduce((s, r) => s + Number(r.plays), 0)).toBe(3000);
	});

	it('applies player, media and time filters while streaming, for any grouping', async () => {
		const filter = { playerIds: [101, 103, 104], mediaIds: [2001, 2002, 2005, 2010], from: '2026-11-02 06:00:00', to: '2026-11-03 23:59:59' };
		const result = await run(
			{
				operation: 'getPlaylogs',
				output: 'summary',
				groupBy: ['date', 'hour'],
				filters: { playerIds: '101,103, 104', mediaIds: '2001,2002,2005,2010', from: '2026-11-02T06:00:00', to: '2026-11-03' },
			},
			[{ id }],
		);
		const expected = sim.countPlays(id, ['date', 'hour'], filter);
		expect(expected.length).toBeGreaterThan(5);
		expect(countsOf(result.output('4YouSee'))).toEqual(expected);

		const total = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: [], filters: { playerIds: '102' } }, [{ id }]);
		expect(countsOf(total.output('4YouSee'))).toEqual(sim.countPlays(id, [], { playerIds: [102] }));
	});

	it('outputs one item per playlog, with the fields of the file', async () => {
		const result = await run({ operation: 'getPlaylogs', output: 'playlogs', filters: { mediaIds: '2002' } }, [{ id }]);
		expect(jsonOf(result.output('4YouSee'))).toEqual(sim.playlogs(id, { mediaIds: [2002] }));
		expect(result.output('4YouSee')[0].json).toEqual({
			account: 'sim-3385E2',
			date: expect.stringMatching(/^2026-11-0[1-4]$/),
			time: expect.stringMatching(/^\d\d:\d\d:\d\d$/),
			playerId: expect.any(Number),
			mediaId: 2002,
			ip: expect.any(String),
			type: 'I',
		});
	});

	it('outputs the file as binary, gzip as delivered or decompressed NDJSON', async () => {
		const file = await sim.playlogFile(id);
		const gz = await run({ operation: 'getPlaylogs', output: 'file', fileFormat: 'gzip', binaryPropertyName: 'report' }, [{ id }]);
		const [item] = gz.output('4YouSee');
		expect(item.json).toMatchObject({ id, status: 'success' });
		expect(item.binary?.report).toMatchObject({ fileName: `4yousee-report-${id}.ndjson.gz`, mimeType: 'application/gzip' });
		expect((await binaryBytes(item.binary!.report)).equals(file)).toBe(true);

		const nd = await run({ operation: 'getPlaylogs', output: 'file', fileFormat: 'ndjson', binaryPropertyName: 'data' }, [{ id }]);
		const [plain] = nd.output('4YouSee');
		expect(plain.binary?.data).toMatchObject({ fileName: `4yousee-report-${id}.ndjson`, mimeType: 'application/x-ndjson' });
		expect((await binaryBytes(plain.binary!.data)).equals(gunzipSync(file))).toBe(true);
	});

	it('never sends the Secret-Token to the file storage', async () => {
		const downloads = sim.find({ path: '/s3/*' });
		expect(downloads.length).toBeGreaterThan(0);
		for (const download of downloads) expect(download.headers['secret-token']).toBeUndefined();
		for (const call of sim.find({ path: '/v1/*' })) expect(call.headers['secret-token']).toBeDefined();
	});

	it('refuses a report that is not ready, naming the status and what to do', async () => {
		const created = sim.createReport({ filter: { startDate: '2026-11-01', endDate: '2026-11-01' } });
		if (typeof created === 'string') throw new Error(created);
		const waiting = created.id;
		const result = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: ['mediaId'] }, [{ id: waiting }]);
		expect(result.error?.message).toBe(`Report ${waiting} is not ready yet (status "waiting")`);
		expect(result.error?.description).toContain('Wait for Completion');
		await sim.whenFinished(waiting);
	});

	it('refuses a failed report', async () => {
		const [failed] = sim.seedReports(1, 'failed');
		const result = await run({ operation: 'getPlaylogs', output: 'playlogs' }, [{ id: failed.id }]);
		expect(result.error?.message).toBe(
			`Report ${failed.id} failed; 4YouSee gives the reason only in its notification to the Webhook URL (a 4YouSee Manager Trigger outputs it in "error"); it has no playlogs`,
		);
	});

	it('names the line of a bad line and of a truncated file', async () => {
		const [bad, cut] = sim.seedReports(2);
		sim.damageReportFile(bad.id, { badLine: 57 });
		sim.damageReportFile(cut.id, { truncateBytes: 200 });
		const badRun = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: ['mediaId'] }, [{ id: bad.id }]);
		expect(badRun.error?.message).toMatch(new RegExp(`^Report ${bad.id}: Line 57 of the playlog file is not a valid playlog \\(`));
		expect(badRun.error?.description).toContain('damaged or was cut off');

		const cutRun = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: ['mediaId'] }, [{ id: cut.id }]);
		expect(cutRun.error?.message).toMatch(
			new RegExp(`^Report ${cut.id}: The playlog file could not be read after line \\d+: the gzip file ends too early`),
		);
	});

	it('explains an expired or refused file link without blaming the token', async () => {
		sim.injectFault({ method: 'GET', path: '/s3/*', status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' });
		const result = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: ['mediaId'] }, [{ id }]);
		expect(result.error?.message).toMatch(/^4YouSee report storage answered 403/);
		expect(result.error?.description).toContain('read the report again (Get) for a fresh link');
		expect(JSON.stringify(result.error)).not.toContain('sim-4yousee-secret-token');
	});

	it('keeps going with continue-on-fail: good items get rows, the bad one an error item', async () => {
		const result = await run({ operation: 'getPlaylogs', output: 'summary', groupBy: [] }, [{ id }, { id: 999 }, { id: '' }], true);
		expect(result.status).toBe('success');
		expect(result.output('4YouSee')).toEqual([
			{ json: { reportId: id, plays: 3000 }, pairedItem: { item: 0 } },
			{ json: expect.objectContaining({ error: '4YouSee Manager answered 404: Report with ID 999 was not found' }), pairedItem: { item: 1 } },
			{ json: expect.objectContaining({ error: 'The Report ID is empty' }), pairedItem: { item: 2 } },
		]);
	});
});
