/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { gzipSync } from 'node:zlib';

import type { IDataObject } from 'n8n-workflow';

import { ColumnTypes, jsonRows, readCsv, readReportRows, rowMaker, RowsError, textOf, Totals, ValuePool } from '../../../nodes/CloudBlueCommerce/rows';
import { SourceReadError } from '../../../nodes/shared/ndjson';
import { rng } from '../../support/fuzz';

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

async function records(text: string, size: number, delimiter = ','): Promise<string[][]> {
	const out: string[][] = [];
	await readCsv(bytesOf(Buffer.from(text, 'utf8'), size), delimiter, (fields) => out.push([...fields]));
	return out;
}

async function rowsOf(file: string | Buffer, format: 'csv' | 'json', size = 7, options: { expectedBytes?: number } = {}): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	await readReportRows(bytesOf(typeof file === 'string' ? Buffer.from(file, 'utf8') : file, size), format, (row) => out.push(row), { read: options });
	return out;
}

const TRICKY_CSV =
	'\ufeffid,name,note\r\n' +
	'1,"Office 365 ""E3"", annual","line one\r\nline two"\r\n' +
	'2,plain,\r\n' +
	'\r\n' +
	'3,"",São Paulo — ✓';

describe('readCsv', () => {
	it.each([1, 2, 3, 7, 1000])('reads quotes, escaped quotes, CRLF, line breaks in quotes, UTF-8 and a BOM (chunks of %i)', async (size) => {
		expect(await records(TRICKY_CSV, size)).toEqual([
			['id', 'name', 'note'],
			['1', 'Office 365 "E3", annual', 'line one\r\nline two'],
			['2', 'plain', ''],
			['3', '', 'São Paulo — ✓'],
		]);
	});

	it('accepts LF line ends, another delimiter and a final newline', async () => {
		expect(await records('a;b\n"x;y";z\n', 2, ';')).toEqual([
			['a', 'b'],
			['x;y', 'z'],
		]);
	});

	it('fails on a file cut off inside a quoted field', async () => {
		await expect(records('a,b\n1,"never closed', 4)).rejects.toThrow(RowsError);
	});

	it('gives each value its own string: repeated values are shared, none keeps a chunk alive', async () => {
		const out = await records('a,b\nsame value here,1\nsame value here,2\n', 5);
		expect(out[1][0]).toBe('same value here');
		expect(out[2][0]).toBe(out[1][0]);
	});
});

/** A CSV field as a writer quotes it: quotes, delimiters and line breaks inside quotes. */
function csvField(value: string): string {
	return /[",\r\n]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('readCsv against the records it was written from', () => {
	it('reads 300 fuzzed files back exactly, in chunks of every size, with values repeated and unique', async () => {
		const r = rng(20261203);
		const common = ['USD', 'EUR', 'Customer 9 Ltd', 'São Paulo — ✓', 'Office 365 "E3", annual', 'line one\r\nline two', '', '1061.76', '😀 emoji'];
		const value = (row: number, column: number): string => {
			switch (r.int(6)) {
				case 0:
					return `${column}-${row}-${r.int(1000)}`; // unique, like a line ID
				case 1:
					return r.pick(['a"b', 'x,y', 'tail\n', '\r', 'ç'.repeat(r.int(5)), ' spaced ']);
				default:
					return r.pick(common);
			}
		};
		for (let file = 0; file < 300; file++) {
			const width = 1 + r.int(6);
			const written: string[][] = [];
			for (let row = 0; row < 1 + r.int(40); row++) written.push(Array.from({ length: width }, (_, column) => value(row, column)));
			// A lone empty field is a blank line, which a CSV reader skips: keep one-column rows non-empty.
			if (width === 1) for (const row of written) if (row[0] === '') row[0] = 'x';
			const eol = r.pick(['\r\n', '\n']);
			const text = written.map((row) => row.map(csvField).join(',')).join(eol) + (r.int(2) === 0 ? eol : '');
			const size = r.pick([1, 2, 3, 5, 16, 64, 4096]);
			expect([file, size, await records(text, size)]).toEqual([file, size, written]);
			// Only some columns decoded (as Totals reads them): the others empty, no record lost.
			const keep = written[0].map(() => r.int(2) === 0);
			const some: string[][] = [];
			await readCsv(bytesOf(Buffer.from(text, 'utf8'), size), ',', (fields) => some.push([...fields]), () => keep);
			const expected = written.map((row, n) => (n === 0 ? row : row.map((value, i) => (keep[i] ? value : ''))));
			expect([file, size, keep, some]).toEqual([file, size, keep, expected]);
		}
	});
});

describe('ValuePool', () => {
	const decodeCounting = () => {
		const calls = { n: 0 };
		const decode = (buf: Buffer, from: number, to: number) => {
			calls.n++;
			return buf.toString('utf8', from, to);
		};
		return { calls, decode };
	};

	it('decodes each distinct value once and gives back the same text for the same bytes, wherever they are', () => {
		const pool = new ValuePool();
		const { calls, decode } = decodeCounting();
		const values = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `São ${i}` : `customer-${i}`));
		const wrong: string[] = [];
		for (let round = 0; round < 3; round++) {
			for (const value of values) {
				// The value at a different place in a larger buffer each time.
				const pad = 'x'.repeat(round * 7);
				const buf = Buffer.from(`${pad}${value}${pad}`, 'utf8');
				const padBytes = Buffer.byteLength(pad);
				if (pool.fromBytes(buf, padBytes, buf.length - padBytes, decode) !== value) wrong.push(value);
			}
		}
		expect(wrong).toEqual([]);
		expect(calls.n).toBe(values.length);
		expect(pool.fromBytes(Buffer.alloc(0), 0, 0, decode)).toBe('');
	});

	it('tells apart values that share a hash bucket, a length or a prefix', () => {
		const pool = new ValuePool();
		const { decode } = decodeCounting();
		// The last two have the same 32-bit hash (FNV-1a, as the pool computes it): only their bytes tell them apart.
		const values = ['ab', 'ba', 'a', 'aa', 'abc', 'abd', '1000009', '1000090', '9000001', 'v1412789', 'v1649192'];
		for (let i = 0; i < 3; i++) for (const value of values) expect(pool.fromBytes(Buffer.from(value), 0, value.length, decode)).toBe(value);
	});

	it('stops pooling a column whose values rarely repeat, keeps pooling one that does, and reads both right', () => {
		const unique = new ValuePool();
		const repeating = new ValuePool();
		const u = decodeCounting();
		const p = decodeCounting();
		let wrong = 0;
		for (let i = 0; i < 70_000; i++) {
			const value = `line-${i}`;
			if (unique.fromBytes(Buffer.from(value), 0, value.length, u.decode) !== value) wrong++;
			const often = `customer-${i % 500}`;
			if (repeating.fromBytes(Buffer.from(often), 0, often.length, p.decode) !== often) wrong++;
		}
		expect(wrong).toBe(0);
		expect(u.calls.n).toBe(70_000);
		expect(p.calls.n).toBe(500);
		// A value seen before is decoded again: the unique column is no longer looked up.
		expect(unique.fromBytes(Buffer.from('line-5'), 0, 6, u.decode)).toBe('line-5');
		expect(u.calls.n).toBe(70_001);
		expect(repeating.fromBytes(Buffer.from('customer-5'), 0, 10, p.decode)).toBe('customer-5');
		expect(p.calls.n).toBe(500);
	});

	it('answers the lookup that decides to stop pooling with its value', () => {
		const pool = new ValuePool();
		const { decode } = decodeCounting();
		for (let i = 0; i < 65_535; i++) pool.fromBytes(Buffer.from(`v${i}`), 0, `v${i}`.length, decode);
		// The 65,536th lookup is a hit, in a column that mostly does not repeat: the pool is dropped then.
		expect(pool.fromBytes(Buffer.from('v7'), 0, 2, decode)).toBe('v7');
		expect(pool.fromBytes(Buffer.from('v8'), 0, 2, decode)).toBe('v8');
	});

	it('pools values given as text the same way', () => {
		const pool = new ValuePool();
		expect(pool.fromText('Office 365 "E3", annual')).toBe('Office 365 "E3", annual');
		expect(pool.fromText('Office 365 "E3", annual')).toBe('Office 365 "E3", annual');
	});
});

describe('rowMaker', () => {
	it('builds rows of one shape from the header, naming extra fields and leaving missing ones empty', () => {
		const make = rowMaker(['a', 'b', 'c']);
		expect(make(['1', '2', '3', '4'])).toEqual({ a: '1', b: '2', c: '3', column_4: '4' });
		expect(make(['5'])).toEqual({ a: '5', b: '', c: '' });
	});

	it('keys rows by the header, naming unnamed and repeated columns', async () => {
		expect(await rowsOf('a,,a\n1,2,3,4\n5,,\n', 'csv', 3)).toEqual([
			{ a: '1', column_2: '2', column_3: '3', column_4: '4' },
			{ a: '5', column_2: '', column_3: '' },
		]);
	});
});

describe('readReportRows: never a partial file as complete', () => {
	it('fails on a CSV file whose last row is cut (fewer fields, no line break)', async () => {
		await expect(rowsOf('a,b,c\n1,2,3\n4,5', 'csv')).rejects.toThrow(
			'The CSV file ends in the middle of its last row (row 2 has 2 of the header\'s 3 columns and no line break): the file was cut off.',
		);
	});

	it('accepts a complete last row without a line break, and a short row that has one', async () => {
		expect(await rowsOf('a,b\n1,2', 'csv')).toEqual([{ a: '1', b: '2' }]);
		expect(await rowsOf('a,b\n1\n', 'csv')).toEqual([{ a: '1', b: '' }]);
	});

	it('fails on a gzip file without its trailer, for CSV and JSON', async () => {
		const csv = gzipSync(Buffer.from('a,b\n' + '1,2\n'.repeat(5000)));
		await expect(rowsOf(csv.subarray(0, csv.length - 4), 'csv', 100)).rejects.toThrow(SourceReadError);
		await expect(rowsOf(csv.subarray(0, csv.length - 4), 'csv', 100)).rejects.toThrow('The gzip file ends too early: it was cut off before it was complete.');
		const json = gzipSync(Buffer.from(JSON.stringify([{ a: 1 }, { a: 2 }])));
		await expect(rowsOf(json.subarray(0, json.length - 8), 'json', 5)).rejects.toThrow(/^The gzip file ends too early/);
	});

	it('fails on JSON that ends early', async () => {
		await expect(rowsOf('[{"a":1},{"a":', 'json')).rejects.toThrow('The JSON file ends in the middle of a record: the file was cut off.');
		await expect(rowsOf('{"a":1}\n{"a":2', 'json')).rejects.toThrow(/ends in the middle of a record/);
	});

	it('fails on a body shorter than its Content-Length', async () => {
		const file = 'a,b\n1,2\n';
		await expect(rowsOf(file, 'csv', 3, { expectedBytes: file.length + 10 })).rejects.toThrow(
			'The download ended after 8 bytes of the 18 bytes the server announced: the file is incomplete.',
		);
		expect(await rowsOf(file, 'csv', 3, { expectedBytes: file.length })).toEqual([{ a: '1', b: '2' }]);
	});
});

describe('ColumnTypes (Typed Columns)', () => {
	async function typed(file: string, format: 'csv' | 'json'): Promise<IDataObject[]> {
		const rows = await rowsOf(file, format);
		const types = new ColumnTypes();
		for (const row of rows) types.watch(row);
		types.apply(rows, (row) => row);
		return rows;
	}

	it('converts a column only when every value parses; one bad value keeps the whole column text', async () => {
		const rows = await typed('qty,price,flag,code,note\n1,2.50,true,007,x\n2,n/a,FALSE,008,\n30,-1e3,false,009,y\n', 'csv');
		expect(rows).toEqual([
			{ qty: 1, price: '2.50', flag: true, code: '007', note: 'x' },
			{ qty: 2, price: 'n/a', flag: false, code: '008', note: '' },
			{ qty: 30, price: '-1e3', flag: false, code: '009', note: 'y' },
		]);
	});

	it('treats empty values as null in a typed column and keeps long IDs text', async () => {
		expect(await typed('n,id\n1,12345678901234567890\n,2\n', 'csv')).toEqual([
			{ n: 1, id: '12345678901234567890' },
			{ n: null, id: '2' },
		]);
	});

	it('does the same for JSON and NDJSON string values, leaving real numbers as they are', async () => {
		const expected = [
			{ a: 1, b: 2.5, c: 'x' },
			{ a: 2, b: 3, c: '4' },
		];
		expect(await typed('[{"a":"1","b":2.5,"c":"x"},{"a":"2","b":"3","c":"4"}]', 'json')).toEqual(expected);
		expect(await typed('{"a":"1","b":2.5,"c":"x"}\n{"a":"2","b":"3","c":"4"}\n', 'json')).toEqual(expected);
	});
});

describe('Totals', () => {
	const CSV = 'customer,currency,amount,qty\nA,USD,10.10,1\nB,EUR,5,2\nA,USD,0.20,3\nA,EUR,7,4\nB,EUR,,5\nA,USD,-1.5,6\n';

	async function totalsOf(file: string, format: 'csv' | 'json', groupBy: string[], columns: string[]): Promise<IDataObject[]> {
		const totals = new Totals(groupBy, columns);
		const count = await readReportRows(
			bytesOf(Buffer.from(file), 5),
			format,
			(row, n) => {
				totals.noteKeys(row);
				totals.add(row, n);
			},
			{ onHeader: (keys) => totals.checkColumns(keys) },
		);
		return totals.result(count, format === 'json');
	}

	it('groups while reading and gives count, sum, min and max per group (checked by hand)', async () => {
		expect(await totalsOf(CSV, 'csv', ['customer', 'currency'], ['amount', 'qty'])).toEqual([
			// A/USD: 10.10 + 0.20 - 1.5 = 8.8; qty 1 + 3 + 6 = 10
			{ customer: 'A', currency: 'USD', count: 3, amount_sum: 8.8, amount_min: -1.5, amount_max: 10.1, qty_sum: 10, qty_min: 1, qty_max: 6 },
			// B/EUR: 5 (the empty amount is left out); qty 2 + 5 = 7
			{ customer: 'B', currency: 'EUR', count: 2, amount_sum: 5, amount_min: 5, amount_max: 5, qty_sum: 7, qty_min: 2, qty_max: 5 },
			{ customer: 'A', currency: 'EUR', count: 1, amount_sum: 7, amount_min: 7, amount_max: 7, qty_sum: 4, qty_min: 4, qty_max: 4 },
		]);
	});

	it('totals the whole file without Group By, the same from JSON', async () => {
		const json = JSON.stringify([
			{ customer: 'A', amount: 1.25 },
			{ customer: 'B', amount: '2.5' },
		]);
		expect(await totalsOf(json, 'json', [], ['amount'])).toEqual([{ count: 2, amount_sum: 3.75, amount_min: 1.25, amount_max: 2.5 }]);
	});

	it('gives the same totals when only the grouped and summed columns are decoded, as the operation reads them', async () => {
		const r = rng(5);
		const lines = ['lineId,customerId,description,currency,amount,quantity'];
		for (let i = 0; i < 3000; i++) {
			const description = r.pick(['plain', '"quoted, with comma"', '"line\nbreak"', '"say ""hi"""', '']);
			lines.push(`L-${i},${r.pick(['C1', 'C2', 'C3'])},${description},${r.pick(['USD', 'EUR'])},${(r.int(100000) / 100).toFixed(2)},${r.int(9)}`);
		}
		const file = Buffer.from(`${lines.join('\r\n')}\r\n`);
		const cases: Array<[string[], string[]]> = [
			[['customerId', 'currency'], ['amount', 'quantity']],
			[[], ['amount']],
			[['currency'], []],
			[[], []],
		];
		for (const [groupBy, columns] of cases) {
			const all = new Totals(groupBy, columns);
			const some = new Totals(groupBy, columns);
			const n1 = await readReportRows(bytesOf(file, 333), 'csv', (row, n) => all.add(row, n));
			const n2 = await readReportRows(bytesOf(file, 333), 'csv', (row, n) => some.add(row, n), { columns: [...groupBy, ...columns] });
			expect(n2).toBe(n1);
			expect(some.result(n2, false)).toEqual(all.result(n1, false));
		}
		// A one-column file whose column is not read still counts every row; the blank line is skipped.
		const single = new Totals([], []);
		expect(await readReportRows(bytesOf(Buffer.from('a\nx\n\ny\n""\n'), 2), 'csv', (row, n) => single.add(row, n), { columns: [] })).toBe(3);
		expect(single.result(3, false)).toEqual([{ count: 3 }]);
	});

	it('gives no groups for an empty file, and one zero total without Group By', async () => {
		expect(await totalsOf('', 'csv', ['customer'], ['amount'])).toEqual([]);
		expect(await totalsOf('customer,amount\n', 'csv', ['customer'], ['amount'])).toEqual([]);
		expect(await totalsOf('', 'csv', [], ['amount'])).toEqual([{ count: 0, amount_sum: 0, amount_min: null, amount_max: null }]);
		expect(await totalsOf('[]', 'json', [], [])).toEqual([{ count: 0 }]);
	});

	it('fails clearly on a column the report does not have', async () => {
		await expect(totalsOf(CSV, 'csv', ['reseller'], ['amount'])).rejects.toThrow('The report has no column "reseller"; its columns are customer, currency, amount, qty.');
		await expect(totalsOf('[{"a":1}]', 'json', [], ['amount'])).rejects.toThrow('The report has no column "amount".');
	});

	it('fails clearly on a value in a summed column that is not a number', async () => {
		await expect(totalsOf('customer,amount\nA,1\nB,n/a\n', 'csv', [], ['amount'])).rejects.toThrow(
			'Row 2 has "n/a" in the column "amount", which is not a number, so the column cannot be summed.',
		);
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
	it('decodes UTF-8 split across chunks and drops a byte order mark', async () => {
		const text = '[{"city":"São Paulo"}]';
		expect((await all(textOf(bytesOf(Buffer.from(`\ufeff${text}`), 1)))).join('')).toBe(text);
	});

	it('reads gzip detected by its magic number', async () => {
		expect(await rowsOf(gzipSync(Buffer.from('[{"city":"São Paulo"}]')), 'json', 5)).toEqual([{ city: 'São Paulo' }]);
	});
});
