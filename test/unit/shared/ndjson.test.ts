/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { gzipSync } from 'node:zlib';

import { autoGunzip, forEachLine, SourceReadError } from '../../../nodes/shared/ndjson';

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

async function linesOf(source: AsyncIterable<Uint8Array> | Uint8Array): Promise<Array<[number, string]>> {
	const out: Array<[number, string]> = [];
	const count = await forEachLine(source, (text, line) => out.push([line, text]));
	expect(count).toBe(out.length);
	return out;
}

describe('forEachLine', () => {
	it('joins a line split across chunks', async () => {
		const text = Buffer.from('{"a":1}\n{"b":2}\n');
		expect(await linesOf(chunks(text, [3, 5, 2]))).toEqual([
			[1, '{"a":1}'],
			[2, '{"b":2}'],
		]);
	});

	it('decodes a multi-byte UTF-8 character split across chunks', async () => {
		const text = Buffer.from('{"city":"São Paulo ✓"}\n');
		const split = text.indexOf(Buffer.from('ã')) + 1; // inside the two bytes of "ã"
		expect(await linesOf(chunks(text, [split, 1, 19]))).toEqual([[1, '{"city":"São Paulo ✓"}']]);
	});

	it('counts blank lines and accepts CRLF', async () => {
		const text = Buffer.from('{"a":1}\r\n\r\n   \n{"a":2}\n');
		expect(await linesOf(text)).toEqual([
			[1, '{"a":1}'],
			[2, ''],
			[3, '   '],
			[4, '{"a":2}'],
		]);
	});

	it('reads a last line with no trailing newline', async () => {
		expect((await linesOf(Buffer.from('{"a":1}\n{"a":2}'))).map(([, t]) => t)).toEqual(['{"a":1}', '{"a":2}']);
	});

	it('streams gzip in small chunks, recognised by its first bytes', async () => {
		const rows = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i, s: 'é'.repeat(i % 7) })).join('\n');
		const gz = gzipSync(Buffer.from(rows));
		const lines = await linesOf(chunks(gz, Array(Math.ceil(gz.length / 97)).fill(97)));
		expect(lines).toHaveLength(5000);
		expect(JSON.parse(lines[4999][1])).toEqual({ i: 4999, s: 'é'.repeat(4999 % 7) });
	});

	it('fails clearly on a truncated gzip file, saying how far it got', async () => {
		const gz = gzipSync(Buffer.from('{"a":1}\n'.repeat(1000)));
		const error = await forEachLine(gz.subarray(0, gz.length - 20), () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceReadError);
		expect(error.reason).toBe('truncated');
		expect(error.message).toBe('The gzip file ends too early: it was cut off before it was complete.');
		expect(error.linesRead).toBeGreaterThan(0);
	});

	it('passes an error of the callback through untouched', async () => {
		const mine = new Error('bad line');
		const error = await forEachLine(Buffer.from('a\nb\n'), (_t, line) => {
			if (line === 2) throw mine;
		}).catch((e) => e);
		expect(error).toBe(mine);
	});

	it('reads a web ReadableStream as well as an async iterable', async () => {
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				c.enqueue(new TextEncoder().encode('x\ny'));
				c.close();
			},
		});
		expect(await linesOf(stream as unknown as AsyncIterable<Uint8Array>)).toEqual([
			[1, 'x'],
			[2, 'y'],
		]);
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
