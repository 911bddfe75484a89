import type { IDataObject } from 'n8n-workflow';

import { DeliveryLedger } from '../../../nodes/shared/dedupe';

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
