/**
 * The per-account gate: one request in flight, the next one an interval after the previous
 * answer, first come first served, Stop leaving the queue at once, and background callers (reads
 * a webhook notification asked for) never holding an action node back.
 */
import { ExecutionCancelledError } from '../../../nodes/shared/cancel';
import { providerJson, type ProviderProfile } from '../../../nodes/shared/http';
import { Pacer, PacerQueueFullError } from '../../../nodes/shared/pacing';
import { fakeContext, requestFor } from '../support/context';
import { json, startServer, wait, type LocalServer } from './local-server';

const INTERVAL = 200;

function profile(): ProviderProfile {
	return {
		displayName: 'Strict API',
		credentialType: 'strictApi',
		baseUrlField: 'baseUrl',
		minIntervalMs: INTERVAL,
		secretFields: ['token'],
		accountFields: ['baseUrl', 'token'],
	};
}

/** Answers 429 to any request that arrives less than INTERVAL after the previous arrival. */
async function strictServer(latency: () => number): Promise<LocalServer & { refused: () => number; inFlightMax: () => number }> {
	let last = 0;
	let refused = 0;
	let inFlight = 0;
	let inFlightMax = 0;
	const server = await startServer(async (req, res, seen) => {
		inFlight++;
		inFlightMax = Math.max(inFlightMax, inFlight);
		const early = seen.at - last < INTERVAL;
		last = seen.at;
		await wait(latency());
		inFlight--;
		if (early) {
			refused++;
			return json(res, 429, { message: 'one request per interval' }, { 'retry-after': '1' });
		}
		json(res, 200, { ok: true, lane: req.url });
	});
	return Object.assign(server, { refused: () => refused, inFlightMax: () => inFlightMax });
}

describe('the account gate over HTTP', () => {
	it('lets a burst of 50 concurrent callers through a strict server with zero 429s', async () => {
		// Slow and fast answers mixed: with send times reserved up front, a slow answer would let the
		// next request arrive early.
		const server = await strictServer(() => (Math.random() < 0.3 ? 150 : Math.random() * 20));
		try {
			const ctx = fakeContext({ credentials: { baseUrl: server.url, token: `burst-${Date.now()}` } });
			const started = Date.now();
			const answers = await Promise.all(
				Array.from({ length: 50 }, async (_, i) => await providerJson(requestFor(ctx, { maxAttempts: 1 }), profile(), { url: `/items?caller=${i}` })),
			);
			expect(answers).toHaveLength(50);
			expect(server.refused()).toBe(0);
			expect(server.inFlightMax()).toBe(1);
			const arrivals = server.requests.map((r) => r.at);
			for (let i = 1; i < arrivals.length; i++) expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(INTERVAL);
			expect(Date.now() - started).toBeGreaterThanOrEqual(49 * INTERVAL);
			// First come, first served.
			expect(server.requests.map((r) => Number(new URL(r.url, server.url).searchParams.get('caller')))).toEqual(
				Array.from({ length: 50 }, (_, i) => i),
			);
		} finally {
			await server.close();
		}
	}, 30_000);

	it('sends a foreground request within about two intervals while 30 background reads are queued', async () => {
		const server = await strictServer(() => 20);
		try {
			const ctx = fakeContext({ credentials: { baseUrl: server.url, token: `lanes-${Date.now()}` } });
			// Half ask per request, half through their context, as a trigger does.
			const background = Array.from({ length: 30 }, async (_, i) =>
				i % 2
					? await providerJson(requestFor(ctx, { maxAttempts: 1 }), profile(), { url: `/background/${i}`, priority: 'background' })
					: await providerJson({ ...requestFor(ctx, { maxAttempts: 1 }), priority: 'background' }, profile(), { url: `/background/${i}` }),
			);
			await wait(INTERVAL * 2.5);
			const started = Date.now();
			await providerJson(requestFor(ctx, { maxAttempts: 1 }), profile(), { url: '/foreground' });
			const waited = Date.now() - started;
			expect(waited).toBeLessThanOrEqual(2 * INTERVAL + 100);
			await Promise.all(background);
			expect(server.refused()).toBe(0);
			const order = server.requests.map((r) => r.url);
			expect(order.indexOf('/foreground')).toBeLessThanOrEqual(5);
		} finally {
			await server.close();
		}
	}, 30_000);

	it('takes a queued caller out at once on Stop: its request is never sent', async () => {
		const server = await strictServer(() => 300);
		try {
			const ctx = fakeContext({ credentials: { baseUrl: server.url, token: `stop-${Date.now()}` } });
			const first = providerJson(requestFor(ctx, { maxAttempts: 1 }), profile(), { url: '/first' });
			const stop = new AbortController();
			const queued = providerJson({ ...requestFor(ctx, { maxAttempts: 1 }), signal: stop.signal }, profile(), { url: '/stopped' }).catch((e) => e);
			await wait(50);
			const started = Date.now();
			stop.abort();
			expect(await queued).toBeInstanceOf(ExecutionCancelledError);
			expect(Date.now() - started).toBeLessThan(50);
			await first;
			await wait(INTERVAL + 100);
			expect(server.requests.map((r) => r.url)).toEqual(['/first']);
		} finally {
			await server.close();
		}
	});
});

describe('Pacer', () => {
	async function take(pacer: Pacer, lane: 'foreground' | 'background', log: string[], name: string, holdMs = 0) {
		const slot = await pacer.acquire({ lane });
		log.push(name);
		if (holdMs) await wait(holdMs);
		slot.release();
	}

	it('admits one caller at a time, a full interval after the previous release', async () => {
		const pacer = new Pacer(100);
		const releases: number[] = [];
		const admits: number[] = [];
		await Promise.all(
			[0, 1, 2].map(async (i) => {
				const slot = await pacer.acquire();
				admits.push(Date.now());
				await wait(i === 0 ? 150 : 10);
				releases.push(Date.now());
				slot.release();
			}),
		);
		expect(admits[1] - releases[0]).toBeGreaterThanOrEqual(95);
		expect(admits[2] - releases[1]).toBeGreaterThanOrEqual(95);
	});

	it('gives background callers one slot in four while foreground callers wait, never none', async () => {
		const pacer = new Pacer(5);
		const log: string[] = [];
		const all = [
			...Array.from({ length: 6 }, (_, i) => take(pacer, 'background', log, `b${i}`)),
			...Array.from({ length: 9 }, (_, i) => take(pacer, 'foreground', log, `f${i}`)),
		];
		await Promise.all(all);
		// b0 was alone when it came; then three foreground, one background, and so on.
		expect(log.slice(0, 9)).toEqual(['b0', 'f0', 'f1', 'f2', 'b1', 'f3', 'f4', 'f5', 'b2']);
	});

	it('refuses background callers beyond its queue limit, and never foreground ones', async () => {
		const pacer = new Pacer(50, { maxBackgroundQueue: 2 });
		const holder = await pacer.acquire();
		const queued = [pacer.acquire({ lane: 'background' }), pacer.acquire({ lane: 'background' })];
		await expect(pacer.acquire({ lane: 'background' })).rejects.toBeInstanceOf(PacerQueueFullError);
		const foreground = pacer.acquire();
		expect(pacer.waiting).toEqual({ foreground: 1, background: 2 });
		holder.release();
		(await foreground).release();
		for (const slot of queued) (await slot).release();
	});

	it('leaves the queue when the caller is stopped, and the next caller goes on', async () => {
		const pacer = new Pacer(10);
		const holder = await pacer.acquire();
		const stop = new AbortController();
		const stopped = pacer.acquire({ signal: stop.signal }).catch((e) => e);
		const next = pacer.acquire();
		stop.abort();
		expect(await stopped).toBeInstanceOf(ExecutionCancelledError);
		expect(pacer.waiting.foreground).toBe(1);
		holder.release();
		(await next).release();
		await expect(pacer.acquire({ signal: stop.signal })).rejects.toBeInstanceOf(ExecutionCancelledError);
	});

	it('holds everyone until a Retry-After has passed, also without an interval', async () => {
		const pacer = new Pacer(0);
		pacer.holdUntil(Date.now() + 150);
		const started = Date.now();
		const slots = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		// Without an interval, requests run side by side.
		for (const slot of slots) slot.release();
	});

	it('still pairs wait() and finished() for callers of the first version', async () => {
		const pacer = new Pacer(80);
		expect(await pacer.wait()).toBe(0);
		const second = pacer.wait();
		pacer.finished();
		expect(await second).toBeGreaterThanOrEqual(70);
		pacer.finished();
	});
});
