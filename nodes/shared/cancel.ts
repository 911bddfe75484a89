import { sleep } from 'n8n-workflow';

/**
 * Waiting that ends when the user stops the execution. n8n-workflow 2.x's `sleep` takes an abort
 * signal and clears its timer; older versions ignore it, so the wait is also raced against the
 * signal, which keeps Stop immediate on every version this package supports.
 */

/** The error a stopped wait, request or download ends with. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'ExecutionCancelledError';
	}
}

/** Whether an error is the end of a stopped wait (also when it crossed a realm or a web stream). */
export function isCancellation(error: unknown): boolean {
	return error instanceof ExecutionCancelledError || (error as Error | undefined)?.name === 'ExecutionCancelledError';
}

/** Throws when the execution was stopped. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ExecutionCancelledError();
}

/**
 * Calls `onStop` once when `signal` fires (at once when it already has). Returns the function that
 * stops listening; call it when the guarded work is over.
 */
export function onCancel(signal: AbortSignal | undefined, onStop: () => void): () => void {
	if (!signal) return () => undefined;
	if (signal.aborted) {
		onStop();
		return () => undefined;
	}
	signal.addEventListener('abort', onStop, { once: true });
	return () => signal.removeEventListener('abort', onStop);
}

/** `sleep` with the abort signal n8n-workflow 2.x accepts (older versions ignore the argument). */
const sleepUntilAborted = sleep as (ms: number, abortSignal?: AbortSignal) => Promise<void>;

/**
 * Resolves after `ms`, or when `until` fires (whichever is first), never rejecting: for timers that
 * only wake a loop up. The timer is cleared when `until` fires on n8n-workflow 2.x.
 */
export async function nap(ms: number, until?: AbortSignal): Promise<void> {
	if (until?.aborted) return;
	let stop: (() => void) | undefined;
	const woken = new Promise<void>((resolve) => {
		stop = onCancel(until, resolve);
	});
	try {
		await Promise.race([sleepUntilAborted(Math.max(0, ms), until).catch(() => undefined), woken]);
	} finally {
		stop?.();
	}
}

/** Resolves after `ms`, or rejects with ExecutionCancelledError as soon as the execution is stopped. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfCancelled(signal);
	if (!signal) {
		await sleep(ms);
		return;
	}
	await nap(ms, signal);
	throwIfCancelled(signal);
}
