import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * Claims of one trigger (workflow and node) held in this n8n process. Static data alone is not
 * enough to start one execution per delivery: n8n 2.41 does not reliably persist static data a
 * webhook() changed when that call starts an execution, and two copies of one delivery arriving
 * together both read the stored data before either writes it. The claim below is synchronous, so
 * within one process the second copy always sees the first.
 */
const claimsInProcess = new Map<string, Record<string, number>>();

/** How a `once` still running in this process ended, for the copies waiting on it. */
type Settled = { acted: true; result: unknown } | { acted: false };

/** The `once` calls still running in this process, by trigger scope and key. */
const runningInProcess = new Map<string, Promise<Settled>>();

/** How long a copy waits for the first delivery's outcome by default. */
export const DEFAULT_MAX_WAIT_MS = 60_000;

/**
 * A copy of a delivery waited longer than `maxWaitMs` for the first one, which is still running.
 * Answer it with a non-2xx (503) so the provider sends it again: a 2xx could lose the event if the
 * first then fails.
 */
export class DeliveryInProgressError extends Error {
	readonly status = 503;

	constructor(key: string) {
		super(`Another copy of delivery ${key} is still being processed; send it again later`);
		this.name = 'DeliveryInProgressError';
	}
}

/** What `once` did with one delivery. */
export type OnceOutcome<T> =
	| { duplicate: false; result: T }
	| {
			duplicate: true;
			/**
			 * The first delivery's result when this copy waited for it in this process: for answering
			 * the copy the same way. Never start a run from it: the first delivery did.
			 */
			first?: T;
	  };

/**
 * The outcome of the first delivery, or DeliveryInProgressError at `deadline`. Waits in short
 * steps with n8n's own `sleep` (no timers of our own), so no long timer outlives the wait.
 */
async function within(pending: Promise<Settled>, deadline: number, key: string): Promise<Settled> {
	for (;;) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) throw new DeliveryInProgressError(key);
		const settled = await Promise.race([pending, sleep(Math.min(remaining, 250)).then(() => undefined)]);
		if (settled) return settled;
	}
}

/** Deletes expired entries in place and keeps the `max` that expire last. */
function prune(entries: Record<string, number>, now: number, max: number): Record<string, number> {
	for (const [key, until] of Object.entries(entries)) {
		if (typeof until !== 'number' || until <= now) delete entries[key];
	}
	const keys = Object.keys(entries);
	if (keys.length > max) {
		keys.sort((a, b) => entries[a] - entries[b]);
		for (const key of keys.slice(0, keys.length - max)) delete entries[key];
	}
	return entries;
}

export interface LedgerOptions {
	/** The static data field the keys are stored under. */
	field: string;
	/** How many keys are remembered at most (the newest are kept). */
	max: number;
	/**
	 * How long `once` lets a copy wait for the first delivery still running in this process before
	 * it gives up with `DeliveryInProgressError` (default 60 s).
	 */
	maxWaitMs?: number;
}

/**
 * Remembers which deliveries a trigger has acted on, in the workflow's static data (kept across
 * restarts where n8n saves it) and in this process (immediate, and safe against simultaneous
 * copies). Each key carries the time until which a repeat counts as a duplicate.
 */
export class DeliveryLedger {
	private readonly memory: Record<string, number>;

	constructor(
		private readonly scope: string,
		private readonly staticData: IDataObject,
		private readonly options: LedgerOptions,
		private readonly now = Date.now(),
	) {
		// One shared object per trigger, changed in place: every delivery in this process sees it.
		let memory = claimsInProcess.get(scope);
		if (!memory) {
			memory = {};
			claimsInProcess.set(scope, memory);
		}
		this.memory = prune(memory, now, options.max);
	}

	private stored(): Record<string, number> {
		return (this.staticData[this.options.field] ?? {}) as Record<string, number>;
	}

	/** Whether a delivery with this key was already acted on and has not expired. */
	has(key: string): boolean {
		const stored = this.stored()[key];
		const held = this.memory[key];
		return (typeof stored === 'number' && stored > this.now) || (typeof held === 'number' && held > this.now);
	}

	/**
	 * Records the key unless it is already recorded; true when this delivery is the first. Runs
	 * without awaiting anything, so call it before any request the delivery needs. A copy arriving
	 * while the first is still being checked is refused here although the first may yet fail:
	 * triggers that check a delivery before acting use `once`, which makes the copy wait.
	 */
	claim(key: string, until: number): boolean {
		if (this.has(key)) return false;
		this.memory[key] = until;
		prune(this.memory, this.now, this.options.max);
		// Static data is written back whole by the last request to finish, so another delivery may
		// have overwritten this process's keys: write the union, restoring what was lost.
		const stored = { ...this.memory, ...this.stored(), [key]: until };
		this.staticData[this.options.field] = prune(stored, this.now, this.options.max);
		return true;
	}

	/**
	 * Runs `act` for the first delivery of `key` only, and makes copies wait for its outcome:
	 *
	 * - the first delivery claims the key and runs `act`; it gets `{ duplicate: false, result }`;
	 * - a copy arriving while that `act` is still running in this process waits for it (at most
	 *   `maxWaitMs`, then `DeliveryInProgressError`). If the first acted, the copy gets
	 *   `{ duplicate: true, first: result }`; if the first threw or said it did not act, its claim
	 *   is released and the copy runs `act` itself, so the event is not lost when the first fails
	 *   (one copy at a time: further copies wait on that one);
	 * - a copy arriving after the first acted (in this process, or before a restart through static
	 *   data) gets `{ duplicate: true }` at once.
	 *
	 * When `act` throws, the error is the caller's (answer non-2xx so the provider retries); when it
	 * returns `acted: false` (ignored, or refused with a 4xx) the key is released too.
	 */
	async once<T>(
		key: string,
		until: number,
		act: () => Promise<{ acted: boolean; result: T }>,
	): Promise<OnceOutcome<T>> {
		const slot = `${this.scope}\u0000${key}`;
		const deadline = Date.now() + (this.options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
		for (let running = runningInProcess.get(slot); running; running = runningInProcess.get(slot)) {
			const settled = await within(running, deadline, key);
			if (settled.acted) return { duplicate: true, first: settled.result as T };
			// The first did not act on it: this copy tries, unless another waiting copy already does.
		}
		if (!this.claim(key, until)) return { duplicate: true };
		let settle: (settled: Settled) => void = () => undefined;
		const mine = new Promise<Settled>((resolve) => (settle = resolve));
		// Set in the same synchronous step as the claim: no copy can slip in between.
		runningInProcess.set(slot, mine);
		let outcome: { acted: boolean; result: T } | undefined;
		try {
			outcome = await act();
			return { duplicate: false, result: outcome.result };
		} finally {
			// Also when `act` threw: its error goes on to the caller, the claim is released.
			if (!outcome?.acted) this.release(key);
			settle(outcome?.acted ? { acted: true, result: outcome.result } : { acted: false });
			if (runningInProcess.get(slot) === mine) runningInProcess.delete(slot);
		}
	}

	/** Forgets a claim whose delivery was not acted on, so the provider's next attempt is accepted. */
	release(key: string): void {
		delete this.memory[key];
		const stored = { ...this.stored() };
		delete stored[key];
		if (Object.keys(stored).length === 0) delete this.staticData[this.options.field];
		else this.staticData[this.options.field] = stored;
	}
}

/** The ledger scope of one trigger node: its workflow and node, keyed by name as n8n keys static data. */
export function triggerScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`;
}
