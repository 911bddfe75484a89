import { pause, throwIfCancelled } from './cancel';

export interface PollOptions<T> {
	intervalMs: number;
	timeoutMs: number;
	/** The error to throw when the next read would come after the timeout. */
	timedOut: (last: T) => Error;
	/**
	 * Stop of the execution (`RequestContext.signal`): the wait ends at once with
	 * ExecutionCancelledError. Required (undefined only where n8n gives none, as in a trigger), so no
	 * caller can leave a wait that outlives Stop by forgetting it.
	 */
	signal: AbortSignal | undefined;
}

/**
 * Reads a resource again every `intervalMs` until `done` says so (for reports the provider
 * generates asynchronously), failing with `timedOut` rather than waiting past `timeoutMs`, and
 * ending at once when the execution is stopped.
 */
export async function pollUntil<T>(
	first: T,
	done: (value: T) => boolean,
	readAgain: () => Promise<T>,
	options: PollOptions<T>,
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let current = first;
	while (!done(current)) {
		throwIfCancelled(options.signal);
		if (Date.now() + options.intervalMs > deadline) throw options.timedOut(current);
		await pause(options.intervalMs, options.signal);
		current = await readAgain();
	}
	return current;
}
