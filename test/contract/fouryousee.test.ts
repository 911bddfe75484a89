/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * 4YouSee Manager against the answers its public sources print, replayed byte for byte by the
 * FixtureServer (not the simulator): every usable case of test/contract/fixtures/fouryousee.json
 * and every answer of the seed document goes through the node or the trigger in n8n's engine, and
 * the test asserts what a user sees (items, error messages in the provider's words) and what was
 * sent (method, path, query, body). The last test lists the cases replayed against the file.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../nodes/FourYouSee/transport';
import { readBinary, runWebhook, runWorkflow, type InputItem, type WorkflowRunResult } from '../harness/engine';
import { caseById, FixtureServer, loadCases, recordedAnswer, type Answer, type Received, type ShapeCase } from './fixture-server';

jest.setTimeout(30_000);

const NODE_TYPE = 'n8n-nodes-reporting.fourYouSee';
const TRIGGER_TYPE = 'n8n-nodes-reporting.fourYouSeeTrigger';
const NODE = '4YouSee';

const cases = loadCases('fouryousee');
const replayed = new Set<string>();

/** The case, marked as replayed. */
function use(id: string): ShapeCase {
	replayed.add(id);
	return caseById(cases, id);
}

/**
 * The recorded answer, with a status where the source shows none but the body is an error (the
 * client raised it): `status` stands for the one the notes name, and tests that matter try several.
 */
function answerOf(shape: ShapeCase, status?: number): Answer {
	const recorded = recordedAnswer(shape);
	return status === undefined ? recorded : { ...recorded, status };
}

let server: FixtureServer;
let tokens = 0;
let savedInterval: number | undefined;

beforeAll(() => {
	// Each test has its own token (pacing counts per account); within a test, requests are spaced
	// a little only. The pacing itself is tested in test/engine/fouryousee/report-pacing.test.ts.
	savedInterval = fourYouSeeProfile.minIntervalMs;
	fourYouSeeProfile.minIntervalMs = 20;
});

afterAll(() => {
	fourYouSeeProfile.minIntervalMs = savedInterval;
});

beforeEach(async () => {
	server = new FixtureServer();
	await server.start();
});

afterEach(async () => {
	await server.stop();
});

function credentials() {
	return { fourYouSeeApi: { baseUrl: `${server.url}/v1`, secretToken: `contract-token-${process.pid}-${++tokens}` } };
}

/** The requests that reached the API (`/v1/...`), in order. */
function apiCalls(): Received[] {
	return server.received.filter((r) => r.path.startsWith('/v1/'));
}

function bodyOf(received: Received): unknown {
	return received.body === '' ? undefined : JSON.parse(received.body);
}

function queryOf(received: Received): Record<string, string> {
	return Object.fromEntries(received.query.entries());
}

interface Run {
	run: WorkflowRunResult;
	items: INodeExecutionData[];
	json: IDataObject[];
	hints: string;
}

async function runNode(parameters: INodeParameters, options: { inputItems?: InputItem[]; continueOnFail?: boolean; typeVersion?: number } = {}): Promise<Run> {
	const run = await runWorkflow({
		workflow: {
			name: '4YouSee contract',
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'fys',
					name: NODE,
					type: NODE_TYPE,
					typeVersion: options.typeVersion ?? 2,
					position: [200, 0],
					parameters,
					credentials: { fourYouSeeApi: { id: '1', name: '4YouSee Manager (contract)' } },
					...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				},
			],
			connections: { Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		},
		credentials: credentials(),
		inputItems: options.inputItems ?? [{}],
	});
	const items = run.status === 'success' ? run.output(NODE) : [];
	const hints = JSON.stringify(run.runData[NODE]?.[0]?.hints ?? []);
	return { run, items, json: items.map((i) => i.json), hints };
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('lists', () => {
	it.each([
		['fys-users-list', 'user', '/v1/users'],
		['fys-users-groups-list', 'userGroup', '/v1/users/groups'],
		['fys-uploads-list', 'upload', '/v1/uploads'],
		['fys-uploads-list-empty', 'upload', '/v1/uploads'],
		['fys-medias-list-empty', 'media', '/v1/medias'],
	])('%s: Return All outputs the results and stops on the envelope', async (id, resource, path) => {
		const shape = use(id);
		server.on('GET', path, answerOf(shape));
		const { run, json } = await runNode({ resource, operation: 'getMany', returnAll: true });
		expect(run.status).toBe('success');
		expect(json).toEqual((shape.response.body as IDataObject).results);
		// One request: `totalPages` 1 (or 0 on an empty list while currentPage is 1), or `total` reached.
		expect(apiCalls().map((r) => [r.method, r.path, queryOf(r)])).toEqual([['GET', path, { page: '1', limit: '100' }]]);
	});

	it('fys-templates-list-page1: a Limit asks for one page of that size; a sort the answer ignores is applied and said', async () => {
		const shape = use('fys-templates-list-page1');
		server.on('GET', '/v1/templates', answerOf(shape));
		const plain = await runNode({ resource: 'template', operation: 'getMany', returnAll: false, limit: 10 });
		expect(plain.json).toEqual((shape.response.body as IDataObject).results);
		expect(queryOf(apiCalls()[0])).toEqual({ page: '1', limit: '10' });

		const sorted = await runNode({ resource: 'template', operation: 'getMany', returnAll: false, limit: 10, filters: { sort: 'name', sortDirection: 'descending', type: 'zip' } });
		expect(queryOf(apiCalls()[1])).toEqual({ page: '1', limit: '10', sort: '-name', type: 'zip' });
		const names = sorted.json.map((t) => String(t.name));
		expect(names[0]).toBe('Terra Últimas Notícias Horizontal HTML5');
		expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, undefined, { sensitivity: 'base' })));
		expect(sorted.hints).toContain('4YouSee did not apply the sort (-name)');
	});

	it('fys-medias-get-by-name-items: the name filter is sent; Simplify flattens categories and the schedule', async () => {
		const shape = use('fys-medias-get-by-name-items');
		server.on('GET', '/v1/medias', answerOf(shape));
		const raw = await runNode({ resource: 'media', operation: 'getMany', returnAll: true, filters: { name: 'play' } });
		expect(raw.json).toEqual(shape.response.results_items);
		expect(queryOf(apiCalls()[0])).toEqual({ page: '1', limit: '100', name: 'play' });
		const simple = await runNode({ resource: 'media', operation: 'getMany', returnAll: true, simplify: true });
		expect(simple.json[1]).toEqual({
			id: 125,
			name: 'player instalado',
			description: 'player instalado',
			file: 'i_125.gif',
			durationInSeconds: 0,
			categoryIds: [1],
			categoryNames: ['DEMO'],
			startDate: null,
			endDate: null,
		});
	});

	it('fys-players-list-items: players with a null audio playlist; Simplify keeps status and last contact', async () => {
		const shape = use('fys-players-list-items');
		server.on('GET', '/v1/players', answerOf(shape));
		const raw = await runNode({ resource: 'player', operation: 'getMany', returnAll: true });
		expect(raw.json).toEqual(shape.response.results_items);
		const simple = await runNode({ resource: 'player', operation: 'getMany', returnAll: true, simplify: true });
		expect(simple.json[1]).toEqual({
			id: 2,
			name: '2Outputs',
			description: '',
			platform: '4YOUSEE_PLAYER',
			groupId: 3,
			groupName: 'Clientes Barrio Sur A',
			status: 'Assistance needed',
			lastContactInMinutes: 413,
			lastLogReceived: '2022-06-21 13:11:38',
		});
	});

	it('fys-newsources-list-items: the 1/0 filter is sent; Simplify turns "Yes"/"No" into booleans', async () => {
		const shape = use('fys-newsources-list-items');
		server.on('GET', '/v1/newsources', answerOf(shape));
		const raw = await runNode({ resource: 'newsSource', operation: 'getMany', returnAll: true, filters: { insertContentAutomatically: 0 } });
		expect(raw.json).toEqual(shape.response.results_items);
		expect(queryOf(apiCalls()[0])).toMatchObject({ insertContentAutomatically: '0' });
		const simple = await runNode({ resource: 'newsSource', operation: 'getMany', returnAll: true, simplify: true });
		expect(simple.json.map((s) => [s.onlyWithImages, s.approveAutomatically, s.insertContentAutomatically, s.variables])).toEqual([
			[false, true, false, ['texto']],
			[true, true, true, []],
		]);
	});
});

describe('single objects', () => {
	it.each([
		['fys-medias-get', 'media', 'mediaId', '5', '/v1/medias/5'],
		['fys-categories-get', 'mediaCategory', 'categoryId', '24', '/v1/medias/categories/24'],
		['fys-categories-get-with-parent', 'mediaCategory', 'categoryId', '108', '/v1/medias/categories/108'],
		['fys-players-get', 'player', 'playerId', '5', '/v1/players/5'],
		['fys-playlists-get', 'playlist', 'playlistId', '2', '/v1/playlists/2'],
		['fys-news-get', 'news', 'newsId', '479', '/v1/news/479'],
		['fys-news-get-manual-source', 'news', 'newsId', '401579', '/v1/news/401579'],
		['fys-reports-get-success', 'report', 'reportId', '336', '/v1/reports/336'],
		['fys-reports-get-success-2', 'report', 'reportId', '521546', '/v1/reports/521546'],
		['seed-reports-get', 'report', 'reportId', '336', '/v1/reports/336'],
	])('%s: Get outputs the object as answered', async (id, resource, field, value, path) => {
		const shape = use(id);
		server.on('GET', path, answerOf(shape));
		// Half the cases with a picker value, half with the plain ID an older workflow saved.
		const { run, json } = await runNode({ resource, operation: 'get', [field]: tokens % 2 ? byId(value) : value });
		expect(run.status).toBe('success');
		expect(json).toEqual([shape.response.body]);
		expect(apiCalls().map((r) => [r.method, r.path])).toEqual([['GET', path]]);
	});

	it('fys-categories-get-with-parent: Simplify reads the parent object and the string updateFlow', async () => {
		const shape = caseById(cases, 'fys-categories-get-with-parent');
		server.on('GET', '/v1/medias/categories/108', answerOf(shape));
		const { json } = await runNode({ resource: 'mediaCategory', operation: 'get', categoryId: '108', simplify: true });
		expect(json).toEqual([
			{ id: 108, name: 'sample media category', description: null, parentId: 1, parentName: 'DEMO', childCount: 0, autoShuffle: false, updateFlow: 1, sequence: [] },
		]);
	});

	it('fys-playlists-put: Simplify reads a "videoWall" item like a "videowall" one', async () => {
		const shape = caseById(cases, 'fys-playlists-put');
		server.on('GET', '/v1/playlists/38', answerOf(shape));
		const { json } = await runNode({ resource: 'playlist', operation: 'get', playlistId: '38', simplify: true });
		expect(json[0]).toMatchObject({ id: 38, itemCount: 2, itemTypes: ['videowall', 'media'], mediaIds: [5], categoryId: null });
	});
});

describe('errors in the provider’s words', () => {
	it.each([
		['fys-medias-get-404', 'media', 'mediaId', '330', '/v1/medias/330', [404], 'Media with ID 330 was not found'],
		['fys-categories-get-404', 'mediaCategory', 'categoryId', '120', '/v1/medias/categories/120', [404], 'Category with ID 120 was not found'],
		['fys-categories-get-404-lib', 'mediaCategory', 'categoryId', '123456', '/v1/medias/categories/123456', [404, 400], 'Category with ID 123456 was not found'],
		['fys-players-get-404', 'player', 'playerId', '123456', '/v1/players/123456', [404, 400], 'Player with ID 123456 was not found'],
		['fys-playlists-get-404', 'playlist', 'playlistId', '123456', '/v1/playlists/123456', [404, 400], 'Playlist with ID 123456 was not found'],
		['fys-reports-get-404', 'report', 'reportId', '123456', '/v1/reports/123456', [404, 400], 'Report with ID 5215464 was not found'],
		['fys-news-get-404', 'news', 'newsId', '123456', '/v1/news/123456', [400, 404, 422], 'Resource not found.'],
		['fys-reports-get-foreign', 'report', 'reportId', '158542', '/v1/reports/158542', [403, 400, 404], 'Report with ID 158542 does not belong to current user'],
	])('%s: the message carries the Manager’s words and reads as not found, whatever the status', async (id, resource, field, value, path, statuses, words) => {
		const shape = use(id);
		for (const status of statuses) {
			server.on('GET', path, answerOf(shape, status), 1);
			const { run } = await runNode({ resource, operation: 'get', [field]: value });
			expect(run.status).toBe('error');
			expect(run.error?.message).toBe(`4YouSee Manager answered ${status}: ${words}`);
			expect(String((run.error as { description?: string }).description)).toMatch(/found at that ID|belongs to another 4YouSee account/);
		}
	});

	it('fys-news-get-404: C004 is said to be a "not found"', async () => {
		server.on('GET', '/v1/news/123456', answerOf(caseById(cases, 'fys-news-get-404'), 400));
		const { run } = await runNode({ resource: 'news', operation: 'get', newsId: '123456' });
		expect((run.error as { description?: string }).description).toContain('Nothing was found at that ID (4YouSee code C004)');
	});

	it('fys-players-put-inactive: an update refused for an inactive licence', async () => {
		const shape = use('fys-players-put-inactive');
		server.on('GET', '/v1/players/2', answerOf(caseById(cases, 'fys-players-get')));
		for (const status of [400, 403, 422]) {
			server.on('PUT', '/v1/players/2', answerOf(shape, status), 1);
			const { run } = await runNode({ resource: 'player', operation: 'update', playerId: '2', updateFields: { name: 'Lobby' } });
			expect(run.error?.message).toBe(`4YouSee Manager answered ${status}: Can not update an inactive player`);
		}
	});

	it.each([
		['fys-uploads-post-error-empty', 'Upload file is empty. Check the documentation for this resource for more information'],
		['fys-uploads-post-error-type', 'File type not allowed. Check the documentation for this resource for more information'],
	])('%s: a refused upload', async (id, words) => {
		const shape = use(id);
		server.on('POST', '/v1/uploads', answerOf(shape, 400));
		const { run } = await runNode(
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'data' },
			{ inputItems: [binaryItem(Buffer.from('not really a png'), 'logo.png', 'image/png')] },
		);
		expect(run.error?.message).toBe(`4YouSee Manager answered 400: ${words}`);
	});

	it('{message, detail}: both parts are shown', async () => {
		server.on('POST', '/v1/uploads', { status: 500, body: { message: 'An unexpected error occurred', detail: 'Disk quota exceeded' } });
		const { run } = await runNode(
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'data' },
			{ inputItems: [binaryItem(Buffer.from('x'), 'a.png', 'image/png')] },
		);
		expect(run.error?.message).toBe('4YouSee Manager answered 500: An unexpected error occurred Disk quota exceeded');
	});

	it('fys-uploads-delete-404: a missing upload', async () => {
		const shape = use('fys-uploads-delete-404');
		server.on('DELETE', '/v1/uploads/:id', answerOf(shape));
		const { run } = await runNode({ resource: 'upload', operation: 'delete', uploadId: byId('00fa6bba3bb250012278ae03754ad1bb') });
		expect(run.error?.message).toBe('4YouSee Manager answered 404: Upload file not found');
		expect(apiCalls()[0].path).toBe('/v1/uploads/00fa6bba3bb250012278ae03754ad1bb');
	});

	it('an HTML error page becomes a short message', async () => {
		server.on('GET', '/v1/players/5', { status: 502, headers: { 'content-type': 'text/html' }, body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>` }, 4);
		const { run } = await runNode({ resource: 'player', operation: 'get', playerId: '5', requestOptions: { maxAttempts: 1 } });
		expect(run.error?.message).toBe('4YouSee Manager answered 502');
		expect(String((run.error as { description?: string }).description)).toContain('had a problem on its side');
	});
});

describe('creates, updates and deletes', () => {
	it('fys-medias-post: Media Create from an uploaded file sends the documented body', async () => {
		const shape = use('fys-medias-post');
		server.on('POST', '/v1/medias', answerOf(shape));
		const { json } = await runNode({
			resource: 'media',
			operation: 'create',
			name: '4YouSee Sample Media',
			source: 'upload',
			uploadId: byId('8e8034bca7517716bca6a0350eea8294'),
			uploadFilename: 'i_7.mp4',
			categoryIds: [1, 24],
			additionalFields: { duration: 25, schedule: JSON.stringify((shape.request.body as IDataObject).schedule) },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(shape.request.body);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-medias-post-minimal: without a schedule, and the file name looked up in the staged files', async () => {
		const shape = use('fys-medias-post-minimal');
		server.on('GET', '/v1/uploads', { status: 200, body: { results: [{ id: 'u-422', filename: 'sample-mp4-file.mp4' }], total: 1 } });
		server.on('POST', '/v1/medias', answerOf(shape));
		// A saved (older) workflow: category IDs as comma-separated text.
		const { json } = await runNode({ resource: 'media', operation: 'create', name: 'sample-mp4-file', source: 'upload', uploadId: 'u-422', categoryIds: '31' });
		expect(bodyOf(apiCalls()[1])).toEqual({ ...(shape.request.body as IDataObject), file: { id: 'u-422', filename: 'sample-mp4-file.mp4' } });
		expect(json[0]).toMatchObject({ id: 422, schedule: { times: [] } });
	});

	it('fys-medias-put: Update sends only the name', async () => {
		const shape = use('fys-medias-put');
		server.on('PUT', '/v1/medias/5', answerOf(shape));
		const { json } = await runNode({ resource: 'media', operation: 'update', mediaId: byId('5'), updateFields: { name: 'Sample Media Renamed' } });
		expect(bodyOf(apiCalls()[0])).toEqual(shape.request.body);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-medias-delete and fys-medias-delete-404: the deleted media becomes {deleted: true}; 400 C004 is "not found"', async () => {
		server.on('DELETE', '/v1/medias/52', answerOf(use('fys-medias-delete')), 1);
		expect((await runNode({ resource: 'media', operation: 'delete', mediaId: '52' })).json).toEqual([{ deleted: true }]);
		server.on('DELETE', '/v1/medias/52', answerOf(use('fys-medias-delete-404')));
		const { run } = await runNode({ resource: 'media', operation: 'delete', mediaId: '52' });
		expect(run.error?.message).toBe('Media 52 was not found');
		expect((run.error as { description?: string }).description).toContain('4YouSee Manager answered 400 C004 "Resource not found."');
	});

	it('fys-categories-post-request and fys-categories-post: Create sends name, description, parent', async () => {
		const request = use('fys-categories-post-request');
		const created = use('fys-categories-post');
		server.on('POST', '/v1/medias/categories', answerOf(created));
		const { json } = await runNode({
			resource: 'mediaCategory',
			operation: 'create',
			name: 'Marketing',
			additionalFields: { description: 'Content related to market of company', parent: byId('24') },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(request.request.body);
		expect(json).toEqual([created.response.body]);
	});

	it('fys-categories-put-parent and fys-categories-put-request: Update sends only what is set; Top Level is null', async () => {
		const parent = use('fys-categories-put-parent');
		server.on('PUT', '/v1/medias/categories/52', answerOf(parent));
		const moved = await runNode({ resource: 'mediaCategory', operation: 'update', categoryId: '52', updateFields: { parent: byId('53') } });
		expect(bodyOf(apiCalls()[0])).toEqual(parent.request.body);
		expect(moved.json).toEqual([parent.response.body]);

		const renamed = use('fys-categories-put-request');
		server.on('PUT', '/v1/medias/categories/1', { status: 200, body: { id: 1 } });
		await runNode({
			resource: 'mediaCategory',
			operation: 'update',
			categoryId: '1',
			updateFields: { name: 'Sample Category Renamed', description: '', parent: { __rl: true, mode: 'list', value: 'none' } },
		});
		expect(bodyOf(apiCalls()[1])).toEqual(renamed.request.body);
	});

	it('fys-categories-bulk-put: several categories in one request', async () => {
		const shape = use('fys-categories-bulk-put');
		server.on('PUT', '/v1/medias/categories/bulk', answerOf(shape));
		const { json } = await runNode({
			resource: 'mediaCategory',
			operation: 'bulkUpdate',
			categories: {
				category: [
					{ id: byId('11'), name: 'Category #11', description: 'Description for category 11', parent: byId('10'), sequence: '99, 1, 230' },
					{ id: '12', name: 'Category #12', description: 'Description for category 12', parent: '', sequence: '99,230' },
				],
			},
		});
		expect(bodyOf(apiCalls()[0])).toEqual(shape.request.body);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-players-post: Create sends the documented player body', async () => {
		const shape = use('fys-players-post');
		server.on('POST', '/v1/players', answerOf(shape));
		const { json } = await runNode({
			resource: 'player',
			operation: 'create',
			name: 'Player name example',
			platform: '4YOUSEE_PLAYER',
			additionalFields: { description: 'Player description example', groupId: 1, audioPlaylistId: byId('1'), playlists: { everyDay: byId('1') } },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(shape.request.body);
		// The POST answer has no lastLogReceived (9 keys): passed on as it is.
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-players-put: Update reads the player and puts the whole documented body back', async () => {
		const shape = use('fys-players-put');
		server.on('GET', '/v1/players/2', { status: 200, body: { ...(shape.response.body as IDataObject), lastLogReceived: null } });
		server.on('PUT', '/v1/players/2', answerOf(shape));
		// A workflow saved before the pickers: weekday playlist as a number.
		const { json } = await runNode({ resource: 'player', operation: 'update', playerId: '2', updateFields: { playlists: { everyDay: 3 } } }, { typeVersion: 1 });
		expect(apiCalls().map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(bodyOf(apiCalls()[1])).toEqual(shape.request.body);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-players-delete, fys-news-delete: 204 becomes {deleted: true}', async () => {
		server.on('DELETE', '/v1/players/10', answerOf(use('fys-players-delete')));
		expect((await runNode({ resource: 'player', operation: 'delete', playerId: byId('10') })).json).toEqual([{ deleted: true }]);
		server.on('DELETE', '/v1/news/:id', answerOf(use('fys-news-delete')));
		expect((await runNode({ resource: 'news', operation: 'delete', newsId: '479' })).json).toEqual([{ deleted: true }]);
	});

	it('fys-playlists-put: Update sends the documented playlist body', async () => {
		const shape = use('fys-playlists-put');
		const sent = shape.request.body as IDataObject;
		server.on('PUT', '/v1/playlists/38', answerOf(shape));
		const { json } = await runNode({
			resource: 'playlist',
			operation: 'update',
			playlistId: byId('38'),
			updateFields: { name: sent.name as string, isSubPlaylist: false, category: 0, items: JSON.stringify(sent.items), sequence: '0, 1' },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(sent);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-playlists-put: the items of that answer can be sent back as they are ("videoWall" becomes "videowall")', async () => {
		const shape = caseById(cases, 'fys-playlists-put');
		server.on('PUT', '/v1/playlists/38', answerOf(shape));
		const answered = (shape.response.body as IDataObject).items as IDataObject[];
		await runNode({ resource: 'playlist', operation: 'update', playlistId: '38', updateFields: { items: JSON.stringify(answered), sequence: '0,1' } });
		const items = (bodyOf(apiCalls()[0]) as IDataObject).items as IDataObject[];
		expect(items[0]).toMatchObject({ type: 'videowall', grid: [[{ type: 'media', id: 4 }, { type: 'media', id: 1 }], [{ type: 'media', id: 2 }, { type: 'media', id: 4 }]] });
	});

	it('fys-playlists-post: Create sends name, category, items and sequence', async () => {
		const shape = use('fys-playlists-post');
		const sent = shape.request.body as IDataObject;
		server.on('POST', '/v1/playlists', answerOf(shape));
		const { json } = await runNode({
			resource: 'playlist',
			operation: 'create',
			name: sent.name as string,
			items: JSON.stringify(sent.items),
			sequence: '0,1,2,3',
			additionalFields: { category: 1 },
		});
		// The client spells it `isSubplaylist`; the docs and every answer `isSubPlaylist`.
		const { isSubplaylist, ...rest } = sent;
		expect(bodyOf(apiCalls()[0])).toEqual({ ...rest, isSubPlaylist: isSubplaylist });
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-playlists-put-carousel-shape: carousel items with items and sequence pass through', async () => {
		const shape = use('fys-playlists-put-carousel-shape');
		server.on('PUT', '/v1/playlists/75', answerOf(shape));
		const { json } = await runNode({ resource: 'playlist', operation: 'update', playlistId: '75', updateFields: { name: 'Changing playlist name' } });
		expect(bodyOf(apiCalls()[0])).toEqual({ name: 'Changing playlist name' });
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-news-post: Create sends content, dates, news source and image', async () => {
		const shape = use('fys-news-post');
		const sent = shape.request.body as IDataObject;
		server.on('POST', '/v1/news', answerOf(shape));
		const { json } = await runNode({
			resource: 'news',
			operation: 'create',
			newsourceId: byId('50'),
			content: JSON.stringify(sent.content),
			startDate: '2017-03-01T09:00:00',
			endDate: '2017-03-31 13:00:00',
			additionalFields: { uploadId: byId('6480992b330223e231722f00e7e01b6b'), uploadFilename: '647600.jpeg' },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(sent);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-news-put: Update sends status, content and dates', async () => {
		const shape = use('fys-news-put');
		const sent = shape.request.body as IDataObject;
		server.on('PUT', '/v1/news/479', answerOf(shape));
		const { json } = await runNode({
			resource: 'news',
			operation: 'update',
			newsId: '479',
			updateFields: { status: 'approved', content: JSON.stringify(sent.content), startDate: '2017-03-01 09:00:00', endDate: '2017-03-31T13:00:00' },
		});
		expect(bodyOf(apiCalls()[0])).toEqual(sent);
		expect(json).toEqual([shape.response.body]);
	});

	it.each([
		['fys-uploads-post-image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), '4yousee.png', 'image/png'],
		['fys-uploads-post-video', Buffer.from('....ftypmp42'), '4YouSee Colors.mp4', 'video/mp4'],
	])('%s: Upload Create sends one file in the multipart field "media"', async (id, bytes, fileName, mimeType) => {
		const shape = use(id);
		server.on('POST', '/v1/uploads', answerOf(shape));
		const { json } = await runNode({ resource: 'upload', operation: 'create', binaryPropertyName: 'data' }, { inputItems: [binaryItem(bytes, fileName, mimeType)] });
		const call = apiCalls()[0];
		expect(String(call.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(call.body).toContain(`Content-Disposition: form-data; name="media"; filename="${fileName}"`);
		expect(json).toEqual([shape.response.body]);
	});
});

describe('reports', () => {
	const waiting = () => answerOf(caseById(cases, 'fys-reports-post'));

	it('fys-reports-post: Create sends the documented filter and outputs the waiting report', async () => {
		const shape = use('fys-reports-post');
		server.on('POST', '/v1/reports', answerOf(shape));
		const { json } = await runNode({ resource: 'report', operation: 'create', start: '2020-07-26T00:00:00', end: '2020-08-24T00:00:00' });
		expect(apiCalls()[0].path).toBe('/v1/reports');
		expect(bodyOf(apiCalls()[0])).toEqual(shape.request.body);
		expect(json).toEqual([shape.response.body]);
	});

	it('fys-reports-post-with-webhook-request and the seed example: the End day is whole, not the one second of endTime 00:00:00', async () => {
		const doc = use('fys-reports-post-with-webhook-request');
		const seed = use('seed-reports-post-request');
		expect(seed.request.body).toEqual(doc.request.body);
		server.on('POST', '/v1/reports', waiting());
		const parameters = { resource: 'report', operation: 'create', start: '2020-07-26T00:00:00', end: '2020-07-26T00:00:00', webhookUrl: 'http://7593822c1d06.ngrok.io/' };
		await runNode(parameters);
		const sent = doc.request.body as { filter: IDataObject };
		expect(bodyOf(apiCalls()[0])).toEqual({ ...sent, filter: { ...sent.filter, endTime: '23:59:59' } });
		// The seed's exact body, for whoever really means one second: End Time.
		await runNode({ ...parameters, options: { endTime: '00:00:00' } });
		expect(bodyOf(apiCalls()[1])).toEqual(seed.request.body);
	});

	it('fys-reports-post-receiver-request: a webhook URL with a path and a trailing slash is sent as it is', async () => {
		const shape = use('fys-reports-post-receiver-request');
		server.on('POST', '/v1/reports', answerOf(shape));
		const { run } = await runNode({
			resource: 'report',
			operation: 'create',
			start: '2026-11-01',
			end: '2026-11-07',
			webhookUrl: 'https://receiver.example.com/playlogs/',
			playerIds: [],
			mediaIds: [],
		});
		expect(run.status).toBe('success');
		const template = shape.request.body as { filter: IDataObject };
		expect(bodyOf(apiCalls()[0])).toEqual({
			type: 'detailed',
			webhook: 'https://receiver.example.com/playlogs/',
			filter: { ...template.filter, startDate: '2026-11-01', endDate: '2026-11-07' },
		});
	});

	it('fys-reports-post-rejected: the reason in details.report[0] is the message, whatever the status', async () => {
		const shape = use('fys-reports-post-rejected');
		for (const status of [400, 422]) {
			server.on('POST', '/v1/reports', answerOf(shape, status), 1);
			const { run } = await runNode({ resource: 'report', operation: 'create', start: '2026-11-01', end: '2026-11-07' });
			expect(run.error?.message).toBe(`4YouSee Manager answered ${status}: <human-readable reason>`);
		}
	});

	it('Get Many: the list shape is not recorded; each item has the eight keys of fys-reports-list-item-keys', async () => {
		const keys = (use('fys-reports-list-item-keys').response as { item_keys?: string[] }).item_keys ?? [];
		const report = caseById(cases, 'fys-reports-get-success').response.body as IDataObject;
		expect(Object.keys(report)).toEqual(keys);
		server.on('GET', '/v1/reports', { status: 200, body: { results: [report], total: 1, currentPage: 1, totalPages: 1 } });
		const { json } = await runNode({ resource: 'report', operation: 'getMany', returnAll: true });
		expect(json).toEqual([report]);
	});
});

describe('Get Playlogs on the documented file', () => {
	/**
	 * The file is bytes on S3, which the FixtureServer (JSON and text) cannot send: a plain server
	 * stands in for the bucket, serving files built from the recorded lines.
	 */
	let bucket: Server;
	let bucketUrl = '';
	let file: { bytes: Buffer; type: string } = { bytes: Buffer.alloc(0), type: 'application/x-gzip' };
	const downloads: IncomingMessage['headers'][] = [];

	beforeAll(async () => {
		bucket = createServer((req, res) => {
			downloads.push(req.headers);
			res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length }).end(file.bytes);
		});
		await new Promise<void>((resolve) => bucket.listen(0, '127.0.0.1', resolve));
		bucketUrl = `http://127.0.0.1:${(bucket.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		bucket.closeAllConnections();
		await new Promise<void>((resolve) => bucket.close(() => resolve()));
	});

	const line1 = () => use('fys-report-file-line-1').raw as string;
	const playlog1 = () => caseById(cases, 'fys-report-file-line-1').response.body as IDataObject;

	/** The docs' success report, its link pointing at the stand-in bucket (case fys-report-file-download). */
	function serveReport(bytes: Buffer, type = 'application/x-gzip'): void {
		use('fys-report-file-download');
		file = { bytes, type };
		const report = { ...(caseById(cases, 'fys-reports-get-success').response.body as IDataObject) };
		report.url = `${bucketUrl}/qa/336-5f5962da8e150.gz`;
		server.on('GET', '/v1/reports/336', { status: 200, body: report });
	}

	/** The recorded line as CSV, with the columns of fys-playlog-stored-fields and the given separator. */
	function csvOf(separator: string, quoted = false): string {
		const keys = use('fys-playlog-stored-fields').line_keys as string[];
		const values = keys.map((k) => String(playlog1()[k]));
		const cell = (v: string) => (quoted ? `"${v.replace(/"/g, '""')}"` : v);
		return `${keys.map(cell).join(separator)}\r\n${values.map(cell).join(separator)}\r\n`;
	}

	it('fys-report-file-line-1: gzip NDJSON gives the documented fields; the download carries no Secret-Token', async () => {
		serveReport(gzipSync(`${line1()}\n`));
		const { run, json } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'playlogs' });
		expect(run.status).toBe('success');
		expect(json).toEqual([playlog1()]);
		expect(downloads.at(-1)?.['secret-token']).toBeUndefined();
	});

	it.each([
		['comma', ',', false],
		['semicolon', ';', false],
		['semicolon, quoted', ';', true],
	])('the same playlog as CSV (%s) gives the same item and the same counts', async (_label, separator, quoted) => {
		for (const gzip of [true, false]) {
			const text = csvOf(separator, quoted);
			serveReport(gzip ? gzipSync(text) : Buffer.from(text), gzip ? 'application/x-gzip' : 'text/csv');
			const { json } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'playlogs' });
			expect(json).toEqual([playlog1()]);
			const summary = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'summary', groupBy: ['mediaId', 'playerId'] });
			expect(summary.json).toEqual([{ reportId: 336, mediaId: 48, playerId: 4, plays: 1 }]);
		}
	});

	it('the File output is named after what the file holds, NDJSON or CSV, in both formats', async () => {
		const cases_: Array<[Buffer, string, string, string]> = [
			[gzipSync(`${line1()}\n`), 'gzip', '4yousee-report-336.ndjson.gz', 'application/gzip'],
			[gzipSync(`${line1()}\n`), 'ndjson', '4yousee-report-336.ndjson', 'application/x-ndjson'],
			[gzipSync(csvOf(';')), 'gzip', '4yousee-report-336.csv.gz', 'application/gzip'],
			[gzipSync(csvOf(',')), 'ndjson', '4yousee-report-336.csv', 'text/csv'],
		];
		for (const [bytes, fileFormat, fileName, mimeType] of cases_) {
			serveReport(bytes);
			const { run, items } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'file', fileFormat, binaryPropertyName: 'data' });
			expect(run.status).toBe('success');
			expect(items[0].binary?.data).toMatchObject({ fileName, mimeType });
			expect((await readBinary(items[0].binary!.data)).equals(fileFormat === 'gzip' ? bytes : gunzipSync(bytes))).toBe(true);
		}
	});

	it('a large file is still streamed and named by its first line', async () => {
		const pad = (n: number) => String(n).padStart(2, '0');
		const lines = Array.from({ length: 20_000 }, (_, i) => {
			const time = `${pad(Math.floor(i / 3600) % 24)}:${pad(Math.floor(i / 60) % 60)}:${pad(i % 60)}`;
			return `alfareiza-3385E2,2021-07-26,${time},${(i % 7) + 1},${(i * 7919) % 1000},10.0.${i % 251}.${i % 241},I`;
		});
		const bytes = gzipSync(`account,date,time,playerId,mediaId,ip,type\n${lines.join('\n')}\n`);
		// Larger than the head the node reads to tell the format: the rest streams through.
		expect(bytes.length).toBeGreaterThan(64 * 1024);
		serveReport(bytes);
		const { items } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'file', fileFormat: 'gzip', binaryPropertyName: 'data' });
		expect(items[0].binary?.data).toMatchObject({ fileName: '4yousee-report-336.csv.gz', mimeType: 'application/gzip' });
		expect((await readBinary(items[0].binary!.data)).equals(bytes)).toBe(true);
		const summary = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'summary', groupBy: ['playerId'] });
		expect(summary.json.map((r) => r.plays)).toEqual([2858, 2857, 2857, 2857, 2857, 2857, 2857]);
	});

	it('fys-report-file-line-2-partial: a line cut off in the middle is named by its number', async () => {
		const partial = use('fys-report-file-line-2-partial').raw as string;
		serveReport(gzipSync(`${line1()}\n${partial}\n`));
		const { run } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'summary', groupBy: [] });
		expect(run.error?.message).toMatch(/^Report 336: Line 2 of the playlog file is not a valid playlog \(/);
	});

	it('a To filter before the report’s range says so after the run', async () => {
		serveReport(gzipSync(`${line1()}\n`));
		const { json, hints } = await runNode({ resource: 'report', operation: 'getPlaylogs', reportId: '336', output: 'summary', groupBy: [], filters: { to: '2020-07-31T00:00:00' } });
		expect(json).toEqual([]);
		expect(hints).toContain("lies outside report 336's range (2020-08-01 00:00:01 to 2020-08-09 23:59:59)");
	});
});

/** A binary input item as an earlier node (Read File, HTTP Request) would hand it over. */
function binaryItem(bytes: Buffer, fileName: string, mimeType: string): INodeExecutionData {
	return { json: {}, binary: { data: { data: bytes.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop() } } };
}

describe('the trigger on the documented notifications', () => {
	/**
	 * `GET /reports/{id}` of a failed report: no source shows one. The report object's eight keys
	 * (fys-reports-list-item-keys) with the failure's id and filter, and no `error`, which is what
	 * the sources show of the API's copy.
	 */
	function failedCopy(notification: IDataObject): IDataObject {
		return {
			id: notification.id,
			type: 'detailed',
			format: 'json',
			filter: notification.filter,
			status: 'failed',
			url: null,
			createdAt: '2020-09-18T10:00:00+00:00',
			updatedAt: '2020-09-18T10:05:00+00:00',
		};
	}

	async function deliver(request: Parameters<typeof runWebhook>[0]['request'], event = 'failed') {
		return await runWebhook({
			node: { type: TRIGGER_TYPE, name: `Contract trigger ${++tokens}`, parameters: { event } },
			credentials: credentials(),
			staticData: {},
			request,
		});
	}

	it.each(['fys-webhook-failed', 'seed-webhook-failed'])('%s: emits the API’s copy with the reason from the notification', async (id) => {
		const notification = use(id).request.body as IDataObject;
		server.on('GET', '/v1/reports/234', { status: 200, body: failedCopy(notification) });
		const hit = await deliver({ body: notification });
		expect(hit.response.statusCode).toBe(200);
		expect(hit.workflowData?.[0].map((i) => i.json)).toEqual([
			{ ...failedCopy(notification), error: { code: 422, message: 'There was an error generating the report' }, errorSource: 'notification' },
		]);
		expect(apiCalls().map((r) => [r.method, r.path])).toEqual([['GET', '/v1/reports/234']]);
	});

	it('the API’s own reason wins when it has one', async () => {
		const notification = caseById(cases, 'fys-webhook-failed').request.body as IDataObject;
		server.on('GET', '/v1/reports/234', { status: 200, body: { ...failedCopy(notification), error: { code: 500, message: 'Storage unavailable' } } });
		const hit = await deliver({ body: notification });
		expect(hit.workflowData?.[0][0].json).toMatchObject({ error: { code: 500, message: 'Storage unavailable' }, errorSource: 'api' });
	});

	it('fys-webhook-failed-python-literal: a notification written as a Python literal is read, never evaluated', async () => {
		const shape = use('fys-webhook-failed-python-literal');
		const notification = caseById(cases, 'fys-webhook-failed').request.body as IDataObject;
		server.on('GET', '/v1/reports/234', { status: 200, body: failedCopy(notification) });
		const raw = (shape.request as unknown as { raw: string }).raw;
		const hit = await deliver({ headers: { 'content-type': 'text/plain' }, rawBody: raw, body: raw });
		expect(hit.response.statusCode).toBe(200);
		expect(hit.workflowData?.[0][0].json).toMatchObject({ id: 234, status: 'failed', error: { code: 422, message: 'There was an error generating the report' } });

		const withNone = "{'id': 234, 'status': 'success', 'url': None, 'ready': True, 'note': \"it's done\"}";
		const again = await deliver({ headers: { 'content-type': 'text/plain' }, rawBody: withNone, body: withNone }, 'any');
		expect(again.response.statusCode).toBe(200);
		expect(again.workflowData?.[0][0].json).toMatchObject({ id: 234, status: 'failed' });

		const code = "__import__('os').system('true')";
		const refused = await deliver({ headers: { 'content-type': 'text/plain' }, rawBody: code, body: code });
		expect(refused.response.statusCode).toBe(400);
	});

	it('fys-reports-get-success as a notification: the trigger emits what the API answers', async () => {
		const report = caseById(cases, 'fys-reports-get-success').response.body as IDataObject;
		server.on('GET', '/v1/reports/336', { status: 200, body: report });
		const hit = await deliver({ body: { ...report, url: 'https://attacker.example/x.gz' } }, 'success');
		expect(hit.workflowData?.[0].map((i) => i.json)).toEqual([report]);
	});

	it('fys-reports-get-foreign: a notification for a report of another account is answered 404', async () => {
		server.on('GET', '/v1/reports/158542', answerOf(caseById(cases, 'fys-reports-get-foreign'), 400));
		const hit = await deliver({ body: { id: 158542, status: 'success' } }, 'any');
		expect(hit.response.statusCode).toBe(404);
		expect(hit.workflowData).toBeUndefined();
	});
});

const UNUSABLE: Record<string, string> = {};

it('replays every recorded case and every answer of the seed', () => {
	const missing = cases.filter((c) => !replayed.has(c.id) && !(c.id in UNUSABLE)).map((c) => c.id);
	expect(missing).toEqual([]);
	const seeds = cases.filter((c) => c.kind === 'seed').map((c) => c.id);
	expect(seeds.length).toBeGreaterThanOrEqual(3);
	for (const id of seeds) expect(replayed).toContain(id);
});
