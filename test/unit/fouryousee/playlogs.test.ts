/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { gzipSync } from 'node:zlib';

import { PlaylogFileError, scanPlaylogs, summarisePlaylogs } from '../../../nodes/FourYouSee/playlogs';
import { buildPlaylogFile, countPlaylogs, type PlaylogSpec } from '../../../dev/simulators/fouryousee/playlogs';

const spec: PlaylogSpec = {
	seed: 7,
	lines: 5000,
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

describe('summarisePlaylogs', () => {
	it('counts like the ground truth for every grouping, across odd chunk borders', async () => {
		const file = await buildPlaylogFile(spec);
		for (const groupBy of [['mediaId', 'playerId'], ['date'], ['hour'], ['date', 'hour', 'playerId'], []] as const) {
			const summary = await summarisePlaylogs(chunked(file, 777), [...groupBy], {});
			expect(summary.rows).toEqual(countPlaylogs(spec, [...groupBy]));
			expect(summary.lines).toBe(5000);
		}
	});

	it('applies filters with IDs given as numbers or strings', async () => {
		const file = await buildPlaylogFile(spec);
		const filter = { playerIds: ['101', 103], mediaIds: [2002], from: '2026-11-02 12:00:00', to: '2026-11-03 06:30:00' };
		const summary = await summarisePlaylogs(file, ['playerId', 'hour'], filter);
		expect(summary.rows).toEqual(countPlaylogs(spec, ['playerId', 'hour'], filter));
		expect(summary.matched).toBeGreaterThan(0);
	});

	it('reads a file that is already decompressed, with CRLF and a last line without newline', async () => {
		const text = '{"date":"2026-11-01","time":"10:00:00","playerId":1,"mediaId":5}\r\n\r\n{"date":"2026-11-01","time":"11:00:00","playerId":1,"mediaId":5}';
		const summary = await summarisePlaylogs(Buffer.from(text), ['mediaId'], {});
		expect(summary.rows).toEqual([{ mediaId: 5, plays: 2 }]);
		expect(summary.lines).toBe(3);
	});
});

describe('scanPlaylogs errors', () => {
	it('names the line that is not JSON', async () => {
		const file = await buildPlaylogFile(spec, { badLine: 1234 });
		const error = await scanPlaylogs(chunked(file, 4096), {}, () => undefined).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PlaylogFileError);
		expect((error as PlaylogFileError).line).toBe(1234);
		expect((error as Error).message).toMatch(/^Line 1234 of the playlog file is not a valid playlog \(/);
	});

	it('names a line that is JSON but not an object', async () => {
		const error = await scanPlaylogs(gzipSync('{"a":1}\n[1,2]\n'), {}, () => undefined).catch((e: unknown) => e);
		expect((error as Error).message).toBe('Line 2 of the playlog file is not a valid playlog (it is not a JSON object): [1,2]');
	});

	it('says where a truncated gzip file ends', async () => {
		const file = await buildPlaylogFile(spec, { truncateBytes: 300 });
		const error = await scanPlaylogs(chunked(file, 4096), {}, () => undefined).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PlaylogFileError);
		expect((error as Error).message).toMatch(/^The playlog file could not be read after line \d+: the gzip file ends too early: it was cut off before it was complete\.$/);
		expect((error as PlaylogFileError).line).toBeGreaterThan(4000);
	});
});
