/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Stop, one wait kind at a time: a wait, a poll between two reads, a retry back-off, a Retry-After
 * (held by the account's pacer or waited out without one), the pacer's queue, a request in flight
 * and a streamed download read the way the providers read them (a plain `for await` or a reader
 * given no options). Each ends within PROMPT_MS of Stop with ExecutionCancelledError, and nothing
 * more reaches the server afterwards: no request, no further byte read, the connection closed.
 */
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';

import { ExecutionCancelledError, isCancellation, nap, pause } from '../../../nodes/shared/cancel';
import { providerRequest, type ProviderProfile, type RequestContext } from '../../../nodes/shared/http';
import { autoGunzip, forEachLine } from '../../../nodes/shared/ndjson';
import { Pacer } from '../../../nodes/shared/pacing';
import { pollUntil } from '../../../nodes/shared/polling';
import { fakeContext, requestFor } from '../support/context';
import { json, startServer, wait, type LocalServer } from './local-server';

/** How soon after Stop a wait must have ended (generous for a loaded machine; the waits are 5-60 s). */
const PROMPT_MS = 250;
/** How long the server is watched after Stop for anything that still arrives. */
const WATCH_MS = 600;

let uniqueAccount = 0;
function profile(extra: Partial<ProviderProfile> = {}): ProviderProfile {
	return {
		displayName: 'Example API',
		credentialType: 'exampleApi',
		baseUrlField: 'baseUrl',
		secretFields: ['token'],
		// A fresh account per test: pacers are shared per account for the whole process.
		accountFields: ['baseUrl', 'account'],
		...extra,
	};
}

function contextFor(server: LocalServer, signal: AbortSignal, retry: Partial<RequestContext['retry']> = {}): RequestContext {
	const ctx = fakeContext({ credentials: { baseUrl: server.url, token: 't', account: `a${++uniqueAccount}` } });
	return { ...requestFor(ctx, { maxAttempts: 5, ...retry }), signal };
}

/** Runs `work`, stops after `afterMs`, and returns what it ended with and how long after Stop. */
async function stopDuring<T>(work: (signal: AbortSignal) => Promise<T>, afterMs: number) {
	const stop = new AbortController();
	const settled = work(stop.signal).then(
		(value) => ({ value, error: undefined as unknown }),
		(error: unknown) => ({ value: undefined, error }),
	);
	await wait(afterMs);
	const stoppedAt = Date.now();
	stop.abort();
	const result = await settled;
	return { ...result, stoppedAt, tookMs: Date.now() - stoppedAt };
}

describe('waits end on Stop', () => {
	it('pause: rejects with ExecutionCancelledError at once, and at once when already stopped', async () => {
		const { error, tookMs } = await stopDuring(async (signal) => await pause(60_000, signal), 50);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		const stopped = new AbortController();
		stopped.abort();
		const started = Date.now();
		await expect(pause(60_000, stopped.signal)).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - started).toBeLessThan(PROMPT_MS);
	});

	it('pause and a poll leave no timer behind once stopped', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
		try {
			const stop = new AbortController();
			const paused = pause(60_000, stop.signal).catch((e: unknown) => e);
			const polled = pollUntil('waiting', () => false, async () => 'waiting', {
				intervalMs: 30_000,
				timeoutMs: 600_000,
				timedOut: () => new Error('timed out'),
				signal: stop.signal,
			}).catch((e: unknown) => e);
			expect(jest.getTimerCount()).toBe(2);
			stop.abort();
			expect(await paused).toBeInstanceOf(ExecutionCancelledError);
			expect(await polled).toBeInstanceOf(ExecutionCancelledError);
			expect(jest.getTimerCount()).toBe(0);
		} finally {
			jest.useRealTimers();
		}
	});

	it('pause: without Stop it waits its time', async () => {
		const started = Date.now();
		await pause(120, new AbortController().signal);
		expect(Date.now() - started).toBeGreaterThanOrEqual(110);
	});

	it('nap: a wake-up timer resolves (never rejects) at once on its signal', async () => {
		const { value, error, tookMs } = await stopDuring(async (signal) => await nap(60_000, signal).then(() => 'woken'), 50);
		expect(error).toBeUndefined();
		expect(value).toBe('woken');
		expect(tookMs).toBeLessThan(PROMPT_MS);
	});

	it('Wait for Completion: a poll ends between two reads, and reads nothing more', async () => {
		let reads = 0;
		const { error, tookMs } = await stopDuring(
			async (signal) =>
				await pollUntil('waiting', () => false, async () => {
					reads++;
					return 'waiting';
				}, { intervalMs: 100, timeoutMs: 60_000, timedOut: () => new Error('timed out'), signal }),
			370,
		);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		const readsAtStop = reads;
		expect(readsAtStop).toBeGreaterThanOrEqual(1);
		await wait(WATCH_MS);
		expect(reads).toBe(readsAtStop);
	});
});

describe('requests end on Stop', () => {
	let server: LocalServer;
	beforeAll(async () => {
		server = await startServer(async (req, res) => {
			const url = req.url ?? '/';
			if (url.startsWith('/busy')) return json(res, 503, { message: 'busy' });
			if (url.startsWith('/limited')) return json(res, 429, { message: 'slow down' }, { 'retry-after': '3' });
			if (url.startsWith('/slow')) {
				await wait(3000);
				return json(res, 200, { late: true });
			}
			json(res, 200, { ok: true });
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	/** Requests that arrived after `at`. */
	const after = (at: number) => server.requests.filter((r) => r.at > at).length;

	it('retry back-off: ends at once, the next attempt is never sent', async () => {
		const { error, stoppedAt, tookMs } = await stopDuring(
			async (signal) => await providerRequest(contextFor(server, signal, { baseDelayMs: 30_000 }), profile(), { url: '/busy' }),
			200,
		);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		await wait(WATCH_MS);
		expect(server.requests).toHaveLength(1);
		expect(after(stoppedAt)).toBe(0);
	});

	it('Retry-After without a pacer: the wait ends at once, nothing is sent again', async () => {
		const { error, stoppedAt, tookMs } = await stopDuring(
			async (signal) => await providerRequest(contextFor(server, signal), profile(), { url: '/limited' }),
			200,
		);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		await wait(WATCH_MS);
		expect(server.requests).toHaveLength(1);
		expect(after(stoppedAt)).toBe(0);
	});

	it('Retry-After held by the account pacer: the caller leaves the queue at once, nothing is sent again', async () => {
		const paced = profile({ minIntervalMs: 50, honourRateLimitHeaders: true });
		const { error, stoppedAt, tookMs } = await stopDuring(
			async (signal) => await providerRequest(contextFor(server, signal), paced, { url: '/limited' }),
			200,
		);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		await wait(WATCH_MS);
		expect(server.requests).toHaveLength(1);
		expect(after(stoppedAt)).toBe(0);
	});

	it('the pacer queue: a caller waiting behind a slow request leaves at once and is never sent', async () => {
		const paced = profile({ minIntervalMs: 1000 });
		const stop = new AbortController();
		const other = new AbortController();
		const context = contextFor(server, other.signal);
		// Same account: the second caller queues behind the first's slow answer.
		const first = providerRequest(context, paced, { url: '/slow' }).catch((e: unknown) => e);
		await wait(100);
		const queued = providerRequest({ ...context, signal: stop.signal }, paced, { url: '/x' }).catch((e: unknown) => e);
		await wait(100);
		const stoppedAt = Date.now();
		stop.abort();
		expect(await queued).toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - stoppedAt).toBeLessThan(PROMPT_MS);
		other.abort();
		await first;
		await wait(WATCH_MS);
		expect(server.requests.map((r) => r.url)).toEqual(['/slow']);
	});

	it('a Pacer wait on its own: acquire() rejects at once and the queue is empty', async () => {
		const pacer = new Pacer(10_000);
		const slot = await pacer.acquire();
		const { error, tookMs } = await stopDuring(async (signal) => await pacer.acquire({ signal }), 50);
		expect(error).toBeInstanceOf(ExecutionCancelledError);
		expect(tookMs).toBeLessThan(PROMPT_MS);
		expect(pacer.waiting).toEqual({ foreground: 0, background: 0 });
		slot.release();
	});

	it('a request in flight: aborted at once, authenticated and anonymous alike', async () => {
		for (const anonymous of [false, true]) {
			server.requests.splice(0);
			const { error, tookMs } = await stopDuring(
				async (signal) =>
					await providerRequest(contextFor(server, signal), profile(), { url: anonymous ? `${server.url}/slow` : '/slow', anonymous }),
				150,
			);
			expect(error).toBeInstanceOf(ExecutionCancelledError);
			expect(tookMs).toBeLessThan(PROMPT_MS);
			await wait(200);
			expect(server.requests).toHaveLength(1);
		}
	});
});

describe('streamed downloads end on Stop, however they are read', () => {
	const file = gzipSync(Buffer.from(Array.from({ length: 20_000 }, (_, i) => `{"id":${i},"text":"row ${i}"}\n`).join('')));
	let server: LocalServer;
	/** Bytes the server wrote, with when; and when each download's connection closed. */
	let sent: Array<{ at: number; bytes: number }>;
	let closedAt: number | undefined;

	beforeAll(async () => {
		server = await startServer(async (_req, res) => {
			res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(file.length) });
			res.on('close', () => {
				closedAt = Date.now();
			});
			// Dribbles the file: 256 bytes every 20 ms, about 12 KB/s.
			for (let at = 0; at < file.length && !res.destroyed; at += 256) {
				const chunk = file.subarray(at, at + 256);
				res.write(chunk);
				sent.push({ at: Date.now(), bytes: chunk.length });
				await wait(20);
			}
			if (!res.destroyed) res.end();
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		sent = [];
		closedAt = undefined;
	});

	async function streamed(signal: AbortSignal) {
		const ctx = fakeContext();
		return await providerRequest({ ...requestFor(ctx, { maxAttempts: 1 }), signal }, profile(), {
			url: `${server.url}/file.gz`,
			anonymous: true,
			encoding: 'stream',
			json: false,
		});
	}

	const readers: Record<string, (body: AsyncIterable<Uint8Array>) => Promise<unknown>> = {
		'a plain for await': async (body) => {
			let size = 0;
			for await (const chunk of body) size += chunk.length;
			return size;
		},
		'autoGunzip without options': async (body) => {
			let size = 0;
			for await (const chunk of autoGunzip(body)) size += chunk.length;
			return size;
		},
		'forEachLine without options': async (body) => await forEachLine(body, () => undefined),
		// What n8n's binary data storage does with a stream handed to prepareBinaryData.
		'a pipeline into a writable': async (body) =>
			await pipeline(
				body as unknown as Readable,
				new Writable({
					write: (_chunk, _encoding, done) => done(),
				}),
			),
	};

	for (const [name, read] of Object.entries(readers)) {
		it(`${name}: ends as stopped at once, the connection closes, no byte is sent after it`, async () => {
			const { error, stoppedAt, tookMs } = await stopDuring(async (signal) => await read((await streamed(signal)).body as AsyncIterable<Uint8Array>), 300);
			expect(isCancellation(error)).toBe(true);
			expect(tookMs).toBeLessThan(PROMPT_MS);
			expect(sent.length).toBeGreaterThan(3);
			await wait(WATCH_MS);
			expect(closedAt).toBeDefined();
			expect(closedAt! - stoppedAt).toBeLessThan(PROMPT_MS);
			// A chunk may be in the socket as Stop fires; none is written once the connection closed.
			expect(sent.filter((s) => s.at > closedAt!)).toEqual([]);
			expect(sent.reduce((n, s) => n + s.bytes, 0)).toBeLessThan(file.length);
		});
	}

	it('a body not being read when Stop fires is destroyed without an unhandled error', async () => {
		const stop = new AbortController();
		const response = await streamed(stop.signal);
		const body = response.body as AsyncIterable<Uint8Array> & { destroyed: boolean };
		await wait(100);
		const stoppedAt = Date.now();
		stop.abort();
		expect(body.destroyed).toBe(true);
		const late = await (async () => {
			for await (const chunk of body) void chunk;
		})().catch((e: unknown) => e);
		expect(isCancellation(late)).toBe(true);
		await wait(200);
		expect(closedAt! - stoppedAt).toBeLessThan(PROMPT_MS);
	});
});
