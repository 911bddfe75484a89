/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { gzipSync } from 'node:zlib';

import { csvObjects, csvRecords, jsonRows, RowsError, textOf } from '../../../nodes/CloudBlueCommerce/rows';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
	for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const value of source) out.push(value);
	return out;
}

async function* bytesOf(buffer: Buffer, size: number): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

const TRICKY_CSV =
	'\ufeffid,name,note\r\n' +
	'1,"Office 365 ""E3"", annual","line one\r\nline two"\r\n' +
	'2,plain,\r\n' +
	'\r\n' +
	'3,"",last';

describe('csvRecords', () => {
	it.each([1, 2, 3, 7, 1000])('reads quotes, escaped quotes, CRLF, line breaks in quotes and a BOM (chunks of %i)', async (size) => {
		expect(await all(csvRecords(chunksOf(TRICKY_CSV, size)))).toEqual([
			['id', 'name', 'note'],
			['1', 'Office 365 "E3", annual', 'line one\r\nline two'],
			['2', 'plain', ''],
			['3', '', 'last'],
		]);
	});

	it('accepts LF line ends, another delimiter and a final newline', async () => {
		expect(await all(csvRecords(chunksOf('a;b\n"x;y";z\n', 2), ';'))).toEqual([
			['a', 'b'],
			['x;y', 'z'],
		]);
	});

	it('fails on a file cut off inside a quoted field', async () => {
		await expect(all(csvRecords(chunksOf('a,b\n1,"never closed', 4)))).rejects.toThrow(RowsError);
	});
});

describe('csvObjects', () => {
	it('keys rows by the header, naming missing and repeated columns', async () => {
		expect(await all(csvObjects(chunksOf('a,,a\n1,2,3,4\n5\n', 3)))).toEqual([
			{ a: '1', column_2: '2', column_3: '3', column_4: '4' },
			{ a: '5', column_2: '', column_3: '' },
		]);
	});
});

describe('jsonRows', () => {
	const rows = [{ id: 1, text: 'a "quoted" } ] value, with [brackets]' }, { id: 2, nested: { list: [1, [2, 3]], s: '\\' } }, { id: 3, unicode: 'São Paulo ✓' }];

	it.each([1, 2, 5, 64])('splits a top-level array at any chunk size (%i)', async (size) => {
		expect(await all(jsonRows(chunksOf(JSON.stringify(rows, null, 2), size)))).toEqual(rows);
	});

	it.each([1, 3, 50])('reads NDJSON with blank lines (chunks of %i)', async (size) => {
		const text = rows.map((r) => JSON.stringify(r)).join('\r\n\n') + '\n';
		expect(await all(jsonRows(chunksOf(text, size)))).toEqual(rows);
	});

	it('reads an envelope with a data array, and a lone object as one row', async () => {
		expect(await all(jsonRows(chunksOf(JSON.stringify({ data: rows, pagination: { total: 3 } }), 7)))).toEqual(rows);
		expect(await all(jsonRows(chunksOf('{"only":true}', 4)))).toEqual([{ only: true }]);
	});

	it('wraps primitive elements and reads an empty array', async () => {
		expect(await all(jsonRows(chunksOf('[1, "two", null, true]', 2)))).toEqual([{ value: 1 }, { value: 'two' }, { value: null }, { value: true }]);
		expect(await all(jsonRows(chunksOf('[ ]', 1)))).toEqual([]);
	});

	it('fails clearly on a truncated or invalid file', async () => {
		await expect(all(jsonRows(chunksOf('[{"a":1},{"b":', 3)))).rejects.toThrow(/ends in the middle of a record/);
		await expect(all(jsonRows(chunksOf('[{"a":1}', 3)))).rejects.toThrow(/ends in the middle of a record|before its top-level array is closed/);
		await expect(all(jsonRows(chunksOf('[{"a":1},]', 3)))).resolves.toEqual([{ a: 1 }]);
		await expect(all(jsonRows(chunksOf('{"a":1}\n{"b":nope}\n', 3)))).rejects.toThrow(/Record 2 of the JSON file is not valid JSON/);
	});
});

describe('textOf', () => {
	it('detects gzip by its magic number and decodes UTF-8 split across chunks', async () => {
		const text = '[{"city":"São Paulo"}]';
		expect((await all(textOf(bytesOf(gzipSync(Buffer.from(text)), 5)))).join('')).toBe(text);
		expect((await all(textOf(bytesOf(Buffer.from(`\ufeff${text}`), 1)))).join('')).toBe(text);
	});

	it('fails on a cut-off gzip file', async () => {
		const gz = gzipSync(Buffer.from('x'.repeat(10_000)));
		await expect(all(textOf(bytesOf(gz.subarray(0, gz.length - 10), 100)))).rejects.toThrow(/The gzip file ends too early/);
	});
});
