/**
 * CloudBlue Commerce rated data reports (RDE) through n8n-core's engine against the simulator:
 * list (paginated and legacy), create with and without waiting, get, download as a file and split
 * into rows equal to the simulator's data, and the errors a user sees.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { asStrings, binaryBuffer, run, tokenCredentials } from './helpers';
import { runWorkflow, type WorkflowJson } from '../../harness/engine';
import { CloudBlueSimulator } from '../../simulators/cloudblue/server';

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

describe('Report > Get Many', () => {
	it('returns every report over several pages, formats in lower case', async () => {
		for (let i = 0; i < 230; i++) sim.storeReport({ name: 'Bulk', format: 'csv', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		const result = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(242);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(242);
		expect(sim.count({ path: '/marketplace/reports' })).toBe(3);
		expect(sim.find({ path: '/marketplace/reports' }).map((r) => r.query.offset)).toEqual(['0', '100', '200']);
	});

	it('works with a legacy server that ignores offset/limit and answers formats upper case', async () => {
		sim.legacyReports = true;
		for (let i = 0; i < 150; i++) sim.storeReport({ name: 'Bulk', format: 'xlsx', startDate: '2026-11-01T00:00:00Z' });
		sim.completeAllReports();
		const all = await run(sim, { resource: 'report', operation: 'getMany', returnAll: true });
		expect(all.items).toHaveLength(162);
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(162);
		expect(sim.count({ path: '/marketplace/reports' })).toBe(1);
		expect(all.items.every((i) => ['json', 'csv', 'xml', 'xlsx'].includes(String(i.json.format)))).toBe(true);

		// Filters the legacy server does not apply are applied by the node.
		const some = await run(sim, { resource: 'report', operation: 'getMany', returnAll: false, limit: 5, filters: { format: 'xlsx' } });
		expect(some.items).toHaveLength(5);
		expect(some.items.every((i) => i.json.format === 'xlsx')).toBe(true);
	});

	it('sends the period as dates and honours Limit', async () => {
		const result = await run(sim, {
			resource: 'report',
			operation: 'getMany',
			limit: 3,
			filters: { from: '2020-01-01T00:00:00', to: '2030-12-31T10:00:00', status: 'completed', name: 'Daily report' },
		});
		expect(result.items).toHaveLength(3);
		const [request] = sim.find({ path: '/marketplace/reports' });
		expect(request.query).toMatchObject({ from: '2020-01-01', to: '2030-12-31', status: 'completed', name: 'Daily report' });
		// Filters are also applied by the node (older servers ignore some), so it reads full pages.
		expect(request.query.limit).toBe('100');
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

		const got = await run(sim, { resource: 'report', operation: 'get', reportId: result.items[0].json.id as string });
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

	it('shows the API validation message with its correlation id', async () => {
		const result = await run(sim, { resource: 'report', operation: 'create', name: 'X', startDate: 'not a date' }, { continueOnFail: true });
		expect(result.status).toBe('success');
		const error = result.items[0].json;
		expect(error.error).toMatch(/CloudBlue Commerce answered 400: startDate is not a date-time/);
		expect(String(error.description)).toMatch(/Correlation ID: cb-\d{6}-[0-9a-f]{8}/);
		expect(error.correlationId).toMatch(/^cb-/);
	});
});

describe('Report > Download', () => {
	it('downloads the file anonymously as binary with its name and MIME type', async () => {
		const id = reportOf('csv');
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'file' });
		expect(result.status).toBe('success');
		const [item] = result.items;
		expect(item.json.id).toBe(id);
		expect(item.json.downloadUrl).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ fileName: `Reseller1.${id}.csv`, mimeType: 'text/csv' });
		expect((await binaryBuffer(item.binary!.data)).equals(sim.reportFile(id))).toBe(true);
		const [blob] = sim.find({ path: '/blob/rdecontainer/:file' });
		expect(blob.status).toBe(200);
		expect(blob.headers.authorization).toBeUndefined();
		expect(blob.headers['x-subscription-key']).toBeUndefined();
	});

	it('keeps xlsx and xml files binary even when rows are asked for', async () => {
		for (const [format, mime] of [
			['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
			['xml', 'application/xml'],
		]) {
			const id = reportOf(format);
			const result = await run(sim, { resource: 'report', operation: 'download', reportId: id, output: 'rows' });
			expect(result.items).toHaveLength(1);
			expect(result.items[0].binary?.data).toMatchObject({ fileName: `Reseller1.${id}.${format}`, mimeType: mime });
			const bytes = await binaryBuffer(result.items[0].binary!.data);
			expect(bytes.equals(sim.reportFile(id))).toBe(true);
			if (format === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
		}
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

	it('never shows the SAS signature when the blob refuses the link', async () => {
		const id = reportOf('csv');
		const stored = sim.reports.get(id)!;
		const sig = stored.sig;
		stored.expired = true;
		const result = await run(sim, { resource: 'report', operation: 'download', reportId: id }, { continueOnFail: true });
		const error = result.items[0].json;
		expect(error.error).toMatch(/answered 403/);
		const text = JSON.stringify(error);
		expect(text).not.toContain(sig);
		expect(text).not.toContain(encodeURIComponent(sig));
		expect(text).toContain('sig=[redacted]');
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
		const day = String(created.startDate).slice(0, 10);
		expect(Math.abs(Date.parse(day) - (Date.now() - 86_400_000))).toBeLessThan(2 * 86_400_000);
		expect(created).toMatchObject({ status: 'completed', format: 'csv', startDate: `${day}T00:00:00Z`, endDate: `${day}T23:59:59Z` });
		expect(result.output('Download as rows').map((i) => i.json)).toEqual(asStrings(sim.reportRows(String(created.id))));
	});
});
