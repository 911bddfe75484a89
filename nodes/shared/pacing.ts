import { sleep } from 'n8n-workflow';

/**
 * Spaces requests to one provider account at least `minIntervalMs` apart. Slots are reserved
 * synchronously, so concurrent callers (items, pages, parallel branches) queue up instead of
 * racing. One pacer per account lives for the whole n8n process: the provider counts per account,
 * not per execution.
 */
export class Pacer {
	private nextSlot = 0;

	constructor(private minIntervalMs: number) {}

	/** Waits for this caller's slot. Returns how long it waited, in milliseconds. */
	async wait(now = Date.now()): Promise<number> {
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.minIntervalMs;
		const delay = slot - now;
		if (delay > 0) await sleep(delay);
		return delay;
	}

	/**
	 * Called when a response arrived. The next request waits a full interval from here: the provider
	 * counts arrivals, and a request's arrival is only known to have happened by its response, so
	 * spacing sends alone lets a slow first request and a fast second one land too close together.
	 */
	finished(now = Date.now()) {
		this.nextSlot = Math.max(this.nextSlot, now + this.minIntervalMs);
	}

	/** Nobody may send before `until` (a 429's Retry-After, or an exhausted rate-limit budget). */
	holdUntil(until: number) {
		this.nextSlot = Math.max(this.nextSlot, until);
	}

	setInterval(minIntervalMs: number) {
		this.minIntervalMs = minIntervalMs;
	}
}

const pacers = new Map<string, Pacer>();

/** The process-wide pacer for one account (`key` should not contain a secret: hash it). */
export function pacerFor(key: string, minIntervalMs: number): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer(minIntervalMs);
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
