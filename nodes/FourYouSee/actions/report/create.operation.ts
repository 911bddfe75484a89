import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact, idList } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { pollUntil } from '../../../shared/polling';
import { FOURYOUSEE, fourYouSeeRequest } from '../../transport';
import { getReport, isFailed, isReady, reportFailure, wallClock, wallClockMs } from './common';

const DAY_MS = 86_400_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First playlog to include (date and time as shown in 4YouSee Manager; no time zone conversion)',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		description: `Last playlog to include. At most ${FOURYOUSEE.maxReportDays} days after Start. A date without a time means the end of that day.`,
	},
	{
		displayName: 'Player IDs',
		name: 'playerIds',
		type: 'string',
		default: '',
		placeholder: '101, 102',
		description: 'Comma-separated IDs of the players to report on. Leave empty for every player.',
	},
	{
		displayName: 'Media IDs',
		name: 'mediaIds',
		type: 'string',
		default: '',
		placeholder: '2001, 2002',
		description: 'Comma-separated IDs of the medias to report on. Leave empty for every media.',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/webhook',
		description:
			"Where 4YouSee posts a notification when the report is ready: paste the Production URL of a 4YouSee Manager Trigger here. Leave empty when you don't need one.",
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

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['create'] } }, properties);

function days(ms: number): string {
	const d = Math.floor(ms / DAY_MS);
	const h = Math.floor((ms % DAY_MS) / 3_600_000);
	return `${d} day${d === 1 ? '' : 's'}${h ? ` ${h} h` : ''}`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const start = wallClock(node, this.getNodeParameter('start', itemIndex), 'Start', itemIndex);
	const end = wallClock(node, this.getNodeParameter('end', itemIndex), 'End', itemIndex, '23:59:59');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const span = wallClockMs(end) - wallClockMs(start);
	if (span < 0) {
		throw inputError(node, 'End is before Start', 'Choose an End on or after Start.', itemIndex);
	}
	// Research "Reports / playlogs": the API refuses ranges over 30 days; say so before any request.
	if (span > FOURYOUSEE.maxReportDays * DAY_MS) {
		const latest = new Date(wallClockMs(start) + FOURYOUSEE.maxReportDays * DAY_MS).toISOString().slice(0, 19).replace('T', ' ');
		throw inputError(
			node,
			`The report range is ${days(span)}; 4YouSee allows at most ${FOURYOUSEE.maxReportDays} days per report`,
			`Choose an End on or before ${latest} (Start ${start.date} ${start.time} + ${FOURYOUSEE.maxReportDays} days), or create one report per month and combine their playlogs.`,
			itemIndex,
		);
	}
	const webhook = String(this.getNodeParameter('webhookUrl', itemIndex, '') ?? '').trim();
	if (webhook !== '' && !/^https?:\/\/\S+$/i.test(webhook)) {
		throw inputError(node, `Webhook URL "${webhook}" is not an http(s) URL`, 'Paste the Production URL of a 4YouSee Manager Trigger, or leave the field empty.', itemIndex);
	}
	const body: IDataObject = compact({
		type: (options.type as string) || 'detailed',
		webhook,
		filter: {
			startDate: start.date,
			startTime: start.time,
			endDate: end.date,
			endTime: end.time,
			mediaId: idList(this.getNodeParameter('mediaIds', itemIndex, '')),
			playerId: idList(this.getNodeParameter('playerIds', itemIndex, '')),
			sort: Number(options.sort ?? -1),
		},
	});
	// POST is not repeated after a 5xx (it would create a second report); only a 429 is retried.
	const report = await fourYouSeeRequest(this, 'POST', '/reports', { body, itemIndex });
	if (!this.getNodeParameter('waitForCompletion', itemIndex, false)) return report;
	return await waitForReport(this, report, {
		intervalMs: Math.max(1, Number(options.pollInterval ?? 10)) * 1000,
		timeoutMs: Math.max(1, Number(options.timeout ?? 30)) * 60_000,
		itemIndex,
	});
}

/** Reads the report until it succeeds or fails; a failed report or a timeout is an error. */
export async function waitForReport(
	ctx: IExecuteFunctions,
	created: IDataObject,
	{ intervalMs, timeoutMs, itemIndex }: { intervalMs: number; timeoutMs: number; itemIndex: number },
): Promise<IDataObject> {
	const id = String(created.id ?? '');
	if (id === '') {
		throw inputError(ctx.getNode(), '4YouSee answered without a report ID', 'Check the report in 4YouSee Manager (Reports API page); the answer had no "id".', itemIndex);
	}
	const report = await pollUntil(created, (r) => isReady(r) || isFailed(r), async () => await getReport(ctx, id, itemIndex), {
		intervalMs,
		timeoutMs,
		timedOut: (last) =>
			inputError(
				ctx.getNode(),
				`Report ${id} is still "${String(last.status)}" after ${Math.round(timeoutMs / 60_000)} minutes`,
				`Increase Timeout, or turn off Wait for Completion and let a 4YouSee Manager Trigger start a workflow when report ${id} is ready (Get Playlogs with Report ID ${id} works then).`,
				itemIndex,
			),
	});
	if (isFailed(report)) {
		throw inputError(
			ctx.getNode(),
			`Report ${id} failed: ${reportFailure(report)}`,
			'4YouSee could not generate this report. Check its dates, player and media IDs, then create it again; if it fails again, ask 4YouSee support about the report ID.',
			itemIndex,
		);
	}
	return report;
}
