import { gzipSync } from 'node:zlib';

import { autoGunzip, lines, NdjsonError, readNdjson } from '../../../nodes/shared/ndjson';

/** Feeds bytes in the given chunk sizes, the way a network stream arrives. */
async function* chunks(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
	let at = 0;
	for (const size of sizes) {
		yield bytes.subarray(at, at + size);
		at += size;
	}
	if (at < bytes.length) yield bytes.subarray(at);
}

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const v of gen) out.push(v);
	return out;
}

describe('readNdjson', () => {
	it('joins a line split across chunks', async () => {
		const text = Buffer.from('{"a":1}\n{"b":2}\n');
		const records = await all(readNdjson(chunks(text, [3, 5, 2]), { gzip: false }));
		expect(records).toEqual([
			{ line: 1, value: { a: 1 } },
			{ line: 2, value: { b: 2 } },
		]);
	});

	it('decodes a multi-byte UTF-8 character split across chunks', async () => {
		const text = Buffer.from('{"city":"São Paulo ✓"}\n');
		const split = text.indexOf(Buffer.from('ã')) + 1; // inside the two bytes of "ã"
		const records = await all(readNdjson(chunks(text, [split, 1, 19]), { gzip: false }));
		expect(records[0].value).toEqual({ city: 'São Paulo ✓' });
	});

	it('skips blank lines but counts them, and accepts CRLF', async () => {
		const text = Buffer.from('{"a":1}\r\n\r\n   \n{"a":2}\n');
		const records = await all(readNdjson(text, { gzip: false }));
		expect(records).toEqual([
			{ line: 1, value: { a: 1 } },
			{ line: 4, value: { a: 2 } },
		]);
	});

	it('reads a last line with no trailing newline', async () => {
		const records = await all(readNdjson(Buffer.from('{"a":1}\n{"a":2}'), { gzip: false }));
		expect(records.map((r) => r.value)).toEqual([{ a: 1 }, { a: 2 }]);
	});

	it('streams gzip in small chunks', async () => {
		const rows = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: 'é'.repeat(i % 7) })).join('\n');
		const gz = gzipSync(Buffer.from(rows));
		const records = await all(readNdjson(chunks(gz, Array(Math.ceil(gz.length / 97)).fill(97)), { gzip: true }));
		expect(records).toHaveLength(5000);
		expect(records[4999].value).toEqual({ i: 4999, s: 'é'.repeat(4999 % 7) });
	});

	it('fails clearly on a truncated gzip file', async () => {
		const gz = gzipSync(Buffer.from('{"a":1}\n'.repeat(1000)));
		const error = await all(readNdjson(gz.subarray(0, gz.length - 20), { gzip: true })).catch((e) => e);
		expect(error).toBeInstanceOf(NdjsonError);
		expect(error.message).toMatch(/not a complete gzip file/);
	});

	it('names the line of invalid JSON', async () => {
		const gz = gzipSync(Buffer.from('{"a":1}\n{"a":2}\n{"a":3\n{"a":4}\n'));
		const error = await all(readNdjson(gz, { gzip: true })).catch((e) => e);
		expect(error).toBeInstanceOf(NdjsonError);
		expect(error.line).toBe(3);
		expect(error.message).toMatch(/^Line 3 is not valid JSON/);
		expect(error.message).toContain('{"a":3');
	});

	it('reads a web ReadableStream as well as an async iterable', async () => {
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				c.enqueue(new TextEncoder().encode('x\ny'));
				c.close();
			},
		});
		expect(await all(lines(stream, { gzip: false }))).toEqual(['x', 'y']);
	});
});

describe('autoGunzip', () => {
	it('gunzips gzip and passes plain bytes through, from a stream or a buffer', async () => {
		const text = '{"a":1}\n{"a":2}\n';
		const decode = async (gen: AsyncGenerator<Uint8Array>) => Buffer.concat(await all(gen)).toString('utf8');
		expect(await decode(autoGunzip(chunks(gzipSync(Buffer.from(text)), [1, 0, 5])))).toBe(text);
		expect(await decode(autoGunzip(chunks(Buffer.from(text), [0, 3])))).toBe(text);
		expect(await decode(autoGunzip(gzipSync(Buffer.from(text))))).toBe(text);
		expect(await all(autoGunzip(chunks(Buffer.alloc(0), [])))).toEqual([]);
	});
});
