/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The fault matrix, through n8n-core's engine, for the 4YouSee Manager node (the provider with a
 * report POST, a paced API and a gzip file on separate storage). A bare local server stands for
 * the API and the storage and misbehaves in one way per case; each case asserts the documented
 * outcome (docs/reliability.md, "Fault matrix"; the retry rules are nodes/shared/http.ts
 * `isRetryable`):
 *
 * | fault                                   | outcome                                                    |
 * |-----------------------------------------|------------------------------------------------------------|
 * | 500 on POST /reports                    | not retried (one POST), clear error / error item           |
 * | 429 + Retry-After on POST /reports      | retried after the wait, the report is created once         |
 * | connection reset before the answer, GET | retried, the read succeeds                                 |
 * | connection reset after the POST wrote   | not retried (one report on the server), clear error        |
 * | answer slower than Timeout (Seconds)    | gives up after at most two attempts, error names the limit |
 * | truncated gzip file                     | error naming the cut; no playlog item emitted as success   |
 * | connection reset mid-download           | error; no playlog item emitted as success                  |
 */
import { gzipSync } from 'node:zlib';

import type { IDataObject } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';
import { buildPlaylogFile, type PlaylogSpec } from '../../../dev/simulators/fouryousee/playlogs';
import { runWorkflow } from '../../harness/engine';
import { json, startServer, wait, type LocalServer } from '../../unit/shared/local-server';
import { reportWorkflow } from '../fouryousee/report-helpers';

jest.setTimeout(30_000);

const TOKEN = 'fault-matrix-secret-token';
const REPORT_ID = 600_001;
const LINES = 400;

type Fault =
	| 'none'
	| 'post-500'
	| 'post-429'
	| 'get-reset-before'
	| 'post-reset-after-write'
	| 'get-slow'
	| 'file-truncated'
	| 'file-reset-mid';

let fault: Fault = 'none';
let server: LocalServer;
let file: Buffer;
let created: number[] = [];
let resetDone = false;

const spec: PlaylogSpec = {
	seed: REPORT_ID,
	lines: LINES,
	account: 'fault-matrix',
	playerIds: [101, 102],
	medias: [
		{ id: 2001, type: 'V' },
		{ id: 2002, type: 'I' },
	],
	start: '2026-11-01 00:00:00',
	end: '2026-11-07 23:59:59',
	sort: -1,
};

function report(id: number): IDataObject {
	return {
		id,
		type: 'detailed',
		format: 'json',
		filter: { startDate: '2026-11-01', startTime: '00:00:00', endDate: '2026-11-07', endTime: '23:59:59', mediaId: [], playerId: [], sort: -1 },
		status: id === REPORT_ID ? 'success' : 'waiting',
		url: id === REPORT_ID ? `${server.url}/files/${id}.gz` : null,
		createdAt: '2026-11-08T10:00:00+00:00',
		updatedAt: '2026-11-08T10:01:00+00:00',
	};
}

beforeAll(async () => {
	fourYouSeeProfile.minIntervalMs = 5;
	file = await buildPlaylogFile(spec);
	server = await startServer(async (req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (path.startsWith('/v1/') && req.headers['secret-token'] !== TOKEN) return json(res, 401, { message: 'Invalid Secret-Token' });
		if (req.method === 'POST' && path === '/v1/reports') {
			if (fault === 'post-500') return json(res, 500, { message: 'An unexpected error occurred' });
			if (fault === 'post-429' && created.length === 0 && server.requests.filter((r) => r.method === 'POST').length === 1) {
				return json(res, 429, { message: 'Too Many Requests' }, { 'retry-after': '1' });
			}
			const id = 700_000 + created.length;
			created.push(id);
			if (fault === 'post-reset-after-write') {
				// The report exists now; the answer never arrives.
				req.socket.destroy();
				return undefined;
			}
			return json(res, 200, report(id));
		}
		const get = /^\/v1\/reports\/(\d+)$/.exec(path);
		if (req.method === 'GET' && get) {
			if (fault === 'get-reset-before' && !resetDone) {
				resetDone = true;
				req.socket.destroy();
				return undefined;
			}
			if (fault === 'get-slow') await wait(2500);
			if (Number(get[1]) !== REPORT_ID) return json(res, 404, { message: `Report with ID ${get[1]} was not found` });
			return json(res, 200, report(REPORT_ID));
		}
		if (req.method === 'GET' && path === `/files/${REPORT_ID}.gz`) {
			if (fault === 'file-truncated') {
				const cut = file.subarray(0, Math.floor(file.length * 0.6));
				res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(cut.length) });
				return res.end(cut);
			}
			if (fault === 'file-reset-mid') {
				res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(file.length) });
				res.write(file.subarray(0, Math.floor(file.length / 2)));
				await wait(50);
				req.socket.destroy();
				return undefined;
			}
			res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(file.length) });
			return res.end(file);
		}
		return json(res, 404, { message: `No route for ${req.method ?? ''} ${path}` });
	});
});

afterAll(async () => {
	await server.close();
	fourYouSeeProfile.minIntervalMs = 1000;
});

beforeEach(() => {
	fault = 'none';
	created = [];
	resetDone = false;
	server.requests.length = 0;
});

const credentials = () => ({ fourYouSeeApi: { baseUrl: `${server.url}/v1`, secretToken: TOKEN } });

async function run(parameters: IDataObject, options: { continueOnFail?: boolean; inputItems?: IDataObject[] } = {}) {
	return await runWorkflow({
		workflow: reportWorkflow(parameters as never, { continueOnFail: options.continueOnFail }),
		credentials: credentials(),
		inputItems: options.inputItems ?? [{}],
	});
}

const CREATE = { operation: 'create', start: '2026-11-01', end: '2026-11-07', waitForCompletion: false };
const count = (method: string, prefix: string) => server.requests.filter((r) => r.method === method && r.url.startsWith(prefix)).length;

describe('fault matrix: 4YouSee Manager through the engine', () => {
	it('a 500 on the report POST is not retried: one POST, a clear error, an error item with continue-on-fail', async () => {
		fault = 'post-500';
		const failed = await run(CREATE);
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/500/);
		expect(count('POST', '/v1/reports')).toBe(1);

		server.requests.length = 0;
		const continued = await run(CREATE, { continueOnFail: true });
		expect(continued.status).toBe('success');
		const items = continued.output('4YouSee');
		expect(items).toHaveLength(1);
		expect(items[0].json.error).toMatch(/500/);
		expect(count('POST', '/v1/reports')).toBe(1);
		expect(JSON.stringify(continued.run.data)).not.toContain(TOKEN);
	});

	it('a 429 on the report POST is retried after Retry-After and creates the report once', async () => {
		fault = 'post-429';
		const started = Date.now();
		const result = await run(CREATE);
		expect(result.status).toBe('success');
		expect(count('POST', '/v1/reports')).toBe(2);
		expect(created).toHaveLength(1);
		expect(result.output('4YouSee')[0].json).toMatchObject({ id: created[0], status: 'waiting' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('a connection reset before the answer to a GET is retried and the read succeeds', async () => {
		fault = 'get-reset-before';
		const result = await run({ operation: 'get', reportId: String(REPORT_ID) });
		expect(result.status).toBe('success');
		expect(count('GET', `/v1/reports/${REPORT_ID}`)).toBe(2);
		expect(result.output('4YouSee')[0].json).toMatchObject({ id: REPORT_ID, status: 'success' });
	});

	it('a connection reset after the POST was written is not retried: one report on the server, a clear error', async () => {
		fault = 'post-reset-after-write';
		const result = await run(CREATE, { continueOnFail: true });
		expect(count('POST', '/v1/reports')).toBe(1);
		expect(created).toHaveLength(1);
		const items = result.output('4YouSee');
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/connection|reset|socket hang up/i);
		expect(items[0].json.id).toBeUndefined();
	});

	it('an answer slower than the Timeout option gives up after at most two attempts and names the limit', async () => {
		fault = 'get-slow';
		const started = Date.now();
		const result = await run({ operation: 'get', reportId: String(REPORT_ID), requestOptions: { timeout: 1 } }, { continueOnFail: true });
		const took = Date.now() - started;
		const attempts = count('GET', `/v1/reports/${REPORT_ID}`);
		expect(attempts).toBeGreaterThanOrEqual(1);
		expect(attempts).toBeLessThanOrEqual(2);
		expect(took).toBeLessThan(8000);
		const items = result.output('4YouSee');
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toMatch(/did not answer within 1 s \(after [12] attempts?\)/);
	});

	it.each([
		['file-truncated', /ends too early|cut off|truncat|unexpected end/i],
		['file-reset-mid', /connection|reset|aborted|ended|socket|fewer bytes|too early/i],
	] as const)('%s: a clear error, and no playlog item is emitted as success', async (name, message) => {
		fault = name;
		for (const output of ['summary', 'playlogs'] as const) {
			const failed = await run({ operation: 'getPlaylogs', reportId: String(REPORT_ID), output, groupBy: ['mediaId'] });
			expect(failed.status).toBe('error');
			expect(failed.error?.message).toMatch(message);

			const continued = await run({ operation: 'getPlaylogs', reportId: String(REPORT_ID), output, groupBy: ['mediaId'] }, { continueOnFail: true });
			const items = continued.output('4YouSee');
			// One error item for the one input item: neither a partial summary nor the lines read so far.
			expect(items).toHaveLength(1);
			expect(items[0].json.error).toEqual(expect.stringMatching(message));
			expect(items[0].pairedItem).toEqual({ item: 0 });
		}
		fault = 'none';
		const healthy = await run({ operation: 'getPlaylogs', reportId: String(REPORT_ID), output: 'summary', groupBy: [] });
		expect(healthy.output('4YouSee').map((i) => i.json)).toEqual([{ reportId: REPORT_ID, plays: LINES }]);
	});

	it('a gzip file that is only a gzip header is an error, not an empty success', async () => {
		fault = 'none';
		const header = gzipSync(Buffer.from('')).subarray(0, 10);
		const original = file;
		file = header;
		try {
			const result = await run({ operation: 'getPlaylogs', reportId: String(REPORT_ID), output: 'summary', groupBy: [] }, { continueOnFail: true });
			const items = result.output('4YouSee');
			expect(items).toHaveLength(1);
			expect(items[0].json.error).toEqual(expect.any(String));
		} finally {
			file = original;
		}
	});
});
