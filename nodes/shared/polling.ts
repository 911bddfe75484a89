import { sleep } from 'n8n-workflow';

export interface PollOptions<T> {
	intervalMs: number;
	timeoutMs: number;
	/** The error to throw when the next read would come after the timeout. */
	timedOut: (last: T) => Error;
}

/**
 * Reads a resource again every `intervalMs` until `done` says so (for reports the provider
 * generates asynchronously), failing with `timedOut` rather than waiting past `timeoutMs`.
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
		if (Date.now() + options.intervalMs > deadline) throw options.timedOut(current);
		await sleep(options.intervalMs);
		current = await readAgain();
	}
	return current;
}
