import { reportIdOf } from '../../../nodes/FourYouSee/reports';
import { wallClock as sharedWallClock } from '../../../nodes/shared/fields';

/** The date and time Create and Get Playlogs send, read with the shared reader they use. */
function wallClock(value: unknown, field: string, defaultTime?: string) {
	const { date, time } = sharedWallClock(value, field, defaultTime);
	return { date, time };
}

describe('wallClock', () => {
	it('takes the date and time as written, whatever form n8n gives them in', () => {
		expect(wallClock('2026-11-01', 'Start')).toEqual({ date: '2026-11-01', time: '00:00:00' });
		expect(wallClock('2026-11-01', 'End', '23:59:59')).toEqual({ date: '2026-11-01', time: '23:59:59' });
		expect(wallClock('2026-11-01T08:30', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:00' });
		expect(wallClock('2026-11-01T08:30:15.000-03:00', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:15' });
		expect(wallClock('2026-11-01 08:30:15', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:15' });
		expect(wallClock({ toISO: () => '2026-11-02T10:00:00.000+01:00' }, 'Start')).toEqual({ date: '2026-11-02', time: '10:00:00' });
		expect(wallClock(new Date('2026-11-03T04:05:06Z'), 'Start')).toEqual({ date: '2026-11-03', time: '04:05:06' });
	});

	it('says which field is wrong', () => {
		expect(() => wallClock('', 'Start')).toThrow('Start is empty');
		expect(() => wallClock('yesterday', 'End')).toThrow('End "yesterday" is not a date');
	});
});

describe('reportIdOf', () => {
	it('accepts numbers and numeric strings and refuses anything that could change the path', () => {
		expect(reportIdOf(522873)).toBe('522873');
		expect(reportIdOf(' 42 ')).toBe('42');
		expect(() => reportIdOf(undefined)).toThrow('The Report ID is empty');
		expect(() => reportIdOf('../players')).toThrow('"../players" is not a report ID');
	});
});
