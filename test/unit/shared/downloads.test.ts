/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Downloads read through the shared readers (ndjson.ts) over real HTTP with n8n's own outbound
 * client: one clear SourceReadError per cause, never a partial file taken as complete, and Stop or
 * an idle timeout ending the read at once with the socket closed.
 */
import { gzipSync } from 'node:zlib';

import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { ExecutionCancelledError } from '../../../nodes/shared/cancel';
import { downloadError } from '../../../nodes/shared/errors';
import { readOptionsFor, providerDownload, providerRequest, type ProviderProfile } from '../../../nodes/shared/http';
import {
	autoGunzip,
	bytes,
	declaredLength,
	forEachLine,
	guardedBytes,
	NdjsonError,
	readVerifiedFile,
	SourceReadError,
	verifiedBytes,
} from '../../../nodes/shared/ndjson';
import { fakeContext, requestFor, testNode } from '../support/context';
import { startServer, wait, type LocalServer } from './local-server';

const storage: ProviderProfile = {
	displayName: 'Example storage',
	credentialType: 'exampleApi',
	secretFields: [],
	accountFields: [],
};

const rows = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => JSON.stringify({ i, text: 'x'.repeat(40) })).join('\n') + '\n');

async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function download(server: LocalServer, path: string, signal?: AbortSignal): Promise<IN8nHttpFullResponse> {
	const ctx = fakeContext();
	return await providerRequest({ ...requestFor(ctx, { maxAttempts: 1 }), signal }, storage, {
		url: `${server.url}${path}`,
		anonymous: true,
		download: true,
	});
}

describe('gzip failures, one sentence each', () => {
	const gz = gzipSync(rows(2000));

	it('relies on DecompressionStream failing when the 8-byte trailer is missing (checked on this Node)', async () => {
		const ds = new DecompressionStream('gzip');
		const writer = ds.writable.getWriter();
		const drained = new Response(ds.readable).arrayBuffer();
		void writer.write(gz.subarray(0, gz.length - 8)).catch(() => undefined);
		void writer.close().catch(() => undefined);
		await expect(drained).rejects.toMatchObject({ code: 'Z_BUF_ERROR' });
	});

	it.each([
		['without its 8-byte trailer', gz.subarray(0, gz.length - 8)],
		['without half its trailer', gz.subarray(0, gz.length - 4)],
		['cut inside the compressed data', gz.subarray(0, Math.floor(gz.length / 2))],
	])('a gzip file %s is truncated', async (_what, data) => {
		const error = await forEachLine(chunksOf(data, 512), () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceReadError);
		expect(error).toBeInstanceOf(NdjsonError);
		expect(error.reason).toBe('truncated');
		expect(error.message).toBe('The gzip file ends too early: it was cut off before it was complete.');
		expect(error.hint).toMatch(/create it \(the report\) again/);
	});

	it('a wrong checksum, damaged data and junk after the end are corrupt', async () => {
		const badCrc = Buffer.from(gz);
		badCrc[gz.length - 6] ^= 0xff;
		const damaged = Buffer.from(gz);
		damaged[20] ^= 0xff;
		const junk = Buffer.concat([gz, Buffer.from('trailing junk')]);
		for (const data of [badCrc, damaged, junk]) {
			const error = await forEachLine(data, () => undefined).catch((e) => e);
			expect(error).toBeInstanceOf(SourceReadError);
			expect(error.reason).toBe('corrupt');
			expect(error.message).toMatch(/^The gzip file (is damaged|has unexpected data after its end)/);
		}
	});

	it('never doubles its message, whichever reader reports it', async () => {
		const data = gz.subarray(0, gz.length - 8);
		const viaBytes = await (async () => {
			for await (const _ of bytes(data, { gzip: true })) void _;
		})().catch((e) => e);
		const viaAuto = await (async () => {
			for await (const _ of autoGunzip(data)) void _;
		})().catch((e) => e);
		for (const error of [viaBytes, viaAuto]) {
			expect(error).toBeInstanceOf(SourceReadError);
			expect(error.message.match(/gzip file/g)).toHaveLength(1);
		}
	});
});

describe('the declared length', () => {
	it('is the Content-Length of a body that was not content-encoded', () => {
		expect(declaredLength({ 'content-length': '1200' })).toBe(1200);
		expect(declaredLength({ 'Content-Length': '1200', 'content-encoding': 'identity' })).toBe(1200);
		expect(declaredLength({ 'content-length': '1200', 'content-encoding': 'gzip' })).toBeUndefined();
		expect(declaredLength({})).toBeUndefined();
		expect(declaredLength({ 'content-length': 'x' })).toBeUndefined();
	});

	it('fails a body shorter than announced instead of handing it over as complete', async () => {
		const data = rows(100);
		const error = await forEachLine(chunksOf(data, 100), () => undefined, { expectedBytes: data.length + 10 }).catch((e) => e);
		expect(error.reason).toBe('short');
		expect(error.message).toBe(`The download ended after 5.8 KB of the 5.8 KB the server announced: the file is incomplete.`);
		const file = await readVerifiedFile(chunksOf(data, 100), { expectedBytes: data.length + 10 }).catch((e) => e);
		expect(file.reason).toBe('short');
	});
});

describe('a file kept as a file', () => {
	const plain = rows(3000);
	const gz = gzipSync(plain);

	it('passes a complete gzip file through byte for byte, and a plain one', async () => {
		expect((await readVerifiedFile(chunksOf(gz, 333))).equals(gz)).toBe(true);
		expect((await readVerifiedFile(chunksOf(plain, 333))).equals(plain)).toBe(true);
		const streamed: Uint8Array[] = [];
		for await (const chunk of verifiedBytes(chunksOf(gz, 1000), { gzip: true })) streamed.push(chunk);
		expect(Buffer.concat(streamed).equals(gz)).toBe(true);
	});

	it('fails at the end of the stream when the gzip trailer is missing, after passing the bytes on', async () => {
		const passed: Uint8Array[] = [];
		const error = await (async () => {
			for await (const chunk of verifiedBytes(chunksOf(gz.subarray(0, gz.length - 8), 1000))) passed.push(chunk);
		})().catch((e) => e);
		expect(error.reason).toBe('truncated');
		expect(Buffer.concat(passed).length).toBe(gz.length - 8);
		await expect(readVerifiedFile(gz.subarray(0, gz.length - 8))).rejects.toMatchObject({ reason: 'truncated' });
	});

	it('refuses a file that should be gzip but is not, and one larger than the memory limit', async () => {
		await expect(readVerifiedFile(plain, { gzip: true })).rejects.toMatchObject({
			reason: 'corrupt',
			message: 'The file is not a gzip file (or its start is damaged).',
		});
		await expect(readVerifiedFile(chunksOf(plain, 1000), { maxBytes: 10_000 })).rejects.toMatchObject({ reason: 'unreadable' });
	});
});

describe('over HTTP', () => {
	let server: LocalServer;
	const gz = gzipSync(rows(20_000));
	let stalled: Array<() => void> = [];

	beforeAll(async () => {
		server = await startServer(async (req, res) => {
			if (req.url === '/cut') {
				// Announces the whole file, sends a third, then the connection drops.
				res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(gz.length) });
				res.write(gz.subarray(0, Math.floor(gz.length / 3)));
				await wait(50);
				res.socket?.destroy();
				return;
			}
			if (req.url === '/truncated') {
				const data = gz.subarray(0, gz.length - 8);
				res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(data.length) });
				res.end(data);
				return;
			}
			if (req.url === '/stall' || req.url === '/slow') {
				res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(gz.length) });
				res.write(gz.subarray(0, 4096));
				if (req.url === '/slow') {
					// Keeps trickling: a byte every 100 ms is progress, however slow.
					let at = 4096;
					const timer = setInterval(() => {
						if (at >= gz.length || res.destroyed) {
							clearInterval(timer);
							res.end();
							return;
						}
						res.write(gz.subarray(at, at + 4096));
						at += 4096;
					}, 100);
					stalled.push(() => clearInterval(timer));
				}
				return;
			}
			res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': String(gz.length) });
			res.end(gz);
		});
	});
	afterEach(() => {
		for (const stop of stalled) stop();
		stalled = [];
	});
	afterAll(async () => await server.close());

	it('reads a whole gzip file through providerDownload with its read options', async () => {
		const response = await providerDownload(requestFor(fakeContext()), storage, { url: `${server.url}/ok`, anonymous: true });
		expect(response.readOptions).toMatchObject({ expectedBytes: gz.length, idleTimeoutMs: 600_000 });
		expect(await forEachLine(response.body as AsyncIterable<Uint8Array>, () => undefined, response.readOptions)).toBe(20_000);
	});

	it('says the connection was cut, with how much arrived, when the server drops it mid-file', async () => {
		const context = requestFor(fakeContext());
		const response = await download(server, '/cut');
		const error = await forEachLine(response.body as AsyncIterable<Uint8Array>, () => undefined, readOptionsFor(context, response)).catch((e) => e);
		expect(error).toBeInstanceOf(SourceReadError);
		expect(error.reason).toBe('cut');
		expect(error.message).toMatch(/^The connection was cut during the download, after [\d.]+ KB of [\d.]+ KB\.$/);
		expect(error.message).not.toMatch(/aborted/);
		expect(error.linesRead).toBeGreaterThan(0);
		const nodeError = downloadError(testNode, error, { what: 'Report 42', itemIndex: 0 });
		expect(nodeError.constructor.name).toBe('NodeOperationError');
		expect(nodeError.message).toBe(`Report 42: ${error.message}`);
		expect(nodeError.description).toBe(`${error.hint} It failed after line ${error.linesRead}.`);
	});

	it('fails a stored gzip file without its trailer in every output mode', async () => {
		const context = requestFor(fakeContext());
		let response = await download(server, '/truncated');
		const lines = await forEachLine(response.body as AsyncIterable<Uint8Array>, () => undefined, readOptionsFor(context, response)).catch((e) => e);
		expect(lines.reason).toBe('truncated');
		response = await download(server, '/truncated');
		const file = await readVerifiedFile(response.body as AsyncIterable<Uint8Array>, readOptionsFor(context, response)).catch((e) => e);
		expect(file.reason).toBe('truncated');
	});

	it('ends a stalled download after the idle timeout and closes the connection', async () => {
		const closedBefore = server.closedSockets;
		const response = await download(server, '/stall');
		const started = Date.now();
		const options = { ...readOptionsFor(requestFor(fakeContext()), response), idleTimeoutMs: 300 };
		const error = await forEachLine(response.body as AsyncIterable<Uint8Array>, () => undefined, options).catch((e) => e);
		expect(error.reason).toBe('idle');
		expect(error.message).toBe('The download stalled: no data arrived for 0.3 s.');
		expect(Date.now() - started).toBeLessThan(1500);
		await wait(100);
		expect(server.closedSockets).toBeGreaterThan(closedBefore);
	});

	it('does not time out a download that keeps making progress, however slowly', async () => {
		const response = await download(server, '/slow');
		const started = Date.now();
		const lines = await forEachLine(response.body as AsyncIterable<Uint8Array>, () => undefined, { idleTimeoutMs: 400, expectedBytes: gz.length });
		expect(lines).toBe(20_000);
		expect(Date.now() - started).toBeGreaterThan(800);
	}, 20_000);

	it('stops reading at once on Stop: no further byte is read and the socket is closed', async () => {
		const stop = new AbortController();
		const closedBefore = server.closedSockets;
		const response = await download(server, '/stall', stop.signal);
		const guarded = guardedBytes(response.body as AsyncIterable<Uint8Array>, { signal: stop.signal });
		const reading = forEachLine(guarded, () => undefined, { signal: stop.signal }).catch((e) => e);
		await wait(200);
		const readBeforeStop = guarded.bytesRead;
		const started = Date.now();
		stop.abort();
		const error = await reading;
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - started).toBeLessThan(200);
		await wait(100);
		expect(guarded.bytesRead).toBe(readBeforeStop);
		expect((response.body as { destroyed?: boolean }).destroyed).toBe(true);
		expect(server.closedSockets).toBeGreaterThan(closedBefore);
	});

	it('closes the download when the line callback fails', async () => {
		const response = await download(server, '/stall');
		const mine = new Error('bad line');
		const error = await forEachLine(response.body as AsyncIterable<Uint8Array>, () => {
			throw mine;
		}).catch((e) => e);
		expect(error).toBe(mine);
		expect((response.body as { destroyed?: boolean }).destroyed).toBe(true);
	});
});
