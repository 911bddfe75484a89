import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { runNode, startLibrarySimulator } from './library-helpers';

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	// 450 players: Return All needs 5 pages of 100.
	sim = await startLibrarySimulator({ players: 450 });
});

afterAll(async () => {
	await sim.stop();
});

describe('Player', () => {
	it('Create sends name, platform, group and weekday playlists as the keys "0"-"6"', async () => {
		const { run, json, requests } = await runNode(sim, {
			resource: 'player',
			operation: 'create',
			name: 'Lobby screen',
			platform: 'ANDROID',
			additionalFields: {
				description: 'Main entrance',
				groupId: 2,
				audioPlaylistId: 406,
				playlists: { everyDay: 401, saturday: 404, sunday: 0 },
			},
		});
		expect(run.status).toBe('success');
		expect(json).toHaveLength(1);
		const created = json[0];
		expect(created).toMatchObject({ name: 'Lobby screen', platform: 'ANDROID', description: 'Main entrance', group: { id: 2, name: 'Malls' } });
		expect(created.playlists).toEqual({
			'0': null,
			'1': { id: 401, name: 'Playlist Morning' },
			'2': { id: 401, name: 'Playlist Morning' },
			'3': { id: 401, name: 'Playlist Morning' },
			'4': { id: 401, name: 'Playlist Morning' },
			'5': { id: 401, name: 'Playlist Morning' },
			'6': { id: 404, name: 'Playlist Weekend' },
		});
		expect(created.audios).toEqual({ '0': { id: 406, name: 'Playlist Default' } });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/players']);
		expect(sim.store.players.some((p) => p.id === created.id)).toBe(true);
	});

	it('Get returns one player with its status', async () => {
		const { json } = await runNode(sim, { resource: 'player', operation: 'get', playerId: '101' });
		expect(json).toEqual([sim.store.players.find((p) => p.id === 101)]);
		expect(json[0].playerStatus).toMatchObject({ id: 1, name: 'Online' });
	});

	it('Get of a missing player fails with the Manager\'s "not found" message', async () => {
		const { run } = await runNode(sim, { resource: 'player', operation: 'get', playerId: '999999' });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Player with ID 999999 was not found');
		expect(run.error?.message).toContain('404');
		expect((run.error as { description?: string }).description).toMatch(/check that it exists/i);
	});

	it('Update changes only the fields set: other weekdays keep their playlists', async () => {
		const before = structuredClone(sim.store.players.find((p) => p.id === 102)!);
		const { run, json, requests } = await runNode(sim, {
			resource: 'player',
			operation: 'update',
			playerId: '102',
			updateFields: { name: 'Renamed', playlists: { monday: 405 } },
		});
		expect(run.status).toBe('success');
		// The Manager's PUT replaces the whole player, so the node reads it first.
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/players/102', 'PUT /v1/players/102']);
		const after = json[0];
		expect(after.name).toBe('Renamed');
		expect(after.description).toBe(before.description);
		expect(after.group).toEqual(before.group);
		expect(after.platform).toBe(before.platform);
		const playlists = after.playlists as Record<string, unknown>;
		expect(playlists['1']).toEqual({ id: 405, name: 'Playlist Promo' });
		for (const day of ['0', '2', '3', '4', '5', '6']) expect(playlists[day]).toEqual((before.playlists as Record<string, unknown>)[day]);
	});

	it('Update with no field set says what to add', async () => {
		const { run, requests } = await runNode(sim, { resource: 'player', operation: 'update', playerId: '102', updateFields: {} });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('No field to update was set');
		expect(requests).toHaveLength(0);
	});

	it('Delete answers { deleted: true } and the player is gone', async () => {
		const { json } = await runNode(sim, { resource: 'player', operation: 'delete', playerId: '103' });
		expect(json).toEqual([{ deleted: true }]);
		expect(sim.store.players.find((p) => p.id === 103)).toBeUndefined();
	});

	it('continues on fail with one error item per failed input, paired to it', async () => {
		const { run, items } = await runNode(
			sim,
			{ resource: 'player', operation: 'get', playerId: '={{ $json.id }}' },
			{ inputItems: [{ id: 104 }, { id: 888888 }, { id: '' }], continueOnFail: true },
		);
		expect(run.status).toBe('success');
		expect(items).toHaveLength(3);
		expect(items[0]).toMatchObject({ json: { id: 104 }, pairedItem: { item: 0 } });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].json.error).toContain('Player with ID 888888 was not found');
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(items[2].json.error).toBe('Player is empty');
	});

	it('Get Many with Return All reads 5 pages at one request per second: no 429', async () => {
		const { json, requests } = await runNode(sim, { resource: 'player', operation: 'getMany', returnAll: true });
		expect(json).toHaveLength(sim.store.players.length);
		expect(new Set(json.map((p) => p.id)).size).toBe(json.length);
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5']);
		expect(requests.every((r) => r.query.limit === '100')).toBe(true);
		expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
		for (let i = 1; i < requests.length; i++) {
			expect(requests[i].timestamp - requests[i - 1].timestamp).toBeGreaterThanOrEqual(950);
		}
	});

	it('Get Many with a Limit asks only for what it needs', async () => {
		const { json, requests } = await runNode(sim, { resource: 'player', operation: 'getMany', returnAll: false, limit: 7 });
		expect(json.map((p) => p.id)).toEqual(sim.store.players.slice(0, 7).map((p) => p.id));
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({ page: '1', limit: '7' });
	});

	it('Get Many sends the filters and sort', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'player',
			operation: 'getMany',
			returnAll: true,
			filters: { name: 'curitiba', sort: 'id', sortDirection: 'descending' },
		});
		expect(requests[0].query).toMatchObject({ name: 'curitiba', sort: '-id' });
		expect(json.length).toBeGreaterThan(0);
		expect(json.every((p) => String(p.name).toLowerCase().includes('curitiba'))).toBe(true);
		const ids = json.map((p) => Number(p.id));
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
	});
});
