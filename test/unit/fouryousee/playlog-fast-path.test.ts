/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The fast line reader (nodes/FourYouSee/playlogLine.ts) against JSON.parse: on every line it
 * understands, the four fields it reads are exactly JSON.parse's; every line it does not understand
 * is handed back. Then Summary, Playlogs and the filters with the fast reader on and off give the
 * same rows, items and errors on the simulator's files and on fuzzed lines.
 */
import { gzipSync } from 'node:zlib';

import { layoutPattern, PlaylogLineReader, playlogFieldMask, readPlaylogFields, type PlaylogFields } from '../../../nodes/FourYouSee/playlogLine';
import { scanPlaylogs, summarisePlaylogs, type PlaylogFilter, type PlaylogGroupField } from '../../../nodes/FourYouSee/playlogs';
import { buildPlaylogFile, type PlaylogSpec } from '../../../dev/simulators/fouryousee/playlogs';
import { rng, type Rng } from '../../support/fuzz';

const KEYS = ['date', 'time', 'playerId', 'mediaId'] as const;

const spec: PlaylogSpec = {
	seed: 11,
	lines: 4000,
	account: 'acc-1',
	playerIds: [101, 102, 103],
	medias: [
		{ id: 2001, type: 'I' },
		{ id: 2002, type: 'V' },
	],
	start: '2026-11-01 00:00:00',
	end: '2026-11-03 23:59:59',
	sort: -1,
};

/** A JSON text for a value in one of the forms a sender might write. */
function valueText(r: Rng, value: unknown): string {
	switch (r.int(24)) {
		case 0:
			return JSON.stringify(String(value)); // a number as a string
		case 1:
			return 'null';
		case 2:
			// Unicode escapes of every character: JSON.parse decodes them, the fast reader hands over.
			return `"${[...String(value)].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
		case 3:
			return typeof value === 'number' ? r.pick([`${value}.0`, `${value}e0`, `-${value}`, `${value}.25`, '1e400', '0', '-0', '00']) : JSON.stringify(value);
		case 4:
			return r.pick(['true', 'false', '[1]', '{"a":1}', '"ç✓😀"', '""', 'nul', '"open']);
		default:
			return JSON.stringify(value);
	}
}


/** One fuzzed line: reordered keys, missing and duplicate keys, odd values, spaces, junk. */
function fuzzedLine(r: Rng): string {
	const base: Record<string, unknown> = {
		account: r.int(4) === 0 ? r.pick(['São Paulo', 'a"b', 'x\\y', 'tab\there', '😀']) : 'acc-1',
		date: r.pick(['2026-11-01', '2026-11-02', '2026-11-03']),
		time: `${String(r.int(24)).padStart(2, '0')}:${String(r.int(60)).padStart(2, '0')}:00`,
		playerId: r.pick([101, 102, 103]),
		mediaId: r.pick([2001, 2002]),
		ip: '10.0.0.1',
		type: 'I',
	};
	const keys = Object.keys(base).filter(() => r.int(8) !== 0);
	for (let i = keys.length - 1; i > 0; i--) {
		const j = r.int(i + 1);
		[keys[i], keys[j]] = [keys[j], keys[i]];
	}
	if (r.int(10) === 0) keys.push(r.pick([...KEYS]));
	// JSON whitespace, tabs rarely: a tab sends the line to JSON.parse.
	const sp = () => {
		const n = r.int(40);
		return n < 30 ? '' : n < 37 ? ' ' : n < 39 ? '  ' : ' \t';
	};
	const members = keys.map((k) => {
		const key = r.int(60) === 0 ? `"${k.replace('I', '\\u0049')}"` : JSON.stringify(k);
		return `${sp()}${key}${sp()}:${sp()}${valueText(r, base[k])}${sp()}`;
	});
	let line = `${sp()}{${members.join(',')}}${sp()}`;
	switch (r.int(40)) {
		case 0:
			line = line.slice(0, r.int(line.length)); // ends early
			break;
		case 1:
			line = `${line},`;
			break;
		case 2:
			line = line.replace('}', ',}');
			break;
		case 3:
			line = `[${line}]`;
			break;
		case 4:
			line = line.replace(':', '::');
			break;
		case 5:
			line = `${line}x`;
			break;
		default:
	}
	return line;
}

function parsed(line: string): { ok: true; value: Record<string, unknown> } | { ok: false } {
	try {
		const value = JSON.parse(line) as unknown;
		return value && typeof value === 'object' && !Array.isArray(value) ? { ok: true, value: value as Record<string, unknown> } : { ok: false };
	} catch {
		return { ok: false };
	}
}

describe('readPlaylogFields', () => {
	it('reads exactly what JSON.parse reads, or hands the line over, on 20,000 fuzzed lines', () => {
		const r = rng(20261202);
		let understood = 0;
		let handedOver = 0;
		const out: PlaylogFields = { date: 'stale', time: 'stale', playerId: 'stale', mediaId: 'stale' };
		for (let n = 0; n < 20_000; n++) {
			const line = fuzzedLine(r);
			const full = parsed(line);
			if (readPlaylogFields(line, out)) {
				understood++;
				// Only lines JSON.parse accepts as objects may be understood, with the same values.
				expect(full.ok).toBe(true);
				if (!full.ok) continue;
				for (const key of KEYS) {
					if (!Object.is(out[key], full.value[key])) throw new Error(`${key}: ${String(out[key])} vs ${String(full.value[key])} in ${line}`);
				}
			} else handedOver++;
		}
		// Both paths are exercised: most lines are plain, many are not.
		expect(understood).toBeGreaterThan(2000);
		expect(handedOver).toBeGreaterThan(2000);
	});

	it('reads only the fields asked for, and understands the same lines whichever they are', () => {
		const r = rng(20261203);
		const all: PlaylogFields = { date: undefined, time: undefined, playerId: undefined, mediaId: undefined };
		const some: PlaylogFields = { date: 'stale', time: 'stale', playerId: 'stale', mediaId: 'stale' };
		let understood = 0;
		for (let n = 0; n < 5_000; n++) {
			const line = fuzzedLine(r);
			const wanted = KEYS.filter(() => r.int(2) === 0);
			const read = readPlaylogFields(line, some, playlogFieldMask(wanted));
			expect(read).toBe(readPlaylogFields(line, all));
			if (!read) continue;
			understood++;
			for (const key of KEYS) {
				const expected = wanted.includes(key) ? all[key] : undefined;
				if (!Object.is(some[key], expected)) throw new Error(`${key} (${wanted.includes(key) ? 'asked for' : 'not asked for'}): ${String(some[key])} vs ${String(expected)} in ${line}`);
			}
		}
		expect(understood).toBeGreaterThan(500);
	});

	it('understands the recorded line shape, with keys in any order and spaces', () => {
		const out = {} as PlaylogFields;
		expect(readPlaylogFields('{"account":"a","date":"2021-07-26","time":"15:58:52","playerId":4,"mediaId":48,"ip":"1.2.3.4","type":"I"}', out)).toBe(true);
		expect(out).toEqual({ date: '2021-07-26', time: '15:58:52', playerId: 4, mediaId: 48 });
		expect(readPlaylogFields(' { "mediaId" : 48 , "time":"x", "extra": [1] } ', out)).toBe(false);
		expect(readPlaylogFields('{ "mediaId" : 48 , "ok": true, "n": null, "f": -1.5e3 } ', out)).toBe(true);
		expect(out).toEqual({ date: undefined, time: undefined, playerId: undefined, mediaId: 48 });
		expect(readPlaylogFields('{}', out)).toBe(true);
		expect(out).toEqual({ date: undefined, time: undefined, playerId: undefined, mediaId: undefined });
	});

	it('hands over escapes, control characters, duplicates, nesting and anything malformed', () => {
		const out = {} as PlaylogFields;
		for (const line of [
			'{"date":"2021\\u002d07-26"}',
			'{"account":"a\\"b","mediaId":1}',
			'{"account":"a\tb","mediaId":1}',
			'{"mediaId":1,"mediaId":2}',
			'{"mediaId":{"id":1}}',
			'{"mediaId":01}',
			'{"mediaId":1,}',
			'{"mediaId":1}}',
			'{"mediaId":1',
			'{"mediaId" 1}',
			'[{"mediaId":1}]',
			'"text"',
			'{"mediaId":.5}',
			'{"mediaId":1.}',
			'{"mediaId":+1}',
			'{"mediaId":tru}',
		]) {
			expect([line, readPlaylogFields(line, out)]).toEqual([line, false]);
		}
	});
});

/**
 * A line of one writer's layout (the recorded key order) with fuzzed values and JSON whitespace,
 * tabs included; now and then another layout, a damaged line or a line with a repeated key.
 */
function layoutLine(r: Rng, keys: string[]): string {
	const base: Record<string, unknown> = {
		account: r.int(6) === 0 ? r.pick(['São Paulo', 'a"b', 'x\\y', '😀', '']) : 'acc-1',
		date: r.pick(['2026-11-01', '2026-11-02']),
		time: `${String(r.int(24)).padStart(2, '0')}:00:00`,
		playerId: r.pick([101, 102, 103]),
		mediaId: r.pick([2001, 2002]),
		ip: '10.0.0.1',
		type: 'I',
	};
	const ws = () => {
		const n = r.int(80);
		return n < 60 ? '' : n < 78 ? ' ' : n < 79 ? '\t' : ' \r ';
	};
	const order = r.int(30) === 0 ? [...keys].reverse() : r.int(30) === 0 ? keys.slice(1) : r.int(40) === 0 ? [...keys, 'mediaId'] : r.int(40) === 0 ? [...keys, 'ip'] : keys;
	let line = `${ws()}{${order.map((k) => `${ws()}${JSON.stringify(k)}${ws()}:${ws()}${valueText(r, base[k])}${ws()}`).join(',')}}${ws()}`;
	if (r.int(30) === 0) line = line.slice(0, r.int(line.length));
	if (r.int(40) === 0) line = line.replace(':', ': ,');
	return line;
}

describe('PlaylogLineReader', () => {
	const RECORDED = ['account', 'date', 'time', 'playerId', 'mediaId', 'ip', 'type'];

	it('reads exactly what JSON.parse reads on 20,000 lines of one layout with fuzzed values, or hands the line over', () => {
		const r = rng(20261204);
		for (const wanted of [KEYS, ['mediaId', 'playerId'], ['date', 'time'], ['playerId'], []] as const) {
			const reader = new PlaylogLineReader(playlogFieldMask(wanted));
			const out: PlaylogFields = { date: 'stale', time: 'stale', playerId: 'stale', mediaId: 'stale' };
			let understood = 0;
			let withTabs = 0;
			for (let n = 0; n < 4_000; n++) {
				const line = layoutLine(r, RECORDED);
				const full = parsed(line);
				if (!reader.read(line, out)) {
					// Handed over: the general reader does not understand it either.
					expect(readPlaylogFields(line, out)).toBe(false);
					continue;
				}
				understood++;
				if (line.includes('\t')) withTabs++;
				if (!full.ok) throw new Error(`understood a line JSON.parse refuses: ${line}`);
				for (const key of KEYS) {
					const expected = (wanted as readonly string[]).includes(key) ? full.value[key] : undefined;
					if (!Object.is(out[key], expected)) throw new Error(`${key}: ${String(out[key])} vs ${String(expected)} in ${JSON.stringify(line)}`);
				}
			}
			expect(understood).toBeGreaterThan(1200);
			// The general reader hands every tab over, so these were read through the learned layout.
			expect(withTabs).toBeGreaterThan(200);
		}
	});

	it('follows a file whose layout changes, and never lets a layout read a line with other keys', () => {
		const reader = new PlaylogLineReader();
		const out = {} as PlaylogFields;
		const a = '{"account":"a","date":"2026-11-01","time":"10:00:00","playerId":1,"mediaId":2,"ip":"x","type":"I"}';
		expect(reader.read(a, out)).toBe(true);
		expect(out).toEqual({ date: '2026-11-01', time: '10:00:00', playerId: 1, mediaId: 2 });
		// The same keys in another order, one more key, one key fewer, a key twice: JSON.parse's values.
		for (const line of [
			'{"mediaId":7,"playerId":8,"account":"a","date":"d","time":"t","ip":"x","type":"I"}',
			'{"account":"a","date":"2026-11-01","time":"10:00:00","playerId":1,"mediaId":2,"ip":"x","type":"I","extra":null}',
			'{"account":"a","date":"2026-11-01","time":"10:00:00","playerId":1,"ip":"x","type":"I"}',
			'{"account":"a","date":"2026-11-01","time":"10:00:00","playerId":1,"mediaId":2,"ip":"x","type":"I","type":"V"}',
		]) {
			for (let i = 0; i < 20; i++) {
				expect(reader.read(line, out)).toBe(true);
				const value = JSON.parse(line) as Record<string, unknown>;
				expect(out).toEqual({ date: value.date, time: value.time, playerId: value.playerId, mediaId: value.mediaId });
			}
		}
		// A needed key twice is JSON.parse's to answer (the last one wins), whatever layout was learned.
		expect(reader.read('{"account":"a","date":"2026-11-01","time":"10:00:00","playerId":1,"mediaId":2,"ip":"x","type":"I","mediaId":3}', out)).toBe(false);
	});

	it('builds layouts whose every quantifier is followed by something it cannot match, so a match never backtracks far', () => {
		const WS = '[ \\t\\r]*';
		for (const keys of [[], ['mediaId'], ['account', 'date', 'time', 'playerId', 'mediaId', 'ip', 'type'], ['a b', '*', 'date']]) {
			const { pattern } = layoutPattern(keys);
			// Two whitespace runs in a row would try every split of a long run of spaces.
			expect([keys, pattern.source.includes(WS + WS)]).toEqual([keys, false]);
		}
		// And lines with long runs of spaces where the runs are, or where they are not allowed.
		const reader = new PlaylogLineReader();
		const out = {} as PlaylogFields;
		const spaces = ' '.repeat(20_000);
		expect(reader.read('{}', out)).toBe(true);
		expect(reader.read(`{${spaces}}`, out)).toBe(true);
		expect(reader.read(`{${spaces}x`, out)).toBe(false);
		expect(reader.read(`{${spaces}"mediaId"${spaces}:${spaces}4${spaces}}${spaces}`, out)).toBe(true);
		expect(out.mediaId).toBe(4);
		expect(reader.read(`{"mediaId":${'9'.repeat(20_000)}x}`, out)).toBe(false);
	});

	it('leaves lines with very many keys to the general reader, with the same answers', () => {
		const reader = new PlaylogLineReader();
		const out = {} as PlaylogFields;
		for (const count of [63, 64, 65, 2000]) {
			const keys = Array.from({ length: count }, (_, i) => `k${i}`);
			for (let n = 0; n < 40; n++) {
				const line = `{${keys.map((k) => `"${k}":${n}`).join(',')},"mediaId":${n}}`;
				expect(reader.read(line, out)).toBe(true);
				expect(out.mediaId).toBe(n);
			}
		}
	});

	it('takes keys with characters that mean something in a regular expression as themselves', () => {
		const out = {} as PlaylogFields;
		const reader = new PlaylogLineReader();
		expect(reader.read('{"(":1,"[a.b]*":"x","mediaId":5,"mediaI.":2}', out)).toBe(true);
		expect(out.mediaId).toBe(5);
		// Read as a pattern, "mediaI." would match this line's second "mediaId" and answer 1; JSON.parse keeps the last.
		expect(reader.read('{"(":1,"[a.b]*":"x","mediaId":1,"mediaId":2}', out)).toBe(false);
		expect(reader.read('{"(":1,"[a.b]*":"x","mediaId":6,"mediaI.":2}', out)).toBe(true);
		expect(out.mediaId).toBe(6);
	});
});

async function both<T>(run: (fastLines: boolean) => Promise<T>): Promise<[T | string, T | string]> {
	const settle = async (fastLines: boolean) => await run(fastLines).catch((error: Error) => `error: ${error.message}`);
	return [await settle(true), await settle(false)];
}

const GROUPINGS: PlaylogGroupField[][] = [['mediaId', 'playerId'], ['date', 'hour'], ['playerId'], []];
const FILTERS: PlaylogFilter[] = [
	{},
	{ playerIds: ['101', 103] },
	{ mediaIds: [2002], from: '2026-11-02 12:00:00', to: '2026-11-03 06:30:00' },
	{ to: '2026-11-01 23:59:59' },
];

describe('Summary and Playlogs with the fast reader on and off', () => {
	it('give the same rows and items on the simulator file', async () => {
		const file = await buildPlaylogFile(spec);
		for (const groupBy of GROUPINGS) {
			for (const filter of FILTERS) {
				const [fast, full] = await both(async (fastLines) => await summarisePlaylogs(file, groupBy, filter, { fastLines }));
				expect(fast).toEqual(full);
			}
		}
		for (const filter of FILTERS) {
			const [fast, full] = await both(async (fastLines) => {
				const items: unknown[] = [];
				const result = await scanPlaylogs(file, filter, (p) => items.push(p), { fastLines });
				return { result, items };
			});
			expect(fast).toEqual(full);
		}
	});

	it('give the same rows, items and errors on files of fuzzed lines', async () => {
		const r = rng(7);
		let errors = 0;
		for (let f = 0; f < 60; f++) {
			// Mostly valid files (every line parses), some with one bad line somewhere.
			const lines: string[] = [];
			while (lines.length < 200) {
				const line = fuzzedLine(r);
				if (parsed(line).ok || r.int(150) === 0) lines.push(line);
			}
			const file = gzipSync(lines.join(r.pick(['\n', '\r\n'])));
			for (const groupBy of GROUPINGS) {
				const filter = r.pick(FILTERS);
				const [fast, full] = await both(async (fastLines) => await summarisePlaylogs(file, groupBy, filter, { fastLines }));
				expect(fast).toEqual(full);
				if (typeof fast === 'string') errors++;
			}
			const filter = r.pick(FILTERS);
			const [fast, full] = await both(async (fastLines) => {
				const items: unknown[] = [];
				await scanPlaylogs(file, filter, (p) => items.push(p), { fastLines });
				return items;
			});
			expect(fast).toEqual(full);
		}
		expect(errors).toBeGreaterThan(0);
	});

	it('leave CSV files to the CSV reader', async () => {
		const csv = await buildPlaylogFile(spec, {}, 'csv');
		const [fast, full] = await both(async (fastLines) => await summarisePlaylogs(csv, ['mediaId', 'playerId'], { playerIds: [102] }, { fastLines }));
		expect(fast).toEqual(full);
		expect(fast).toMatchObject({ format: 'csv', lines: 4001 });
	});
});
