import {
	calendarDay,
	compact,
	idList,
	idPath,
	InputError,
	integerList,
	jsonValue,
	pathSegment,
	utcInstant,
	wallClock,
	wallClockText,
} from '../../../nodes/shared/fields';

describe('field toolkit', () => {
	it('reads dates as written, whatever the editor or an expression gives', () => {
		expect(wallClock('2026-11-01', 'Start')).toEqual({ date: '2026-11-01', time: '00:00:00', hasTime: false });
		expect(wallClock('2026-11-01T08:30:00', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:00', hasTime: true });
		expect(wallClock('2026-11-01 08:30', 'Start').time).toBe('08:30:00');
		expect(wallClock('2026-11-01T23:15:00.000-03:00', 'Start')).toMatchObject({ date: '2026-11-01', time: '23:15:00' });
		expect(wallClock(new Date('2026-11-01T10:00:00Z'), 'Start').date).toBe('2026-11-01');
		expect(wallClock({ toISO: () => '2026-02-03T04:05:06.000+01:00' }, 'Start')).toMatchObject({ date: '2026-02-03', time: '04:05:06' });
		expect(wallClock('2026-11-01', 'End', '23:59:59').time).toBe('23:59:59');
		expect(calendarDay('2026-11-30T10:00:00', 'Day')).toBe('2026-11-30');
		expect(wallClockText('2026-03-01T09:00', 'At')).toBe('2026-03-01 09:00:00');
	});

	it('refuses what is not a date, naming the field', () => {
		expect(() => wallClock('', 'Start Date')).toThrow('Start Date is empty');
		expect(() => wallClock('yesterday', 'Start Date')).toThrow('Start Date "yesterday" is not a date');
		expect(() => wallClock('2026-02-30', 'Start Date')).toThrow(InputError);
		expect(() => calendarDay(undefined, 'Day')).toThrow('Day is empty');
	});

	it('reads instants in UTC unless they carry an offset', () => {
		expect(utcInstant('2026-11-30', 'Finish').toISOString()).toBe('2026-11-30T00:00:00.000Z');
		expect(utcInstant('2026-11-30T10:00:00', 'Finish').toISOString()).toBe('2026-11-30T10:00:00.000Z');
		expect(utcInstant('2026-11-30 10:00:00', 'Finish').toISOString()).toBe('2026-11-30T10:00:00.000Z');
		expect(utcInstant('2026-11-30T10:00:00-03:00', 'Finish').toISOString()).toBe('2026-11-30T13:00:00.000Z');
		expect(() => utcInstant('soon', 'Finish')).toThrow('"soon" is not a valid Finish');
	});

	it('reads JSON fields of the expected kind', () => {
		expect(jsonValue('{"a":1}', 'Body', 'object')).toEqual({ a: 1 });
		expect(jsonValue({ a: 1 }, 'Body', 'object')).toEqual({ a: 1 });
		expect(jsonValue('', 'Items', 'array')).toEqual([]);
		expect(jsonValue(undefined, 'Body', 'object')).toEqual({});
		expect(() => jsonValue('{', 'Body', 'object')).toThrow('Body is not valid JSON');
		expect(() => jsonValue('[1]', 'Body', 'object')).toThrow('Body must be a JSON object');
		expect(() => jsonValue('{}', 'Items', 'array')).toThrow('Items must be a JSON array');
	});

	it('reads ID lists', () => {
		expect(idList('1, 2,,abc ')).toEqual([1, 2, 'abc']);
		expect(idList([3, '4, 5'])).toEqual([3, 4, 5]);
		expect(idList(undefined)).toEqual([]);
		expect(integerList('7, 8', 'Player IDs')).toEqual([7, 8]);
		expect(() => integerList('7, x', 'Player IDs')).toThrow('Player IDs contains "x", which is not a number');
	});

	it('puts an ID into one path segment, refusing empty and path-changing IDs', () => {
		expect(pathSegment('a/b?c')).toBe('a%2Fb%3Fc');
		expect(pathSegment(12)).toBe('12');
		expect(() => pathSegment('', 'Player ID')).toThrow('Player ID is empty');
		expect(() => pathSegment('..', 'Player ID')).toThrow('".." is not a valid Player ID');
		expect(idPath('players', ' 5 ', 'Player ID')).toBe('/players/5');
		expect(idPath('/customers', 'x y', 'Customer ID', 'orders')).toBe('/customers/x%20y/orders');
	});

	it('compacts optional fields', () => {
		expect(compact({ a: '', b: 0, c: [], d: null, e: undefined, f: 'x', g: false })).toEqual({ b: 0, f: 'x', g: false });
		expect(compact(undefined)).toEqual({});
	});
});
