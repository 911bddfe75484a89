import type { INodeProperties } from 'n8n-workflow';

import { FourYouSee } from '../../../nodes/FourYouSee/FourYouSee.node';
import { keepMatching } from '../../../nodes/FourYouSee/actions/common';
import { media } from '../../../nodes/FourYouSee/actions/media';
import { mediaCategory } from '../../../nodes/FourYouSee/actions/mediaCategory';
import { news } from '../../../nodes/FourYouSee/actions/news';
import { newsSource } from '../../../nodes/FourYouSee/actions/newsSource';
import { applyPlayerFields, bodyFromPlayer, weekdayPlaylists } from '../../../nodes/FourYouSee/actions/player/fields';
import { player } from '../../../nodes/FourYouSee/actions/player';
import { playlist } from '../../../nodes/FourYouSee/actions/playlist';
import { sequenceFrom } from '../../../nodes/FourYouSee/actions/playlist/fields';
import { report } from '../../../nodes/FourYouSee/actions/report';
import { template } from '../../../nodes/FourYouSee/actions/template';
import { upload } from '../../../nodes/FourYouSee/actions/upload';
import { user } from '../../../nodes/FourYouSee/actions/user';
import { userGroup } from '../../../nodes/FourYouSee/actions/userGroup';
import { calendarDay, integerList, jsonValue, wallClockText } from '../../../nodes/shared/fields';
import type { Resource } from '../../../nodes/shared/resources';
import { parseMultipart } from '../../../dev/simulators/fouryousee/library';

const resources: Record<string, Resource> = { media, mediaCategory, news, newsSource, player, playlist, report, template, upload, user, userGroup };
const properties = new FourYouSee().description.properties;

describe('resources map (contract with the node file)', () => {
	/** Operation values as version 1 saved them; version 2 saves `getMany` for `getAll`. */
	const expected = {
		media: ['create', 'delete', 'get', 'getAll', 'update'],
		mediaCategory: ['bulkUpdate', 'create', 'get', 'getAll', 'update'],
		news: ['create', 'delete', 'get', 'getAll', 'update'],
		newsSource: ['getAll'],
		player: ['create', 'delete', 'get', 'getAll', 'update'],
		playlist: ['create', 'delete', 'get', 'getAll', 'update'],
		report: ['create', 'get', 'getMany', 'getPlaylogs'],
		template: ['getAll'],
		upload: ['create', 'delete', 'getAll'],
		user: ['getAll'],
		userGroup: ['getAll'],
	};
	const current = (ops: string[]) => ops.map((op) => (op === 'getAll' ? 'getMany' : op)).sort();

	it('offers every resource and operation, each with an execute, under its old and new value', () => {
		const selector = properties.find((p) => p.name === 'resource')!;
		expect((selector.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(Object.keys(expected).sort());
		for (const [value, ops] of Object.entries(expected)) {
			const resource = resources[value];
			expect(resource.value).toBe(value);
			expect(Object.keys(resource.operations).sort()).toEqual(current(ops));
			for (const op of ops) expect(typeof resource.operations[resource.aliases[op]].execute).toBe('function');
		}
	});

	it('has one operation selector per resource and version whose options match the map', () => {
		const selectors = properties.filter((p) => p.name === 'operation');
		const renamed = Object.values(expected).filter((ops) => ops.includes('getAll')).length;
		expect(selectors).toHaveLength(Object.keys(expected).length + renamed);
		for (const selector of selectors) {
			const show = selector.displayOptions?.show ?? {};
			const resource = show.resource?.[0] as keyof typeof expected;
			const v1 = JSON.stringify(show['@version']) === '[1]';
			const values = (selector.options as Array<{ value: string; action?: string }>).map((o) => o.value).sort();
			expect(values).toEqual(v1 ? expected[resource] : current(expected[resource]));
			expect(values).toContain(selector.default);
		}
	});

	it('shows every field for exactly one resource and its own operations', () => {
		const fields = properties.filter((p) => p.name !== 'operation' && p.name !== 'resource' && p.name !== 'requestOptions');
		for (const field of fields) {
			const show = field.displayOptions?.show ?? {};
			expect(show.resource).toHaveLength(1);
			const resource = show.resource![0] as string;
			for (const op of show.operation ?? []) expect(resources[resource].aliases[op as string]).toBeDefined();
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
		walk(properties);
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

describe('field parsing (the shared field readers, in the forms the Manager takes)', () => {
	it('parses JSON text or takes objects from expressions, and says what is wrong', () => {
		expect(jsonValue('{"a":1}', 'X', 'object')).toEqual({ a: 1 });
		expect(jsonValue([{ a: 1 }], 'X', 'array')).toEqual([{ a: 1 }]);
		expect(jsonValue('  ', 'X', 'array')).toEqual([]);
		expect(() => jsonValue('{a', 'Items (JSON)', 'array')).toThrow('Items (JSON) is not valid JSON');
		expect(() => jsonValue('{}', 'Items (JSON)', 'array')).toThrow('Items (JSON) must be a JSON array');
	});

	it('writes dates the Manager way, wall clock as typed', () => {
		expect(wallClockText('2026-03-01T09:00:00', 'D')).toBe('2026-03-01 09:00:00');
		expect(wallClockText('2026-03-01T09:05:00.000-03:00', 'D')).toBe('2026-03-01 09:05:00');
		expect(wallClockText('2026-03-01 09:05', 'D')).toBe('2026-03-01 09:05:00');
		expect(wallClockText('2026-03-01', 'D')).toBe('2026-03-01 00:00:00');
		expect(calendarDay('2026-03-01T23:59:59Z', 'D')).toBe('2026-03-01');
		expect(() => wallClockText('tomorrow', 'Start Date')).toThrow('Start Date "tomorrow" is not a date');
	});

	it('reads comma-separated numeric IDs', () => {
		expect(integerList('1, 24,,3', 'IDs')).toEqual([1, 24, 3]);
		expect(integerList(7, 'IDs')).toEqual([7]);
		expect(() => integerList('1, x', 'Category IDs')).toThrow('Category IDs contains "x", which is not a number');
	});

	it('checks playlist sequences against the items', () => {
		expect(sequenceFrom('', 3)).toEqual([0, 1, 2]);
		expect(sequenceFrom('2, 0, 2', 3)).toEqual([2, 0, 2]);
		expect(sequenceFrom([1, 0], 2)).toEqual([1, 0]);
		expect(() => sequenceFrom('-1', 3)).toThrow('does not point at an item');
		expect(() => sequenceFrom('0', 0)).toThrow('does not point at an item');
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
