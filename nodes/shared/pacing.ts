import { ExecutionCancelledError, nap, onCancel } from './cancel';

/**
 * Who is asking for a request slot. `foreground` is a node the user runs (an action, a list search);
 * `background` is work nobody waits on, such as a read a webhook notification asked for, which a
 * forged or runaway sender could repeat at will. Background callers get a bounded share of an
 * account's slots and a bounded queue, so they can never hold an action node back for more than
 * about two intervals.
 */
export type PacerLane = 'foreground' | 'background';

export interface PacerOptions {
	/**
	 * While foreground callers wait, a background caller gets at most one slot in this many
	 * (default 4: after three foreground slots in a row, one waiting background caller goes).
	 */
	backgroundShare?: number;
	/** Background callers beyond this many waiting are refused at once (PacerQueueFullError). */
	maxBackgroundQueue?: number;
}

export interface AcquireOptions {
	lane?: PacerLane;
	/** Stop of the execution: the caller leaves the queue at once with ExecutionCancelledError. */
	signal?: AbortSignal;
	/** Queue at the head of the lane: for a retry, which already waited its turn once. */
	retry?: boolean;
}

/** One admitted request. Release it when its answer (or failure) arrived, exactly once. */
export interface PacerSlot {
	/** How long the caller waited for it, in milliseconds. */
	readonly waitedMs: number;
	/** The answer arrived at `finishedAt`; the next request goes a full interval later. */
	release(finishedAt?: number): void;
}

/** A background caller was refused because too many are already waiting for this account. */
export class PacerQueueFullError extends Error {
	constructor(readonly waiting: number) {
		super(`${waiting} background requests are already waiting for this account's rate limit`);
		this.name = 'PacerQueueFullError';
	}
}

interface Waiter {
	lane: PacerLane;
	since: number;
	admit: (slot: PacerSlot) => void;
	refuse: (error: Error) => void;
}

const DEFAULT_BACKGROUND_SHARE = 4;
const DEFAULT_MAX_BACKGROUND_QUEUE = 100;

/**
 * The rate-limit gate of one provider account, shared by every caller in the n8n process (items,
 * pages, parallel executions, webhook calls, list searches): the provider counts per account, not
 * per execution.
 *
 * With an interval, at most one request is in flight, and the next one is sent only after the
 * previous one was answered AND `minIntervalMs` passed since that answer. A provider that counts
 * arrivals (4YouSee: one call per second) then never sees two requests closer than the interval,
 * however slow or fast each answer is; reserving send times up front does not guarantee that,
 * because a slow answer lets the next reserved request arrive early. Callers are admitted first in,
 * first out within a lane; background callers get one slot in `backgroundShare` while foreground
 * callers wait. Without an interval the gate only enforces `holdUntil` (a 429's Retry-After, an
 * exhausted rate-limit budget) and lets requests run in parallel.
 */
export class Pacer {
	private inFlight = false;
	private lastFinished = 0;
	private heldUntil = 0;
	private foregroundInARow = 0;
	private readonly queues: Record<PacerLane, Waiter[]> = { foreground: [], background: [] };
	/** When the pending wake-up fires; 0 when none is pending. */
	private wakeAt = 0;
	/** Slots taken through the older `wait()`/`finished()` pair, released in order. */
	private readonly pairedSlots: PacerSlot[] = [];
	private readonly backgroundShare: number;
	private readonly maxBackgroundQueue: number;

	constructor(
		private minIntervalMs: number,
		options: PacerOptions = {},
	) {
		this.backgroundShare = Math.max(1, Math.floor(options.backgroundShare ?? DEFAULT_BACKGROUND_SHARE));
		this.maxBackgroundQueue = Math.max(0, Math.floor(options.maxBackgroundQueue ?? DEFAULT_MAX_BACKGROUND_QUEUE));
	}

	/** Callers waiting in each lane (for tests and diagnostics). */
	get waiting(): Record<PacerLane, number> {
		return { foreground: this.queues.foreground.length, background: this.queues.background.length };
	}

	/** Waits for this caller's turn. Rejects with ExecutionCancelledError when `signal` fires first. */
	async acquire(options: AcquireOptions = {}): Promise<PacerSlot> {
		const lane = options.lane ?? 'foreground';
		if (options.signal?.aborted) throw new ExecutionCancelledError();
		if (lane === 'background' && this.queues.background.length >= this.maxBackgroundQueue) {
			throw new PacerQueueFullError(this.queues.background.length);
		}
		return await new Promise<PacerSlot>((resolve, reject) => {
			let stopListening = () => undefined as void;
			const waiter: Waiter = {
				lane,
				since: Date.now(),
				admit: (slot) => {
					stopListening();
					resolve(slot);
				},
				refuse: (error) => {
					stopListening();
					reject(error);
				},
			};
			const queue = this.queues[lane];
			if (options.retry) queue.unshift(waiter);
			else queue.push(waiter);
			stopListening = onCancel(options.signal, () => {
				const at = queue.indexOf(waiter);
				if (at === -1) return;
				queue.splice(at, 1);
				waiter.refuse(new ExecutionCancelledError());
				this.pump();
			});
			this.pump();
		});
	}

	/** Nobody may send before `until` (a 429's Retry-After, or an exhausted rate-limit budget). */
	holdUntil(until: number) {
		this.heldUntil = Math.max(this.heldUntil, until);
	}

	setInterval(minIntervalMs: number) {
		this.minIntervalMs = minIntervalMs;
	}

	/**
	 * Waits for a foreground slot and returns how long it waited; `finished()` releases it. Kept for
	 * callers of the first version; new code uses `acquire()`, whose slot cannot be mixed up.
	 */
	async wait(): Promise<number> {
		const slot = await this.acquire();
		this.pairedSlots.push(slot);
		return slot.waitedMs;
	}

	/** Releases the oldest slot taken with `wait()`: its answer arrived at `now`. */
	finished(now = Date.now()) {
		const slot = this.pairedSlots.shift();
		if (slot) slot.release(now);
		else this.lastFinished = Math.max(this.lastFinished, now);
	}

	private next(): Waiter | undefined {
		const foreground = this.queues.foreground[0];
		const background = this.queues.background[0];
		if (foreground && background) {
			return this.foregroundInARow >= this.backgroundShare - 1 ? background : foreground;
		}
		return foreground ?? background;
	}

	private pump(): void {
		const gated = this.minIntervalMs > 0;
		while (!(gated && this.inFlight)) {
			const waiter = this.next();
			if (!waiter) return;
			const now = Date.now();
			const readyAt = Math.max(this.heldUntil, gated ? this.lastFinished + this.minIntervalMs : 0);
			if (readyAt > now) {
				this.wakeUpAt(readyAt);
				return;
			}
			this.queues[waiter.lane].shift();
			if (waiter.lane === 'foreground') {
				this.foregroundInARow = this.queues.background.length > 0 ? this.foregroundInARow + 1 : 0;
			} else {
				this.foregroundInARow = 0;
			}
			waiter.admit(this.slot(now - waiter.since, gated));
		}
	}

	private slot(waitedMs: number, gated: boolean): PacerSlot {
		if (gated) this.inFlight = true;
		let released = false;
		return {
			waitedMs,
			release: (finishedAt = Date.now()) => {
				if (released) return;
				released = true;
				this.lastFinished = Math.max(this.lastFinished, finishedAt);
				if (gated) this.inFlight = false;
				this.pump();
			},
		};
	}

	/** One timer at a time: a later wake-up is only armed when none is pending before it. */
	private wakeUpAt(at: number): void {
		if (this.wakeAt !== 0 && this.wakeAt <= at) return;
		this.wakeAt = at;
		void nap(at - Date.now()).then(() => {
			if (this.wakeAt === at) this.wakeAt = 0;
			this.pump();
		});
	}
}

const pacers = new Map<string, Pacer>();

/** The process-wide pacer for one account (`key` should not contain a secret: hash it). */
export function pacerFor(key: string, minIntervalMs: number, options?: PacerOptions): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(minIntervalMs, options);
		pacers.set(key, pacer);
	} else {
		pacer.setInterval(minIntervalMs);
	}
	return pacer;
}

/**
 * Reads the rate-limit headers most APIs (and Laravel's throttle) send. Returns the time before
 * which the budget is exhausted, or undefined when there is budget left or no header says.
 */
export function exhaustedUntil(headers: Record<string, unknown>, now = Date.now()): number | undefined {
	const remaining = Number(headers['x-ratelimit-remaining']);
	if (!Number.isFinite(remaining) || remaining > 0 || headers['x-ratelimit-remaining'] === undefined) {
		return undefined;
	}
	const retryAfter = retryAfterMs(headers['retry-after'], now);
	if (retryAfter !== undefined) return now + retryAfter;
	const reset = Number(headers['x-ratelimit-reset']);
	if (Number.isFinite(reset) && reset > 0) {
		// Either an epoch second or a number of seconds from now.
		return reset > 1e9 ? reset * 1000 : now + reset * 1000;
	}
	return now + 1000;
}

/** `Retry-After` as delay-seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
