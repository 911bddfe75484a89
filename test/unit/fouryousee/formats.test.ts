/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The readers behind the 4YouSee fixes: Python-literal notifications, CSV or NDJSON playlog files
 * decided by content, whole End days, the sort of a Get Many and the failure reason of a
 * notification.
 */
import { gzipSync } from 'node:zlib';

import { sortKeys } from '../../../nodes/FourYouSee/actions/common';
import { reportRange } from '../../../nodes/FourYouSee/actions/report/create.operation';
import { PlaylogFileError, playlogFileKind, playlogFileType, scanPlaylogs, summarisePlaylogs } from '../../../nodes/FourYouSee/playlogs';
import { readPythonLiteral } from '../../../nodes/FourYouSee/pythonLiteral';
import { failureReasonIn } from '../../../nodes/FourYouSee/reports';
import { timeOfDay } from '../../../nodes/shared/fields';
import { buildPlaylogFile, countPlaylogs, type PlaylogSpec } from '../../../dev/simulators/fouryousee/playlogs';

describe('readPythonLiteral', () => {
	it('reads what Python writes for a notification', () => {
		expect(readPythonLiteral("{'id': 234, 'status': 'failed', 'error': {'code': 422, 'message': 'There was an error'}, 'filter': {'mediaId': [], 'sort': -1}}")).toEqual({
			id: 234,
			status: 'failed',
			error: { code: 422, message: 'There was an error' },
			filter: { mediaId: [], sort: -1 },
		});
		expect(readPythonLiteral("{'url': None, 'ok': True, 'bad': False, 'n': null, 't': true}")).toEqual({ url: null, ok: true, bad: false, n: null, t: true });
		expect(readPythonLiteral(`{"it's": 'a "quote"', 'tab': 'a\\tb', 'u': '\\u00e9\\x41', 'kept': '\\d'}`)).toEqual({ "it's": 'a "quote"', tab: 'a\tb', u: 'éA', kept: '\\d' });
		expect(readPythonLiteral("[1, -2, 3.5, 1e3, 1_000, (4, 5), u'x',]")).toEqual([1, -2, 3.5, 1000, 1000, [4, 5], 'x']);
		expect(readPythonLiteral("{1: 'one', 'nested': {'a': [{'b': None}]},}")).toEqual({ 1: 'one', nested: { a: [{ b: null }] } });
	});

	it('keeps "__proto__" an ordinary key', () => {
		const value = readPythonLiteral("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
		expect(Object.keys(value)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses anything that is not a literal, and never evaluates it', () => {
		for (const text of [
			"__import__('os').system('true')",
			"{'id': open('/etc/passwd')}",
			"{'id': 1 + 1}",
			"{'id': x}",
			"{'id': 'unterminated}",
			"{'id' 5}",
			"{'a': 1} trailing",
			'',
			`${'['.repeat(40)}${']'.repeat(40)}`,
			"{'id': '\\x4'}",
		]) {
			expect(readPythonLiteral(text)).toBeUndefined();
		}
	});
});

const spec: PlaylogSpec = {
	seed: 11,
	lines: 3000,
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

async function* chunked(buffer: Buffer, size: number): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

describe('playlog files: NDJSON or CSV, decided by content', () => {
	it.each(['csv', 'csv-semicolon'] as const)('counts a %s file exactly like the NDJSON one, filters and all', async (format) => {
		const csv = await buildPlaylogFile(spec, {}, format);
		const filter = { playerIds: [101, '103'], mediaIds: ['2002'], from: '2026-11-02 00:00:00', to: '2026-11-03 12:00:00' };
		for (const groupBy of [['mediaId', 'playerId'], ['date', 'hour'], []] as const) {
			const summary = await summarisePlaylogs(chunked(csv, 999), [...groupBy], filter);
			expect(summary.rows).toEqual(countPlaylogs(spec, [...groupBy], filter));
			expect(summary.format).toBe('csv');
		}
		const rows: unknown[] = [];
		await scanPlaylogs(csv, { mediaIds: [2001] }, (p) => rows.push(p));
		const ndjson: unknown[] = [];
		await scanPlaylogs(await buildPlaylogFile(spec), { mediaIds: [2001] }, (p) => ndjson.push(p));
		expect(rows).toEqual(ndjson);
	});

	it('reads quoted fields, separators and line breaks inside quotes, a BOM and header spellings', async () => {
		const text =
			'\uFEFF"Account";"Date";"Time";"Player ID";"media_id";"IP";"Type";"Note"\r\n' +
			'"acc;1";2026-11-01;10:00:00;4;48;0.0.0.0;I;"said ""hi"""\r\n' +
			'acc;2026-11-01;10:00:05; 4 ;48;0.0.0.0;I;"two\nlines"\r\n';
		const rows: unknown[] = [];
		const result = await scanPlaylogs(Buffer.from(text), {}, (p) => rows.push(p));
		expect(rows).toEqual([
			{ account: 'acc;1', date: '2026-11-01', time: '10:00:00', playerId: 4, mediaId: 48, ip: '0.0.0.0', type: 'I', Note: 'said "hi"' },
			{ account: 'acc', date: '2026-11-01', time: '10:00:05', playerId: 4, mediaId: 48, ip: '0.0.0.0', type: 'I', Note: 'two\nlines' },
		]);
		expect(result).toMatchObject({ matched: 2, format: 'csv' });
	});

	it('names the line of a CSV row with the wrong number of fields, and a quote that never closes', async () => {
		const short = await scanPlaylogs(Buffer.from('date,time,playerId,mediaId\n2026-11-01,10:00:00,4,48\n2026-11-01,10:00:01,4\n'), {}, () => undefined).catch((e: unknown) => e);
		expect((short as Error).message).toBe('Line 3 of the playlog file is not a valid playlog (it has 3 fields, the header has 4): 2026-11-01,10:00:01,4');
		const open = await scanPlaylogs(Buffer.from('date,time,playerId,mediaId\n2026-11-01,"10:00:00,4,48\n'), {}, () => undefined).catch((e: unknown) => e);
		expect((open as PlaylogFileError).line).toBe(2);
		expect((open as Error).message).toMatch(/^Line 2 of the playlog file opens a quoted field that never closes/);
	});

	it('refuses a file that is neither JSON lines nor CSV with a header', async () => {
		const error = await scanPlaylogs(gzipSync('acc-1,2026-11-01,10:00:00,4,48,0.0.0.0,I\n'), {}, () => undefined).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PlaylogFileError);
		expect((error as Error).message).toMatch(/^The playlog file is neither JSON lines nor CSV with a header row naming its columns \(line 1:/);
	});

	it('an empty file is no playlogs, not an error', async () => {
		expect(await summarisePlaylogs(gzipSync(''), ['mediaId'], {})).toMatchObject({ rows: [], matched: 0, format: undefined });
		expect(await summarisePlaylogs(Buffer.from('date,time,playerId,mediaId\r\n'), [], {})).toMatchObject({ rows: [], format: 'csv' });
	});

	it('tells the kind of a file from a cut-off gzip head', async () => {
		const csv = await buildPlaylogFile({ ...spec, lines: 20_000 }, {}, 'csv');
		expect(await playlogFileKind(csv.subarray(0, 600))).toEqual({ gzip: true, format: 'csv' });
		expect(await playlogFileKind((await buildPlaylogFile(spec)).subarray(0, 300))).toEqual({ gzip: true, format: 'ndjson' });
		expect(await playlogFileKind(Buffer.from('\uFEFF  {"date":"x"}'))).toEqual({ gzip: false, format: 'ndjson' });
		expect(await playlogFileKind(gzipSync(''))).toEqual({ gzip: true, format: undefined });
		expect(playlogFileType('csv', true)).toEqual({ extension: 'csv.gz', mimeType: 'application/gzip' });
		expect(playlogFileType(undefined, false)).toEqual({ extension: 'ndjson', mimeType: 'application/x-ndjson' });
	});

	it('summarises 300,000 CSV lines about as fast as NDJSON', async () => {
		const big = { ...spec, lines: 300_000 };
		const csv = await buildPlaylogFile(big, {}, 'csv');
		const ndjson = await buildPlaylogFile(big);
		const time = async (file: Buffer) => {
			const started = Date.now();
			const summary = await summarisePlaylogs(chunked(file, 65_536), ['mediaId', 'playerId'], {});
			expect(summary.matched).toBe(300_000);
			return Date.now() - started;
		};
		const json = await time(ndjson);
		const text = await time(csv);
		expect(text).toBeLessThan(json * 3 + 1000);
	}, 60_000);
});

describe('reportRange', () => {
	it('includes the whole End day whatever form the date comes in', () => {
		const whole = { startDate: '2026-11-01', startTime: '00:00:00', endDate: '2026-11-15', endTime: '23:59:59' };
		for (const end of ['2026-11-15T00:00:00', '2026-11-15', '2026-11-15 08:00:00', new Date('2026-11-15T00:00:00Z'), { toISO: () => '2026-11-15T14:30:00.000-03:00' }]) {
			expect(reportRange('2026-11-01T00:00:00', end, '')).toEqual(whole);
		}
		expect(reportRange('2026-11-01T06:30:00', '2026-11-15T00:00:00', '18:00')).toEqual({ ...whole, startTime: '06:30:00', endTime: '18:00:00' });
	});

	it('checks 30 days on the real range', () => {
		expect(reportRange('2020-07-26', '2020-08-24', '')).toMatchObject({ endTime: '23:59:59' });
		expect(() => reportRange('2020-07-26', '2020-08-25', '')).toThrow('The report range is 30 days 23 h; 4YouSee allows at most 30 days per report');
		expect(reportRange('2020-07-26', '2020-08-25', '00:00')).toMatchObject({ endDate: '2020-08-25', endTime: '00:00:00' });
		expect(() => reportRange('2026-11-02T10:00:00', '2026-11-02', '09:00')).toThrow('End (2026-11-02 09:00:00) is before Start (2026-11-02 10:00:00)');
	});
});

describe('timeOfDay', () => {
	it('reads HH:MM and HH:MM:SS on a 24-hour clock', () => {
		expect(timeOfDay('18:00', 'End Time')).toBe('18:00:00');
		expect(timeOfDay(' 7:05:09 ', 'End Time')).toBe('07:05:09');
		expect(() => timeOfDay('24:00', 'End Time')).toThrow('End Time "24:00" is not a time of day');
		expect(() => timeOfDay('', 'End Time')).toThrow('End Time is empty');
	});
});

describe('sortKeys', () => {
	it('reads Sort By with Sort Direction, and the text older workflows saved', () => {
		expect(sortKeys({})).toEqual([]);
		expect(sortKeys({ sort: 'name' })).toEqual([{ field: 'name', descending: false }]);
		expect(sortKeys({ sort: 'name', sortDirection: 'descending' })).toEqual([{ field: 'name', descending: true }]);
		expect(sortKeys({ sortDirection: 'descending' })).toEqual([{ field: 'id', descending: true }]);
		expect(sortKeys({ sort: '-id, name' })).toEqual([
			{ field: 'id', descending: true },
			{ field: 'name', descending: false },
		]);
	});
});

describe('failureReasonIn', () => {
	it('keeps only the code and message of the notification’s error, bounded', () => {
		expect(failureReasonIn({ id: 1, error: { code: 422, message: 'There was an error', stack: 'x' } })).toEqual({ code: 422, message: 'There was an error' });
		expect(failureReasonIn({ error: 'Timed out' })).toBe('Timed out');
		expect(failureReasonIn({ error: { message: 'x'.repeat(2000) } })).toEqual({ message: 'x'.repeat(500) });
		for (const body of [undefined, [], { error: null }, { error: {} }, { error: [1] }, { error: '  ' }]) expect(failureReasonIn(body)).toBeUndefined();
	});
});
