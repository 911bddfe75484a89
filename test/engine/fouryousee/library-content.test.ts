import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { runNode, startLibrarySimulator } from './library-helpers';

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	sim = await startLibrarySimulator();
});

afterAll(async () => {
	await sim.stop();
});

const paths = (requests: FourYouSeeSimulator['requests']) => requests.map((r) => `${r.method} ${r.path}`);

describe('Playlist', () => {
	it('Create sends items and a default sequence that plays each item once', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'playlist',
			operation: 'create',
			name: 'Lunch',
			items: '[{"type":"media","id":2001},{"type":"news","durationInSeconds":10},{"type":"media","id":2002}]',
			sequence: '',
			additionalFields: { isSubPlaylist: true },
		});
		expect(paths(requests)).toEqual(['POST /v1/playlists']);
		expect(json[0]).toMatchObject({ name: 'Lunch', isSubPlaylist: true, category: null, sequence: [0, 1, 2] });
		expect((json[0].items as unknown[]).length).toBe(3);
	});

	it('Create takes a sequence with repeats and refuses one that points past the items', async () => {
		const ok = await runNode(sim, {
			resource: 'playlist',
			operation: 'create',
			name: 'Repeat',
			items: [{ type: 'media', id: 2001 }, { type: 'media', id: 2002 }],
			sequence: '0, 1, 0',
		});
		expect(ok.json[0].sequence).toEqual([0, 1, 0]);

		const bad = await runNode(sim, { resource: 'playlist', operation: 'create', name: 'Bad', items: '[{"type":"media","id":2001}]', sequence: '0, 3' });
		expect(bad.run.status).toBe('error');
		expect(bad.run.error?.message).toBe('Sequence position "3" does not point at an item');
		expect(bad.requests).toHaveLength(0);

		const notJson = await runNode(sim, { resource: 'playlist', operation: 'create', name: 'Bad', items: '[{"type":' });
		expect(notJson.run.error?.message).toBe('Items (JSON) is not valid JSON');
	});

	it('Get returns the expanded items and duration', async () => {
		const { json } = await runNode(sim, { resource: 'playlist', operation: 'get', playlistId: '401' });
		expect(json[0]).toMatchObject({ id: 401, durationInSeconds: expect.any(Number), category: null });
		expect((json[0].items as Array<Record<string, unknown>>)[0]).toEqual({
			type: 'media',
			id: 2001,
			name: 'Ads 01',
			file: 'v_2001.mp4',
			durationInSeconds: 15,
			categories: [{ id: 301, name: 'Ads' }],
		});
	});

	it('Get Simplify keeps what a workflow acts on', async () => {
		const { json } = await runNode(sim, { resource: 'playlist', operation: 'get', playlistId: '401', simplify: true });
		expect(json[0]).toEqual({
			id: 401,
			name: 'Playlist Morning',
			durationInSeconds: expect.any(Number),
			isSubPlaylist: false,
			categoryId: null,
			categoryName: null,
			itemCount: 5,
			itemTypes: ['media', 'media', 'media', 'media', 'media'],
			mediaIds: [2001, 2002, 2003, 2004, 2005],
		});
	});

	it('sends a videowall read from a playlist back in the request form', async () => {
		sim.store.playlists.push({ id: 499, name: 'Wall', isSubPlaylist: false, category: null, items: [{ type: 'videowall', abortIfError: false, ignoreLayout: false, grid: [[{ type: 'media', id: 2001 }, { type: 'media', id: 2002 }]] }], sequence: [0] });
		const read = await runNode(sim, { resource: 'playlist', operation: 'get', playlistId: '499' });
		const items = read.json[0].items as Array<Record<string, unknown>>;
		expect(items[0]).toMatchObject({ type: 'videoWall', grid: [[expect.not.objectContaining({ type: 'media' }), expect.anything()]] });
		const written = await runNode(sim, { resource: 'playlist', operation: 'update', playlistId: '499', updateFields: { items: JSON.stringify(items) } });
		expect(written.run.status).toBe('success');
		const stored = sim.store.playlists.find((p) => p.id === 499)!.items as Array<Record<string, unknown>>;
		expect(stored[0]).toMatchObject({ type: 'videowall', grid: [[{ type: 'media', id: 2001 }, { type: 'media', id: 2002 }]] });
	});

	it('Get Many lists and filters playlists', async () => {
		const all = await runNode(sim, { resource: 'playlist', operation: 'getMany', returnAll: true });
		expect(all.json.map((p) => p.id)).toEqual(sim.store.playlists.map((p) => p.id));
		const some = await runNode(sim, { resource: 'playlist', operation: 'getMany', returnAll: true, filters: { id: '402,403' } });
		expect(some.json.map((p) => p.id)).toEqual([402, 403]);
	});

	it('Update sends only the fields set, items with their sequence', async () => {
		const before = structuredClone(sim.store.playlists.find((p) => p.id === 402)!);
		const renamed = await runNode(sim, { resource: 'playlist', operation: 'update', playlistId: '402', updateFields: { name: 'Renamed' } });
		expect(renamed.json[0]).toMatchObject({ name: 'Renamed', sequence: before.sequence });
		const reordered = await runNode(sim, {
			resource: 'playlist',
			operation: 'update',
			playlistId: '402',
			updateFields: { items: '[{"type":"media","id":2010}]' },
		});
		expect(reordered.json[0]).toMatchObject({ name: 'Renamed', sequence: [0] });
		const lonely = await runNode(sim, { resource: 'playlist', operation: 'update', playlistId: '402', updateFields: { sequence: '0' } });
		expect(lonely.run.error?.message).toBe('Sequence needs Items');
	});

	it('Delete answers { deleted: true }', async () => {
		const { json } = await runNode(sim, { resource: 'playlist', operation: 'delete', playlistId: '406' });
		expect(json).toEqual([{ deleted: true }]);
		expect(sim.store.playlists.some((p) => p.id === 406)).toBe(false);
		const again = await runNode(sim, { resource: 'playlist', operation: 'delete', playlistId: '406' });
		expect(again.run.error?.message).toContain('Playlist with ID 406 was not found');
	});
});

describe('Media Category', () => {
	it('Create makes a subcategory', async () => {
		const { json } = await runNode(sim, {
			resource: 'mediaCategory',
			operation: 'create',
			name: 'Christmas',
			additionalFields: { description: 'Seasonal', parent: 305 },
		});
		// Requests send the parent's ID, answers the parent object (case fys-categories-get-with-parent).
		expect(json[0]).toMatchObject({ name: 'Christmas', description: 'Seasonal', parent: { id: 305, name: 'Promotions' }, sequence: null });
	});

	it('Get and Get Many', async () => {
		const one = await runNode(sim, { resource: 'mediaCategory', operation: 'get', categoryId: '301' });
		expect(one.json[0]).toMatchObject({ id: 301, name: 'Ads' });
		const many = await runNode(sim, { resource: 'mediaCategory', operation: 'getMany', returnAll: false, limit: 3 });
		expect(many.json.map((c) => c.id)).toEqual([301, 302, 303]);
		const missing = await runNode(sim, { resource: 'mediaCategory', operation: 'get', categoryId: '120' });
		expect(missing.run.error?.message).toContain('Category with ID 120 was not found');
	});

	it('Update sends updateflow, sequence, autoShuffle and parent null for 0', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'mediaCategory',
			operation: 'update',
			categoryId: '302',
			updateFields: { updateflow: 2, sequence: '2001, 2002', autoShuffle: true, parent: 0 },
		});
		expect(requests).toHaveLength(1);
		expect(json[0]).toMatchObject({ id: 302, updateFlow: '2', sequence: [2001, 2002], autoShuffle: true, parent: null });
	});

	it('Bulk Update sends every category in one request; empty fields keep their value', async () => {
		const before = structuredClone(sim.store.mediaCategories.find((c) => c.id === 304)!);
		const { json, requests } = await runNode(sim, {
			resource: 'mediaCategory',
			operation: 'bulkUpdate',
			categories: {
				category: [
					{ id: '303', name: 'Breaking news', description: '', parent: '', sequence: '2003' },
					{ id: '304', name: '', description: 'Only this', parent: '', sequence: '' },
				],
			},
		});
		expect(paths(requests)).toEqual(['PUT /v1/medias/categories/bulk']);
		expect(json[0].carouselItems).toHaveLength(2);
		const c303 = sim.store.mediaCategories.find((c) => c.id === 303)!;
		const c304 = sim.store.mediaCategories.find((c) => c.id === 304)!;
		expect(c303).toMatchObject({ name: 'Breaking news', sequence: [2003] });
		expect(c304).toMatchObject({ name: before.name, description: 'Only this', sequence: before.sequence, parent: before.parent });
	});
});

describe('News', () => {
	it('Create sends content, Manager-style dates and the news source', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'news',
			operation: 'create',
			newsourceId: 601,
			content: '{"product":"Apple Juice","price":"2.50"}',
			startDate: '2026-12-01T09:00:00',
			endDate: '2026-12-31T13:30:00.000Z',
		});
		expect(paths(requests)).toEqual(['POST /v1/news']);
		expect(json[0]).toMatchObject({
			content: { product: 'Apple Juice', price: '2.50' },
			startDate: '2026-12-01 09:00:00',
			endDate: '2026-12-31 13:30:00',
			newsourceId: 601,
			newsourceName: 'Company news',
			status: 'approved',
		});
	});

	it('Get, Get Many with filters, Update and Delete', async () => {
		const got = await runNode(sim, { resource: 'news', operation: 'get', newsId: '701' });
		expect(got.json[0]).toMatchObject({ id: 701, hash: expect.any(String) });

		const waiting = await runNode(sim, {
			resource: 'news',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'waiting', newsourceId: '602', startDate: '2026-11-01T00:00:00' },
		});
		expect(waiting.requests[0].query).toMatchObject({ status: 'waiting', newsourceId: '602', startDate: '2026-11-01' });
		expect(waiting.json.map((n) => n.id)).toEqual([702, 704]);

		const byContent = await runNode(sim, { resource: 'news', operation: 'getMany', returnAll: true, filters: { content: '{"title":"Headline 3"}' } });
		expect(byContent.json.map((n) => n.id)).toEqual([703]);

		const approved = await runNode(sim, { resource: 'news', operation: 'update', newsId: '702', updateFields: { status: 'approved' } });
		expect(approved.json[0]).toMatchObject({ id: 702, status: 'approved', content: { title: 'Headline 2' } });

		const deleted = await runNode(sim, { resource: 'news', operation: 'delete', newsId: '705' });
		expect(deleted.json).toEqual([{ deleted: true }]);
		expect(sim.store.news.some((n) => n.id === 705)).toBe(false);
	});

	it('refuses content that is not an object, before calling the Manager', async () => {
		const { run, requests } = await runNode(sim, {
			resource: 'news',
			operation: 'create',
			newsourceId: 601,
			content: '[1,2]',
			startDate: '2026-12-01T09:00:00',
			endDate: '2026-12-02T09:00:00',
		});
		expect(run.error?.message).toBe('Content (JSON) must be a JSON object');
		expect(requests).toHaveLength(0);
	});
});

describe('News Source, Template, User, User Group', () => {
	it('News Source Get Many sends its filters', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'newsSource',
			operation: 'getMany',
			returnAll: true,
			filters: { insertContentAutomatically: 1, template: 502 },
		});
		expect(requests[0].query).toMatchObject({ insertContentAutomatically: '1', template: '502' });
		expect(json.map((s) => s.id)).toEqual([602]);

		const simple = await runNode(sim, { resource: 'newsSource', operation: 'getMany', returnAll: true, simplify: true });
		expect(simple.json[0]).toMatchObject({ id: 601, onlyWithImages: false, approveAutomatically: true, insertContentAutomatically: false });
		expect(simple.json[1]).toMatchObject({ id: 602, variables: [] });
	});

	it('Template Get Many filters by type', async () => {
		const { json } = await runNode(sim, { resource: 'template', operation: 'getMany', returnAll: true, filters: { type: 'swf' } });
		expect(json.map((t) => t.id)).toEqual([503]);
	});

	it('User and User Group Get Many', async () => {
		const users = await runNode(sim, { resource: 'user', operation: 'getMany', returnAll: true, filters: { sort: 'id', sortDirection: 'descending' } });
		expect(users.json.map((u) => u.id)).toEqual([4, 3, 2, 1]);
		const groups = await runNode(sim, { resource: 'userGroup', operation: 'getMany', returnAll: false, limit: 2 });
		expect(groups.json).toEqual(sim.store.userGroups.slice(0, 2));
	});
});

describe('Version 1 workflows', () => {
	it('run Get Many saved as "getAll" on every resource, with the same result as version 2\'s "getMany"', async () => {
		const resources = ['media', 'mediaCategory', 'news', 'newsSource', 'player', 'playlist', 'template', 'upload', 'user', 'userGroup'];
		for (const resource of resources) {
			const v1 = await runNode(sim, { resource, operation: 'getAll', returnAll: true }, { typeVersion: 1 });
			const v2 = await runNode(sim, { resource, operation: 'getMany', returnAll: true });
			expect(v1.run.status).toBe('success');
			expect(v1.json.length).toBeGreaterThan(0);
			expect(v1.json).toEqual(v2.json);
		}
	});
});
