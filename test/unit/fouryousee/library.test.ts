import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { libraryResources } from '../../../nodes/FourYouSee/actions/library';
import { jsonField, keepMatching, managerDate, managerDateTime, numberList } from '../../../nodes/FourYouSee/actions/libraryHelpers';
import { applyPlayerFields, bodyFromPlayer, weekdayPlaylists } from '../../../nodes/FourYouSee/actions/player/fields';
import { sequenceFrom } from '../../../nodes/FourYouSee/actions/playlist/fields';
import { parseMultipart } from '../../simulators/fouryousee/library';

const node: INode = { id: '1', name: '4YouSee', type: 'n8n-nodes-reporting.fourYouSee', typeVersion: 1, position: [0, 0], parameters: {} };
const ctx = { getNode: () => node } as unknown as IExecuteFunctions;

describe('library resources map (contract with the node file)', () => {
	const expected = {
		media: ['create', 'delete', 'get', 'getAll', 'update'],
		mediaCategory: ['bulkUpdate', 'create', 'get', 'getAll', 'update'],
		news: ['create', 'delete', 'get', 'getAll', 'update'],
		newsSource: ['getAll'],
		player: ['create', 'delete', 'get', 'getAll', 'update'],
		playlist: ['create', 'delete', 'get', 'getAll', 'update'],
		template: ['getAll'],
		upload: ['create', 'delete', 'getAll'],
		user: ['getAll'],
		userGroup: ['getAll'],
	};

	it('offers every resource and operation, each with an execute', () => {
		expect(libraryResources.options.map((o) => o.value).sort()).toEqual(Object.keys(expected).sort());
		for (const [resource, ops] of Object.entries(expected)) {
			expect(Object.keys(libraryResources.operations[resource]).sort()).toEqual(ops);
			for (const op of ops) expect(typeof libraryResources.operations[resource][op].execute).toBe('function');
		}
	});

	it('has one operation selector per resource whose options match the map', () => {
		const selectors = libraryResources.properties.filter((p) => p.name === 'operation');
		expect(selectors).toHaveLength(Object.keys(expected).length);
		for (const selector of selectors) {
			const resource = selector.displayOptions?.show?.resource?.[0] as string;
			const values = (selector.options as Array<{ value: string; action?: string }>).map((o) => o.value).sort();
			expect(values).toEqual(expected[resource as keyof typeof expected]);
			expect(values).toContain(selector.default);
		}
	});

	it('shows every field for exactly one resource and its own operations', () => {
		const fields = libraryResources.properties.filter((p) => p.name !== 'operation');
		for (const field of fields) {
			const show = field.displayOptions?.show ?? {};
			expect(show.resource).toHaveLength(1);
			const resource = show.resource![0] as string;
			for (const op of show.operation ?? []) expect(libraryResources.operations[resource][op as string]).toBeDefined();
			expect(show.operation?.length).toBeGreaterThan(0);
		}
	});

	it('lists the options of every collection alphabetically, as n8n does (weekdays in calendar order)', () => {
		const walk = (props: INodeProperties[]) => {
			for (const p of props) {
				// Weekdays stay in calendar order (Every Day, then Sunday to Saturday).
				if (p.type === 'collection' && p.name !== 'playlists') {
					const names = (p.options as INodeProperties[]).map((o) => o.displayName);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
					walk(p.options as INodeProperties[]);
				}
			}
		};
		walk(libraryResources.properties);
	});
});

describe('player weekday playlists', () => {
	it('maps Every Day and single weekdays to the keys "0" (Sunday) to "6" (Saturday)', () => {
		expect(weekdayPlaylists({ everyDay: 5, sunday: 0, saturday: 7 })).toEqual({ '0': null, '1': 5, '2': 5, '3': 5, '4': 5, '5': 5, '6': 7 });
		expect(weekdayPlaylists({ wednesday: 9 }, { '0': 1, '3': 1 })).toEqual({ '0': 1, '3': 9 });
	});

	it('turns a player from GET into the POST/PUT body and applies changes over it', () => {
		const player = {
			id: 5,
			name: 'Player API',
			description: 'x',
			platform: '4YOUSEE_PLAYER',
			group: { id: 1, name: 'Group DEMO' },
			playerStatus: { id: 6 },
			playlists: { '0': { id: 1, name: 'P' }, '1': { id: 1, name: 'P' }, '6': null },
			audios: { '0': { id: 3, name: 'A' } },
		};
		const body = bodyFromPlayer(player);
		expect(body).toEqual({
			name: 'Player API',
			description: 'x',
			platform: '4YOUSEE_PLAYER',
			group: 1,
			playlists: { '0': 1, '1': 1, '6': null },
			audios: { '0': 3 },
		});
		expect(applyPlayerFields(body, { groupId: 0, audioPlaylistId: 0, playlists: { saturday: 2 } })).toMatchObject({
			group: null,
			audios: { '0': null },
			playlists: { '0': 1, '1': 1, '6': 2 },
		});
	});
});

describe('field parsing', () => {
	it('parses JSON text or takes objects from expressions, and says what is wrong', () => {
		expect(jsonField(ctx, '{"a":1}', 'X', 'object', 0)).toEqual({ a: 1 });
		expect(jsonField(ctx, [{ a: 1 }], 'X', 'array', 0)).toEqual([{ a: 1 }]);
		expect(jsonField(ctx, '  ', 'X', 'array', 0)).toEqual([]);
		expect(() => jsonField(ctx, '{a', 'Items (JSON)', 'array', 0)).toThrow('Items (JSON) is not valid JSON');
		expect(() => jsonField(ctx, '{}', 'Items (JSON)', 'array', 0)).toThrow('Items (JSON) must be a JSON array');
	});

	it('writes dates the Manager way, wall clock as typed', () => {
		expect(managerDateTime(ctx, '2026-03-01T09:00:00', 'D', 0)).toBe('2026-03-01 09:00:00');
		expect(managerDateTime(ctx, '2026-03-01T09:05:00.000-03:00', 'D', 0)).toBe('2026-03-01 09:05:00');
		expect(managerDateTime(ctx, '2026-03-01 09:05', 'D', 0)).toBe('2026-03-01 09:05:00');
		expect(managerDateTime(ctx, '2026-03-01', 'D', 0)).toBe('2026-03-01 00:00:00');
		expect(managerDate(ctx, '2026-03-01T23:59:59Z', 'D', 0)).toBe('2026-03-01');
		expect(() => managerDateTime(ctx, 'tomorrow', 'Start Date', 0)).toThrow('Start Date "tomorrow" is not a date');
	});

	it('reads comma-separated numeric IDs', () => {
		expect(numberList(ctx, '1, 24,,3', 'IDs', 0)).toEqual([1, 24, 3]);
		expect(numberList(ctx, 7, 'IDs', 0)).toEqual([7]);
		expect(() => numberList(ctx, '1, x', 'Category IDs', 0)).toThrow('Category IDs contains "x", which is not a number');
	});

	it('checks playlist sequences against the items', () => {
		expect(sequenceFrom(ctx, '', 3, 0)).toEqual([0, 1, 2]);
		expect(sequenceFrom(ctx, '2, 0, 2', 3, 0)).toEqual([2, 0, 2]);
		expect(sequenceFrom(ctx, [1, 0], 2, 0)).toEqual([1, 0]);
		expect(() => sequenceFrom(ctx, '-1', 3, 0)).toThrow('does not point at an item');
		expect(() => sequenceFrom(ctx, '0', 0, 0)).toThrow('does not point at an item');
	});

	it('keeps only matching records when the Manager ignores id/name filters', () => {
		const items = [
			{ id: 1, name: 'Lobby' },
			{ id: 2, name: 'Hall' },
			{ id: 3, name: 'lobby 2' },
		];
		expect(keepMatching(items, [], 'LOBBY').map((i) => i.id)).toEqual([1, 3]);
		expect(keepMatching(items, [2, '3'], '').map((i) => i.id)).toEqual([2, 3]);
		expect(keepMatching(items, [], '')).toEqual(items);
	});
});

describe('simulator multipart reader', () => {
	it('reads what the global FormData sends', async () => {
		const form = new FormData();
		form.append('media', new Blob([new Uint8Array([0, 255, 10, 13])], { type: 'image/png' }), 'a.png');
		form.append('note', 'hi');
		const request = new Request('http://x/', { method: 'POST', body: form });
		const raw = Buffer.from(await request.arrayBuffer());
		const parts = parseMultipart(raw, request.headers.get('content-type')!);
		expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
			['media', 'a.png', 'image/png'],
			['note', undefined, undefined],
		]);
		expect([...parts[0].data]).toEqual([0, 255, 10, 13]);
		expect(parts[1].data.toString()).toBe('hi');
	});
});
