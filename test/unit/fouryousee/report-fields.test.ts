import type { INode } from 'n8n-workflow';

import { reportIdOf, wallClock } from '../../../nodes/FourYouSee/actions/report/common';

const node = { name: '4YouSee', type: 'n8n-nodes-reporting.fourYouSee', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

describe('wallClock', () => {
	it('takes the date and time as written, whatever form n8n gives them in', () => {
		expect(wallClock(node, '2026-11-01', 'Start')).toEqual({ date: '2026-11-01', time: '00:00:00' });
		expect(wallClock(node, '2026-11-01', 'End', 0, '23:59:59')).toEqual({ date: '2026-11-01', time: '23:59:59' });
		expect(wallClock(node, '2026-11-01T08:30', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:00' });
		expect(wallClock(node, '2026-11-01T08:30:15.000-03:00', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:15' });
		expect(wallClock(node, '2026-11-01 08:30:15', 'Start')).toEqual({ date: '2026-11-01', time: '08:30:15' });
		expect(wallClock(node, { toISO: () => '2026-11-02T10:00:00.000+01:00' }, 'Start')).toEqual({ date: '2026-11-02', time: '10:00:00' });
		expect(wallClock(node, new Date('2026-11-03T04:05:06Z'), 'Start')).toEqual({ date: '2026-11-03', time: '04:05:06' });
	});

	it('says which field is wrong', () => {
		expect(() => wallClock(node, '', 'Start')).toThrow('Start is empty');
		expect(() => wallClock(node, 'yesterday', 'End')).toThrow('End "yesterday" is not a date');
	});
});

describe('reportIdOf', () => {
	it('accepts numbers and numeric strings and refuses anything that could change the path', () => {
		expect(reportIdOf(node, 522873)).toBe('522873');
		expect(reportIdOf(node, ' 42 ')).toBe('42');
		expect(() => reportIdOf(node, undefined)).toThrow('The Report ID is empty');
		expect(() => reportIdOf(node, '../players')).toThrow('"../players" is not a report ID');
	});
});
