import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { calendarDay, compact, InputError, integerList, timeOfDay, wallClock } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import { pollUntil } from '../../../shared/polling';
import type { OperationOption } from '../../../shared/resources';
import { failedSentence, isFailed, isReady, readReport } from '../../reports';
import { FOURYOUSEE, fourYouSeeRequest } from '../../transport';

const DAY_MS = 86_400_000;

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a playlog report',
	description: `Ask 4YouSee to generate a proof-of-play report of up to ${FOURYOUSEE.maxReportDays} days; returns the report (status "waiting", or finished with Wait for Completion)`,
};

const END_DAY = `The last day is included up to 23:59:59. For an earlier cut-off on that day, set End Time under Options.`;

export const properties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		hint: 'Plays from this date and time on are included (a date alone starts at 00:00:00)',
		description:
			'First playlog to include: date and time as shown in 4YouSee Manager, with no time zone conversion. A date alone starts at 00:00:00.',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		hint: END_DAY,
		description: `Last day of the report, at most ${FOURYOUSEE.maxReportDays} days after Start. Only its date is used, whatever time the date picker or an expression gives. The last day is included up to 23:59:59; set End Time under Options for an earlier cut-off.`,
	},
	{
		displayName: 'Player Names or IDs',
		name: 'playerIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPlayers' },
		default: [],
		description:
			'Players to report on; none selected reports on every player. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Media Names or IDs',
		name: 'mediaIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getMedias' },
		default: [],
		description:
			'Medias to report on; none selected reports on every media. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/0c6d.../webhook',
		description:
			"Where 4YouSee posts a notification when the report is ready: paste the Production URL of a 4YouSee Manager Trigger here (or its Test URL while it listens for a test event). Leave empty when you don't need one.",
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep reading the report until it succeeds or fails, and output it then. Off: output the report at once, still "waiting".',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'End Time',
				name: 'endTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 18:00:00',
				description: 'Last time of day included on the End day (HH:MM or HH:MM:SS, 24-hour). Empty includes the whole day, up to 23:59:59.',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1 },
				description:
					'With Wait for Completion: seconds between two reads of the report. 4YouSee allows one request per second per account, so shorter waits are stretched.',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: -1,
				options: [
					{ name: 'Newest First', value: -1 },
					{ name: 'Oldest First', value: 1 },
				],
				description: 'Order of the playlogs in the report file',
			},
			{
				displayName: 'Timeout (Minutes)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: 'With Wait for Completion: how long to wait before failing with the report ID',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'detailed',
				options: [{ name: 'Detailed', value: 'detailed', description: 'One line per play (the only type documented)' }],
				description: 'Kind of report',
			},
		],
	},
];

/** Milliseconds of a wall-clock date and time, for range arithmetic only. */
function wallClockMs(date: string, time: string): number {
	return Date.parse(`${date}T${time}Z`);
}

function days(ms: number): string {
	const d = Math.floor(ms / DAY_MS);
	const h = Math.floor((ms % DAY_MS) / 3_600_000);
	return `${d} day${d === 1 ? '' : 's'}${h ? ` ${h} h` : ''}`;
}

function dayOf(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export interface ReportRange {
	startDate: string;
	startTime: string;
	endDate: string;
	endTime: string;
}

/**
 * The report's range from the node's fields. Start is a date and time (a date alone is 00:00:00).
 * End is a whole day: n8n's date picker stores "2026-11-15T00:00:00" for a picked day and an
 * expression's Date or DateTime carries some time, so End's time is never used (it would silently
 * leave out every play of the last day); End Time, when set, is the last second included instead of
 * 23:59:59. ASSUMPTION: the filter is the account's wall-clock time, so dates go as written.
 */
export function reportRange(startValue: unknown, endValue: unknown, endTimeValue: unknown): ReportRange {
	const start = wallClock(startValue, 'Start');
	const endDate = calendarDay(endValue, 'End');
	const endTime = String(endTimeValue ?? '').trim() === '' ? '23:59:59' : timeOfDay(endTimeValue, 'End Time');
	const startMs = wallClockMs(start.date, start.time);
	const span = wallClockMs(endDate, endTime) - startMs;
	if (span < 0) {
		throw new InputError(
			`End (${endDate} ${endTime}) is before Start (${start.date} ${start.time})`,
			'Choose an End on or after Start; End is a whole day, included up to End Time (23:59:59 when empty).',
		);
	}
	// The API refuses ranges over 30 days (https://4yousee-suporte.github.io/endpoints/relatorios.html):
	// say so before any request. ASSUMPTION: "30 days" is end - start <= 30 x 24 h, which the
	// documented example (26 July 00:00:00 to 24 August 23:59:59) fits.
	const maxMs = FOURYOUSEE.maxReportDays * DAY_MS;
	if (span > maxMs) {
		const latestMs = startMs + maxMs;
		const latestDay = dayOf(latestMs - (wallClockMs('1970-01-01', endTime) % DAY_MS));
		throw new InputError(
			`The report range is ${days(span)}; 4YouSee allows at most ${FOURYOUSEE.maxReportDays} days per report`,
			`Choose an End on or before ${latestDay} (Start ${start.date} ${start.time} + ${FOURYOUSEE.maxReportDays} days ends ${new Date(latestMs).toISOString().slice(0, 19).replace('T', ' ')}; End is included up to ${endTime}), or create one report per ${FOURYOUSEE.maxReportDays} days and combine their playlogs.`,
		);
	}
	return { startDate: start.date, startTime: start.time, endDate, endTime };
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const { itemIndex } = item;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const range = reportRange(this.getNodeParameter('start', itemIndex), this.getNodeParameter('end', itemIndex), options.endTime);
	const webhook = String(this.getNodeParameter('webhookUrl', itemIndex, '') ?? '').trim();
	if (webhook !== '' && !/^https?:\/\/\S+$/i.test(webhook)) {
		throw new InputError(
			`Webhook URL "${webhook}" is not an http(s) URL`,
			'Paste the Production URL of a 4YouSee Manager Trigger, or leave the field empty.',
		);
	}
	const body: IDataObject = compact({
		type: (options.type as string) || 'detailed',
		webhook,
		filter: {
			...range,
			mediaId: integerList(this.getNodeParameter('mediaIds', itemIndex, []), 'Media Names or IDs'),
			playerId: integerList(this.getNodeParameter('playerIds', itemIndex, []), 'Player Names or IDs'),
			sort: Number(options.sort ?? -1),
		},
	});
	// POST is not repeated after a 5xx (it would create a second report); only a 429 is retried.
	const report = await fourYouSeeRequest(item, 'POST', '/reports', { body });
	if (!this.getNodeParameter('waitForCompletion', itemIndex, false)) return report;
	return await waitForReport(item, report, {
		intervalMs: Math.max(1, Number(options.pollInterval ?? 10)) * 1000,
		timeoutMs: Math.max(1, Number(options.timeout ?? 30)) * 60_000,
	});
}

/** Reads the report until it succeeds or fails; a failed report or a timeout is an error. */
async function waitForReport(
	item: ItemContext,
	created: IDataObject,
	{ intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<IDataObject> {
	const id = String(created.id ?? '');
	if (id === '') {
		throw new InputError(
			'4YouSee answered without a report ID',
			'Check the report in 4YouSee Manager (Reports API page); the answer had no "id".',
		);
	}
	const report = await pollUntil(created, (r) => isReady(r) || isFailed(r), async () => await readReport(item, id), {
		intervalMs,
		timeoutMs,
		signal: item.signal,
		timedOut: (last) => {
			executionHint(
				item.n8n,
				`Report ${id} was not finished within the ${Math.round(timeoutMs / 60_000)}-minute Timeout. It is still being generated: read it later with Report > Get or Get Playlogs (Report ID ${id}), or let a 4YouSee Manager Trigger start a workflow when it is ready.`,
				'warning',
			);
			return new InputError(
				`Report ${id} is still "${String(last.status)}" after ${Math.round(timeoutMs / 60_000)} minutes`,
				`Increase Timeout, or turn off Wait for Completion and let a 4YouSee Manager Trigger start a workflow when report ${id} is ready (Get Playlogs with Report ID ${id} works then).`,
			);
		},
	});
	if (isFailed(report)) {
		throw new InputError(
			`Report ${id} ${failedSentence(report)}`,
			'4YouSee could not generate this report. Check its dates, player and media IDs, then create it again; if it fails again, ask 4YouSee support about the report ID.',
		);
	}
	return report;
}
