/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * CloudBlue Commerce rated data reports (RDE) through n8n-core's engine against the simulator:
 * the list as the RDE how-to documents it (no id, status or type; offset/limit not parsed; a period
 * always sent) and the spec v1.15 and Marketplace 1.1 variants, create with and without waiting,
 * get, download by ID, by download link or from a listed item, as a file or split into rows equal
 * to the simulator's data, and the errors and hints a user sees.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { asStrings, binaryBuffer, hintsOf, run, tokenCredentials } from './helpers';
import { runWorkflow, type WorkflowJson } from '../../harness/engine';
import { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

// The first workflow of a file also loads n8n-core and every node of the package.
jest.setTimeout(30_000);

let sim: CloudBlueSimulator;

beforeEach(async () => {
	sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 60 }).start();
});

afterEach(async () => {
	await sim.stop();
});

function reportOf(format: string): string {
	const found = [...sim.reports.values()].find((r) => r.report.format === format);
	if (!found) throw new Error(`no ${format} report`);
	return String(found.report.id);
}

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe('Report > Get Many, as the RDE how-to lists reports', () => {
	it('always sends a period (the last 30 days by default, with a hint) and returns the documented items', async () => {
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(12);
		for (const { json } of result.items) {
			expect(Object.keys(json).sort()).toEqual(['creationDate', 'downloadUrl', 'format', 'name']);
			expect(['json', 'csv', 'xml', 'xlsx']).toContain(json.format);
		}
		const [request] = sim.find({ path: '/marketplace/reports' });
		expect(request.query).toMatchObject({ from: day(-30), to: day(0) });
		expect(sim.count({ path: '/marketplace/reports' })).toBe(1);
		expect(hintsOf(result)).toEqual([expect.stringMatching(new RegExp(`^No period was set: listed the reports from ${day(-30)} to ${day(0)}`))]);
	});

	it('keeps every report for Status and Type, which such items do not carry, and says so', async () => {
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { status: 'completed', type: 'daily', from: '2020-01-01', to: day(1) } });
		expect(result.items).toHaveLength(12);
		expect(hintsOf(result)).toEqual([expect.stringMatching(/^The Status and Type filters were not applied to reports without that field/)]);
		const [request] = sim.find({ path: '/marketplace/reports' });
		expect(request.query).toMatchObject({ from: '2020-01-01', to: day(1), status: 'completed', type: 'daily' });
	});

	it('gives each hint once for a run over several input items', async () => {
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { status: 'completed' } }, { items: [{}, {}, {}] });
		expect(result.items).toHaveLength(36);
		expect(hintsOf(result)).toHaveLength(2);
	});

	it('filters by format whatever its case, and by name', async () => {
		const xlsx = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { format: 'xlsx' } });
		expect(xlsx.items).toHaveLength(3);
		expect(xlsx.items.every((i) => i.json.format === 'xlsx')).toBe(true);
		sim.storeReport({ name: 'Finance', format: 'csv', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		const finance = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { name: 'Finance' } });
		expect(finance.items.map((i) => i.json.name)).toEqual(['Finance']);
	});

	it('reads a long list in one request and honours Limit', async () => {
		for (let i = 0; i < 150; i++) sim.storeReport({ name: 'Bulk', format: 'xlsx', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		const all = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(162);
		expect(new Set(all.items.map((i) => String(i.json.downloadUrl).split('?')[0])).size).toBe(162);
		expect(sim.count({ path: '/marketplace/reports' })).toBe(1);
		const some = await run(sim, { resource: 'report', operation: 'getMany', limit: 5 });
		expect(some.items).toHaveLength(5);
	});

	it('refuses From after To before calling the API', async () => {
		const result = await run(sim, { resource: 'report', operation: 'getMany', filters: { from: '2026-11-10', to: '2026-11-01' } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('From (2026-11-10) is after To (2026-11-01)');
		expect(sim.count({ path: '/marketplace/reports' })).toBe(0);
	});
});

describe('Report > Get Many, other documented servers', () => {
	it('pages the spec v1.15 list and applies its filters', async () => {
		sim.reportList = 'spec-1.15';
		for (let i = 0; i < 230; i++) sim.storeReport({ name: 'Bulk', format: 'csv', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { from: '2020-01-01', to: day(1) } });
		expect(result.items).toHaveLength(242);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(242);
		expect(sim.find({ path: '/marketplace/reports' }).map((r) => r.query.offset)).toEqual(['0', '100', '200']);
		const completed = await run(sim, { resource: 'report', operation: 'getMany', limit: 3, filters: { status: 'completed', name: 'Daily report' } });
		expect(completed.items).toHaveLength(3);
		expect(completed.items.every((i) => i.json.status === 'completed' && i.json.type === 'daily')).toBe(true);
		expect(hintsOf(completed)).toEqual([expect.stringMatching(/^No period was set/)]);
	});

	it('stops after one page on a Marketplace 1.1 server that sends no pagination, even with exactly a page of reports', async () => {
		sim.reportList = 'marketplace-1.1';
		for (let i = 0; i < 88; i++) sim.storeReport({ name: 'Bulk', format: 'csv', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		// Each answer signs its download links at the second it is made: here each list answer is a second after the one before.
		sim.clock = { now: () => Date.now() + 1000 * sim.count({ path: '/marketplace/reports' }) };
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true });
		expect(result.items).toHaveLength(100);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(100);
		// The token (short-lived at this time scale) may expire between the two: count the answered lists.
		expect(sim.count({ path: '/marketplace/reports', status: 200 })).toBe(2);
	});
});

describe('Report > Create, Get', () => {
	it('schedules a one-time report and returns it submitted', async () => {
		const result = await run(sim, {
			resource: 'report',
			operation: 'create',
			name: 'Rated data',
			startDate: '2026-10-01T00:00:00',
			endDate: '2026-10-31T23:59:59',
			format: 'csv',
			options: { customizationName: 'Finance' },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ name: 'Rated data', status: 'submitted', type: 'onetime', format: 'csv', customizationName: 'Finance' });
		const created = sim.find({ method: 'POST', path: '/marketplace/reports' });
		expect(created).toHaveLength(1);
		expect(sim.reports.get(String(result.items[0].json.id))?.report).toMatchObject({ startDate: '2026-10-01T00:00:00Z', endDate: '2026-10-31T23:59:59Z' });

		const got = await run(sim, { resource: 'report', operation: 'get', reportId: { __rl: true, mode: 'id', value: result.items[0].json.id as string } });
		expect(got.items[0].json.id).toBe(result.items[0].json.id);
	});

	it('waits until the report is completed when asked to', async () => {
		const result = await run(sim, {
			resource: 'report',
			operation: 'create',
			name: 'Rated data',
			startDate: '2026-10-01',
			format: 'json',
			waitForCompletion: true,
			options: { pollInterval: 1, timeout: 1 },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json.status).toBe('completed');
		expect(String(result.items[0].json.downloadUrl)).toContain('/blob/rdecontainer/');
		expect(sim.count({ method: 'GET', path: '/marketplace/reports/:id' })).toBeGreaterThanOrEqual(1);
	});

	it('fails clearly when the report ends in error', async () => {
		const result = await run(sim, {
			resource: 'report',
			operation: 'create',
			name: 'Will fail',
			startDate: '2026-10-01',
			waitForCompletion: true,
			options: { pollInterval: 1 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/could not generate report .* \("Will fail"\)/);
	});

	it('says when Wait for Completion timed out: an error by default, the report and a hint when asked', async () => {
		const slow = await new CloudBlueSimulator({ reportTimings: { submittedMs: 3_600_000, processingMs: 0 }, customers: 5 }).start();
		// Each status check moves the clock two minutes on, so a one-minute timeout is reached at once.
		const real = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => real() + 120_000 * slow.count({ method: 'GET', path: '/marketplace/reports/:id' }));
		try {
			const parameters = { resource: 'report', operation: 'create', name: 'Slow', startDate: '2026-10-01', waitForCompletion: true, options: { pollInterval: 1, timeout: 1 } };
			const failed = await run(slow, parameters, { continueOnFail: true });
			expect(failed.items[0].json.error).toBe('The report is still submitted after 1 minute');
			expect(hintsOf(failed)).toEqual([expect.stringMatching(/^Wait for Completion timed out: Report [0-9a-f-]{36} was still submitted after 1 minute/)]);
			const returned = await run(slow, { ...parameters, options: { ...parameters.options, onTimeout: 'return' } });
			expect(returned.status).toBe('success');
			expect(returned.items[0].json).toMatchObject({ name: 'Slow', status: 'submitted' });
			expect(hintsOf(returned)).toEqual([expect.stringMatching(/^Wait for Completion timed out/)]);
		} finally {
			clock.mockRestore();
			await slow.stop();
		}
	});

	it('refuses a format it does not offer before calling the API, naming the ones it does', async () => {
		const before = sim.requests.length;
		const result = await run(sim, { resource: 'report', operation: 'create', name: 'X', startDate: '2026-10-01', format: 'pdf' }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Format cannot be "pdf": use "json", "csv", "xml" or "xlsx"');
		expect(sim.requests.length).toBe(before);
	});

	it('shows the API validation message with its correlation id', async () => {
		const correlationId = 'a8n-1b2c3d4e-0000-4000-8000-123456789abc';
		sim.injectFault({
			method: 'POST',
			path: '/marketplace/reports',
			status: 400,
			headers: { 'X-Correlation-ID': correlationId },
			body: { timeStamp: '2026-11-30T10:00:00Z', status: 400, message: 'Report name "X" is already in use', path: '/reports', correlationId },
		});
		const result = await run(sim, { resource: 'report', operation: 'create', name: 'X', startDate: '2026-10-01', format: 'json' }, { continueOnFail: true });
		expect(result.status).toBe('success');
		const error = result.items[0].json;
		expect(error.error).toBe('CloudBlue Commerce answered 400: Report name "X" is already in use');
		expect(String(error.description)).toMatch(/Correlation ID: a8n-[0-9a-f-]{36}\./);
		expect(error.correlationId).toMatch(/^a8n-/);
	});

	it('refuses a start that is no date before calling the API', async () => {
		const result = await run(sim, { resource: 'report', operation: 'create', name: 'X', startDate: 'not a date' }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('"not a date" is not a valid Start');
		expect(sim.count({ method: 'POST', path: '/marketplace/reports' })).toBe(0);
	});

	it('Get explains that a report known only by its link cannot be got', async () => {
		const [listed] = (await run(sim, { resource: 'report', operation: 'getMany', limit: 1 })).items;
		const result = await run(sim, { resource: 'report', operation: 'get', reportId: { __rl: true, mode: 'list', value: listed.json.downloadUrl as string } }, { continueOnFail: true });
		expect(result.items[0].json.error).toBe('Report > Get needs a report ID');
	});
});

describe('Report > Download', () => {
	it('downloads the file anonymously as binary with its name and MIME type', async () => {
		const id = reportOf('csv');
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'file' });
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json).toMatchObject({ id, fileName: sim.fileNameOf(id) });
		expect(item.json.downloadUrl).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ fileName: sim.fileNameOf(id), mimeType: 'text/csv' });
		expect((await binaryBuffer(item.binary!.data)).equals(sim.reportFile(id))).toBe(true);
		const [blob] = sim.find({ path: '/blob/rdecontainer/:file' });
		expect(blob.status).toBe(200);
		expect(blob.headers.authorization).toBeUndefined();
		expect(blob.headers['x-subscription-key']).toBeUndefined();
	});

	it('downloads a report listed without an ID: by its link, or with the whole listed item mapped in', async () => {
		const listed = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { format: 'csv' } });
		const [first] = listed.items;
		const id = [...sim.reports.values()].find((r) => String(first.json.downloadUrl).includes(r.fileName))!.report.id as string;
		const byLink = await run(sim, { resource: 'report', operation: 'download', reportId: { __rl: true, mode: 'url', value: first.json.downloadUrl as string }, output: 'rows' });
		expect(byLink.items.map((i) => i.json)).toEqual(asStrings(sim.reportRows(id)));
		const mapped = await run(sim, { resource: 'report', operation: 'download', reportId: '={{ $json }}', output: 'file' }, { items: [first.json] });
		expect(mapped.status).toBe('success');
		expect(mapped.items[0].json).toEqual({ name: 'Daily report', format: 'csv', creationDate: first.json.creationDate, fileName: sim.fileNameOf(id) });
		expect((await binaryBuffer(mapped.items[0].binary!.data)).equals(sim.reportFile(id))).toBe(true);
		// No API call was needed: the listed item carries its link.
		expect(sim.count({ path: '/marketplace/reports/:id' })).toBe(0);
	});

	it('keeps xlsx and xml files binary even when rows are asked for', async () => {
		for (const [format, mime] of [
			['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
			['xml', 'application/xml'],
		]) {
			const id = reportOf(format);
			const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'rows' });
			expect(result.items).toHaveLength(1);
			expect(result.items[0].binary?.data).toMatchObject({ fileName: sim.fileNameOf(id), mimeType: mime });
			const bytes = await binaryBuffer(result.items[0].binary!.data);
			expect(bytes.equals(sim.reportFile(id))).toBe(true);
			if (format === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
		}
	});

	it('keeps a gzipped JSON report a .json.gz file', async () => {
		const id = reportOf('json');
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'file' });
		expect(result.items[0].binary?.data).toMatchObject({ fileName: expect.stringMatching(/\.json\.gz$/), mimeType: 'application/gzip' });
	});

	it('splits a CSV report into one item per row equal to the simulator data', async () => {
		const id = reportOf('csv');
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'rows' }, { items: [{}, {}] });
		const expected = asStrings(sim.reportRows(id));
		expect(result.items).toHaveLength(expected.length * 2);
		expect(result.items.slice(0, expected.length).map((i) => i.json)).toEqual(expected);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[expected.length].pairedItem).toEqual({ item: 1 });
		// The fixture has line breaks, quotes and commas inside fields.
		expect(expected.some((r) => String(r.description).includes('\n'))).toBe(true);
	});

	it.each([
		['array', false],
		['ndjson', false],
		['envelope', false],
		['array', true],
		['ndjson', true],
	] as const)('splits a JSON report (%s, gzip %s) into rows equal to the simulator data', async (layout, gzip) => {
		sim.jsonLayout = layout;
		sim.gzipJson = gzip;
		const id = reportOf('json');
		if (gzip) expect(gunzipSync(sim.reportFile(id)).length).toBeGreaterThan(0);
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'rows' });
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json)).toEqual(sim.reportRows(id));
	});

	it('refuses a report that is not completed yet, naming its status', async () => {
		const stored = sim.storeReport({ name: 'Fresh', format: 'csv', startDate: '2026-11-01T00:00:00Z' });
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: String(stored.report.id), output: 'rows' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Report ${String(stored.report.id)} is not completed yet: its status is "submitted"`);
		expect(sim.count({ path: '/blob/rdecontainer/:file' })).toBe(0);
	});

	it('never shows the link\'s query (the SAS signature) when the storage refuses it', async () => {
		const listed = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true, filters: { format: 'csv' } });
		const link = String(listed.items[0].json.downloadUrl);
		for (const stored of sim.reports.values()) stored.expired = true;
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: link }, { continueOnFail: true });
		const error = result.items[0].json;
		// The storage's own reason is shown; the link's query never is.
		expect(error.error).toMatch(/^The storage of the report file answered 403(: |$)/);
		expect(String(error.description)).toMatch(/^The download link was refused: its signature has expired/);
		const text = JSON.stringify(error);
		const query = link.split('?')[1];
		for (const part of query.split('&')) expect(text).not.toContain(part);
		expect(text).not.toContain(decodeURIComponent(query.split('&')[0].slice(4)));
	});
});

describe('credentials in requests', () => {
	it('sends the bearer token and subscription key to the API only', async () => {
		const creds = tokenCredentials(sim);
		await run(sim, { resource: 'report', operation: 'download', reportId: reportOf('json'), output: 'rows' }, { creds });
		const [api] = sim.find({ path: '/marketplace/reports/:id' });
		expect(api.headers.authorization).toBe(`Bearer ${String(creds.cloudBlueCommerceApi.accessToken)}`);
		expect(api.headers['x-subscription-key']).toBe(sim.account.subscriptionKey);
	});
});

describe('example workflow', () => {
	it('examples/cloudblue-daily-rated-data.json schedules, waits for and splits yesterday\'s report', async () => {
		const example = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/cloudblue-daily-rated-data.json'), 'utf8')) as WorkflowJson;
		// The harness has no Schedule Trigger or Convert to File: start by hand and stop before the spreadsheet.
		example.nodes = example.nodes
			.filter((node) => node.type !== 'n8n-nodes-base.convertToFile')
			.map((node) => (node.type === 'n8n-nodes-base.scheduleTrigger' ? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} } : node));
		for (const node of example.nodes) {
			if (node.name === "Schedule yesterday's report") node.parameters = { ...node.parameters, options: { pollInterval: 1, timeout: 1 } };
		}
		delete example.connections['Download as rows'];
		const result = await runWorkflow({ workflow: example, credentials: tokenCredentials(sim) });
		expect(result.status).toBe('success');
		const created = result.output("Schedule yesterday's report")[0].json;
		// "Yesterday" in the workflow's time zone, which may differ from UTC's.
		const startDay = String(created.startDate).slice(0, 10);
		expect(Math.abs(Date.parse(startDay) - (Date.now() - DAY))).toBeLessThan(2 * DAY);
		expect(created).toMatchObject({ status: 'completed', format: 'csv', startDate: `${startDay}T00:00:00Z`, endDate: `${startDay}T23:59:59Z` });
		expect(result.output('Download as rows').map((i) => i.json)).toEqual(asStrings(sim.reportRows(String(created.id))));
	});
});
