/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/** The 4YouSee simulator behaves like the sources say the API does (docs/fouryousee.md, Sources and assumptions). */
import { gunzipSync } from 'node:zlib';

import {
	FOURYOUSEE_SIM_TOKEN,
	FourYouSeeSimulator,
	sortRecords,
} from '../../../dev/simulators/fouryousee/server';

jest.setTimeout(20_000);

let sim: FourYouSeeSimulator;

afterEach(async () => {
	await sim.stop();
});

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (init.token !== null) headers['secret-token'] = init.token ?? FOURYOUSEE_SIM_TOKEN;
	const response = await fetch(`${sim.apiUrl}${path}`, { ...init, headers });
	return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

it('requires the Secret-Token and allows one request per second per token, with Retry-After', async () => {
	sim = await new FourYouSeeSimulator({ timeScale: 0.001 }).start();
	expect(await call('/reports', { token: null })).toMatchObject({ status: 401, body: { message: 'Secret-Token header is required' } });
	expect(await call('/reports', { token: 'nope' })).toMatchObject({ status: 401, body: { message: 'Invalid Secret-Token' } });
	expect((await call('/reports')).status).toBe(200);
	const limited = await call('/reports/1');
	expect(limited.status).toBe(429);
	expect(limited.headers.get('retry-after')).toBe('1');
	sim.retryAfterHeader = false;
	const bare = await call('/reports/1');
	expect(bare.status).toBe(429);
	expect(bare.headers.get('retry-after')).toBeNull();
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await call('/reports/1')).toMatchObject({ status: 404, body: { message: 'Report with ID 1 was not found' } });
});

it('pages lists with limit capped at 100 and sorts them', async () => {
	sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0 }).start();
	sim.seedReports(250);
	const first = await call('/reports?limit=500&page=3');
	expect(first.body).toMatchObject({ total: 250, currentPage: 3, totalPages: 3 });
	expect((first.body.results as unknown[]).length).toBe(50);
	expect(sortRecords([{ id: 1, n: 'b' }, { id: 2, n: 'a' }, { id: 3, n: 'a' }], 'n,-id').map((r) => r.id)).toEqual([3, 2, 1]);
});

it('refuses report ranges over 30 days and serves finished files without auth', async () => {
	sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0, playlogLines: 100 }).start();
	const refused = await call('/reports', { method: 'POST', body: JSON.stringify({ filter: { startDate: '2026-10-01', endDate: '2026-10-31' } }) });
	expect(refused).toMatchObject({ status: 400, body: { details: { report: ['The maximum interval is 30 days'] } } });
	const created = await call('/reports', { method: 'POST', body: JSON.stringify({ filter: { startDate: '2026-10-01', endDate: '2026-10-30', playerId: [101] } }) });
	expect(created.body).toMatchObject({ status: 'waiting', url: null, format: 'json' });
	const report = await sim.whenFinished(Number(created.body.id));
	expect(report.status).toBe('success');
	const url = String((await call(`/reports/${report.id}`)).body.url);
	const file = await fetch(url);
	expect(file.status).toBe(200);
	const lines = gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
	expect(lines).toHaveLength(100);
	expect(new Set(lines.map((l) => l.playerId))).toEqual(new Set([101]));
	expect(String(lines[0].date) >= String(lines[99].date)).toBe(true);
	expect(sim.countPlays(report.id, []).map((r) => r.plays)).toEqual([100]);
	expect((await fetch(url.replace(/-[0-9a-f]+\.gz$/, '-0000.gz'))).status).toBe(404);
});

it('seeds a configurable number of players', async () => {
	sim = new FourYouSeeSimulator({ players: 5000 });
	expect(sim.store.players).toHaveLength(5000);
	expect(sim.store.medias).toHaveLength(40);
	expect(sim.store.players[0]).toMatchObject({ id: 101, group: { id: 1 }, playerStatus: { id: 1, name: 'Online' } });
});

describe('the documented shapes by default, the open readings as variants', () => {
	const json = async (path: string, init: RequestInit = {}) => (await call(path, init)).body;

	it('reports: the eight keys of GET, the reason only in the notification, rejections as details.report', async () => {
		sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0 }).start();
		const [failed] = sim.seedReports(1, 'failed');
		expect(Object.keys(await json(`/reports/${failed.id}`))).toEqual(['id', 'type', 'format', 'filter', 'status', 'url', 'createdAt', 'updatedAt']);
		expect(Object.keys(sim.notificationBody(failed))).toEqual(['id', 'status', 'error', 'filter']);
		sim.variant.failedReportError = true;
		expect(await json(`/reports/${failed.id}`)).toMatchObject({ status: 'failed', error: { code: 422 } });
		expect(await call('/reports/', { method: 'POST', body: JSON.stringify({ filter: { startDate: '2026-10-01', endDate: '2026-11-30' } }) })).toEqual({
			status: 400,
			headers: expect.anything(),
			body: { details: { report: ['The maximum interval is 30 days'] } },
		});
		sim.variant.foreignReportStatus = 404;
		expect((await call('/reports/158542')).status).toBe(404);
	});

	it('library answers as the recorded cases show them', async () => {
		sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0 }).start();
		const created = await json('/medias/categories/', { method: 'POST', body: JSON.stringify({ name: 'Sub', parent: 301 }) });
		expect(created).toMatchObject({ sequence: null, updateFlow: '1', description: null, parent: { id: 301, name: 'Ads', updateFlow: '1' } });
		expect(Object.keys(created.parent as object)).toEqual(['id', 'name', 'description', 'carouselThumbnail', 'autoShuffle', 'updateFlow']);
		const player = await json('/players', { method: 'POST', body: JSON.stringify({ name: 'Lobby', platform: 'ANDROID' }) });
		expect(player).not.toHaveProperty('lastLogReceived');
		expect(await json(`/players/${String(player.id)}`)).toHaveProperty('lastLogReceived', null);
		expect((await json('/newsources')).results).toEqual([
			expect.objectContaining({ onlyWithImages: 'No', approveAutomatically: 'Yes', insertContentAutomatically: false }),
			expect.objectContaining({ onlyWithImages: 'Yes', approveAutomatically: 'No', insertContentAutomatically: true, variables: null }),
		]);
		expect(await call('/news/999')).toMatchObject({ status: 400, body: { error: 'C004', message: 'Resource not found.' } });
		expect(await call('/medias/999', { method: 'DELETE' })).toMatchObject({ status: 400, body: { error: 'C004', message: 'Resource not found.' } });
		expect(await json('/medias?limit=5&name=nothing-like-this')).toEqual({ results: [], total: 0, currentPage: 1, totalPages: 0 });
	});

	it('sort and the undocumented filters switch', async () => {
		sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0 }).start();
		const ids = async (path: string) => ((await json(path)).results as Array<{ id: number }>).map((r) => r.id);
		expect(await ids('/templates?sort=-name')).toEqual([502, 501, 503]);
		expect((await ids('/players?name=curitiba')).length).toBe(12);
		sim.variant.sortIgnored = true;
		sim.variant.undocumentedFiltersHonoured = true;
		expect(await ids('/templates?sort=-name')).toEqual([501, 502, 503]);
		expect(await ids('/players?name=curitiba')).toEqual([104, 112]);
	});

	it('report files in CSV with the variant', async () => {
		sim = await new FourYouSeeSimulator({ timeScale: 0.001, rateLimitMs: 0, playlogLines: 10, variant: { reportFileFormat: 'csv-semicolon' } }).start();
		const [report] = sim.seedReports(1);
		const lines = gunzipSync(await sim.playlogFile(report.id)).toString('utf8').trim().split('\n');
		expect(lines[0]).toBe('account;date;time;playerId;mediaId;ip;type');
		expect(lines).toHaveLength(11);
	});
});
