/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import type { IDataObject } from 'n8n-workflow';

import { DeliveryInProgressError, DeliveryLedger } from '../../../nodes/shared/dedupe';

const HOUR = 3_600_000;

describe('DeliveryLedger', () => {
	it('lets the first delivery of a key through and stops repeats, in static data and in memory', () => {
		const stored: IDataObject = {};
		expect(new DeliveryLedger('wf1:a', stored, { field: 'seen', max: 10 }).claim('r1', Date.now() + HOUR)).toBe(true);
		expect(new DeliveryLedger('wf1:a', stored, { field: 'seen', max: 10 }).claim('r1', Date.now() + HOUR)).toBe(false);
		// A copy that loaded static data before the first one saved it is still a duplicate in this process.
		expect(new DeliveryLedger('wf1:a', {}, { field: 'seen', max: 10 }).claim('r1', Date.now() + HOUR)).toBe(false);
		// Another trigger is another scope.
		expect(new DeliveryLedger('wf1:b', {}, { field: 'seen', max: 10 }).claim('r1', Date.now() + HOUR)).toBe(true);
		expect(Object.keys(stored.seen as IDataObject)).toEqual(['r1']);
	});

	it('remembers a key after a restart through static data alone', () => {
		const stored: IDataObject = { seen: { r9: Date.now() + HOUR } };
		expect(new DeliveryLedger('wf2:a', stored, { field: 'seen', max: 10 }).claim('r9', Date.now() + HOUR)).toBe(false);
	});

	it('accepts a released key again, and an expired one', () => {
		const stored: IDataObject = {};
		const first = new DeliveryLedger('wf3:a', stored, { field: 'seen', max: 10 });
		expect(first.claim('r1', Date.now() + HOUR)).toBe(true);
		first.release('r1');
		expect(stored.seen).toBeUndefined();
		expect(new DeliveryLedger('wf3:a', stored, { field: 'seen', max: 10 }).claim('r1', Date.now() + 50)).toBe(true);
		const later = new DeliveryLedger('wf3:a', stored, { field: 'seen', max: 10 }, Date.now() + 100);
		expect(later.has('r1')).toBe(false);
	});

	it('keeps only the newest keys', () => {
		const stored: IDataObject = {};
		for (let i = 0; i < 5; i++) new DeliveryLedger('wf4:a', stored, { field: 'seen', max: 3 }).claim(`r${i}`, Date.now() + HOUR + i);
		expect(Object.keys(stored.seen as IDataObject).sort()).toEqual(['r2', 'r3', 'r4']);
	});

	it('restores keys another request overwrote in static data', () => {
		const stored: IDataObject = {};
		new DeliveryLedger('wf5:a', stored, { field: 'seen', max: 10 }).claim('r1', Date.now() + HOUR);
		// A concurrent request loaded static data before r1 was recorded and saved it last.
		const overwritten: IDataObject = { seen: { r2: Date.now() + HOUR } };
		new DeliveryLedger('wf5:a', overwritten, { field: 'seen', max: 10 }).claim('r3', Date.now() + HOUR);
		expect(Object.keys(overwritten.seen as IDataObject).sort()).toEqual(['r1', 'r2', 'r3']);
	});
});

describe('once', () => {
	const HOUR_LATER = () => Date.now() + HOUR;
	const ledger = (scope: string, stored: IDataObject = {}, maxWaitMs?: number) =>
		new DeliveryLedger(scope, stored, { field: 'seen', max: 10, maxWaitMs });

	/** An `act` that finishes when told to, counting its runs. */
	function gate<T>(outcome: () => Promise<{ acted: boolean; result: T }>) {
		let open: () => void = () => undefined;
		const opened = new Promise<void>((resolve) => (open = resolve));
		const runs: number[] = [];
		const act = async () => {
			runs.push(runs.length + 1);
			await opened;
			return await outcome();
		};
		return { act, open, runs };
	}

	it('makes a copy wait for the first and answers it with the first one\'s result', async () => {
		const first = gate(async () => ({ acted: true, result: 'run-1' }));
		const a = ledger('once:1').once('r1', HOUR_LATER(), first.act);
		const b = ledger('once:1').once('r1', HOUR_LATER(), first.act);
		let copySettled = false;
		void b.then(() => (copySettled = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(copySettled).toBe(false);
		first.open();
		expect(await a).toEqual({ duplicate: false, result: 'run-1' });
		expect(await b).toEqual({ duplicate: true, first: 'run-1' });
		expect(first.runs).toEqual([1]);
		// Later copies are duplicates at once.
		expect(await ledger('once:1').once('r1', HOUR_LATER(), first.act)).toEqual({ duplicate: true });
	});

	it('lets a waiting copy act itself when the first fails, so the event is not lost', async () => {
		let attempt = 0;
		const flaky = gate(async () => {
			attempt++;
			if (attempt === 1) throw new Error('provider down (503)');
			return { acted: true, result: `run-${attempt}` };
		});
		const stored: IDataObject = {};
		const a = ledger('once:2', stored).once('r1', HOUR_LATER(), flaky.act);
		const b = ledger('once:2', stored).once('r1', HOUR_LATER(), flaky.act);
		const c = ledger('once:2', stored).once('r1', HOUR_LATER(), flaky.act);
		flaky.open();
		await expect(a).rejects.toThrow('provider down (503)');
		const [second, third] = await Promise.all([b, c]);
		// One copy acts, the other waits for it and is its duplicate.
		expect([second, third]).toEqual([
			{ duplicate: false, result: 'run-2' },
			{ duplicate: true, first: 'run-2' },
		]);
		expect(flaky.runs).toEqual([1, 2]);
		expect(Object.keys(stored.seen as IDataObject)).toEqual(['r1']);
	});

	it('lets a waiting copy act itself when the first did not act on it', async () => {
		let calls = 0;
		const act = async () => {
			calls++;
			await new Promise((resolve) => setTimeout(resolve, 5));
			return calls === 1 ? { acted: false, result: 'not finished (409)' } : { acted: true, result: 'run' };
		};
		const [a, b] = await Promise.all([ledger('once:3').once('r1', HOUR_LATER(), act), ledger('once:3').once('r1', HOUR_LATER(), act)]);
		expect(a).toEqual({ duplicate: false, result: 'not finished (409)' });
		expect(b).toEqual({ duplicate: false, result: 'run' });
	});

	it('keeps different keys and triggers apart', async () => {
		const slow = gate(async () => ({ acted: true, result: 'x' }));
		const a = ledger('once:4').once('r1', HOUR_LATER(), slow.act);
		const other = await ledger('once:4').once('r2', HOUR_LATER(), async () => ({ acted: true, result: 'r2' }));
		const elsewhere = await ledger('once:5').once('r1', HOUR_LATER(), async () => ({ acted: true, result: 'b' }));
		expect(other).toEqual({ duplicate: false, result: 'r2' });
		expect(elsewhere).toEqual({ duplicate: false, result: 'b' });
		slow.open();
		await a;
	});

	it('gives up waiting with a non-2xx error, never a silent duplicate', async () => {
		const stuck = gate(async () => ({ acted: true, result: 'late' }));
		const a = ledger('once:6').once('r1', HOUR_LATER(), stuck.act);
		const error = await ledger('once:6', {}, 20).once('r1', HOUR_LATER(), stuck.act).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DeliveryInProgressError);
		expect(error).toMatchObject({ status: 503, message: 'Another copy of delivery r1 is still being processed; send it again later' });
		stuck.open();
		expect(await a).toEqual({ duplicate: false, result: 'late' });
	});

	it('still refuses a key claimed with claim()', async () => {
		const stored: IDataObject = {};
		expect(ledger('once:7', stored).claim('r1', HOUR_LATER())).toBe(true);
		expect(await ledger('once:7', stored).once('r1', HOUR_LATER(), async () => ({ acted: true, result: 1 }))).toEqual({ duplicate: true });
	});
});
