import { pollUntil } from '../../../nodes/shared/polling';

describe('pollUntil', () => {
	it('reads again until done, every interval', async () => {
		const seen = ['waiting', 'waiting', 'success'];
		const reads: number[] = [];
		const started = Date.now();
		const last = await pollUntil('waiting', (s) => s === 'success', async () => {
			reads.push(Date.now() - started);
			return seen.shift()!;
		}, { intervalMs: 50, timeoutMs: 5000, timedOut: () => new Error('timed out'), signal: undefined });
		expect(last).toBe('success');
		expect(reads).toHaveLength(3);
		expect(reads[2]).toBeGreaterThanOrEqual(140);
	});

	it('fails with the given error instead of reading past the timeout', async () => {
		let reads = 0;
		const error = await pollUntil('waiting', () => false, async () => {
			reads++;
			return 'waiting';
		}, { intervalMs: 40, timeoutMs: 100, timedOut: (last) => new Error(`still ${last}`), signal: undefined }).catch((e) => e);
		expect(error.message).toBe('still waiting');
		expect(reads).toBe(2);
	});

	it('does not wait when the first answer is already final', async () => {
		const read = jest.fn();
		expect(await pollUntil('success', (s) => s === 'success', read, { intervalMs: 10_000, timeoutMs: 1, timedOut: () => new Error('x'), signal: undefined })).toBe('success');
		expect(read).not.toHaveBeenCalled();
	});
});
