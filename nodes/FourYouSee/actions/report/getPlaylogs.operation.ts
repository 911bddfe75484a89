import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idList } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { asNodeError } from '../../../shared/items';
import {
	PlaylogFileError,
	scanPlaylogs,
	summarisePlaylogs,
	type PlaylogFilter,
	type PlaylogGroupField,
	type PlaylogSource,
} from '../../playlogs';
import { autoGunzip } from '../../../shared/ndjson';
import { fourYouSeeDownload } from '../../transport';
import { getReport, isFailed, isReady, reportFailure, reportIdOf, wallClock } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Report ID',
		name: 'reportId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			'ID of a finished report. The default takes the ID of the incoming item, which is what the 4YouSee Manager Trigger and Create (with Wait for Completion) output.',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'summary',
		options: [
			{
				name: 'Summary',
				value: 'summary',
				description: 'Play counts grouped by media, player, date or hour: one item per group',
			},
			{
				name: 'Playlogs',
				value: 'playlogs',
				description: 'One item per play. Large reports make many items: prefer Summary for them.',
			},
			{
				name: 'File',
				value: 'file',
				description: 'The playlog file as binary data',
			},
		],
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'multiOptions',
		default: ['mediaId', 'playerId'],
		options: [
			{ name: 'Date', value: 'date' },
			{ name: 'Hour', value: 'hour', description: 'Hour of the day, 0 to 23' },
			{ name: 'Media', value: 'mediaId' },
			{ name: 'Player', value: 'playerId' },
		],
		description: 'Fields whose combinations get one count each. None selected: one total.',
		displayOptions: { show: { output: ['summary'] } },
	},
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		default: 'gzip',
		options: [
			{ name: 'Gzip (As Delivered)', value: 'gzip', description: 'The .gz file, streamed as it comes' },
			{ name: 'NDJSON (Decompressed)', value: 'ndjson', description: 'One JSON playlog per line; held in memory while it is built' },
		],
		displayOptions: { show: { output: ['file'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field the file is put in',
		displayOptions: { show: { output: ['file'] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show: { output: ['summary', 'playlogs'] } },
		options: [
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only plays at or after this date and time (as written in the file; no time zone conversion)',
			},
			{
				displayName: 'Media IDs',
				name: 'mediaIds',
				type: 'string',
				default: '',
				placeholder: '2001, 2002',
				description: 'Only plays of these medias (comma-separated)',
			},
			{
				displayName: 'Player IDs',
				name: 'playerIds',
				type: 'string',
				default: '',
				placeholder: '101, 102',
				description: 'Only plays on these players (comma-separated)',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only plays at or before this date and time. A date without a time means the end of that day.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getPlaylogs'] } }, properties);

function filterOf(ctx: IExecuteFunctions, itemIndex: number): PlaylogFilter {
	const f = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const node = ctx.getNode();
	const filter: PlaylogFilter = {};
	const players = idList(f.playerIds);
	const medias = idList(f.mediaIds);
	if (players.length) filter.playerIds = players;
	if (medias.length) filter.mediaIds = medias;
	if (f.from) {
		const from = wallClock(node, f.from, 'From', itemIndex);
		filter.from = `${from.date} ${from.time}`;
	}
	if (f.to) {
		const to = wallClock(node, f.to, 'To', itemIndex, '23:59:59');
		filter.to = `${to.date} ${to.time}`;
	}
	return filter;
}

/** The report, only when it has a file; any other status is an error saying what to do. */
async function readyReport(ctx: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject> {
	const report = await getReport(ctx, id, itemIndex);
	const node = ctx.getNode();
	if (isFailed(report)) {
		throw inputError(
			node,
			`Report ${id} failed (${reportFailure(report)}), so it has no playlogs`,
			'Create the report again; if it keeps failing, check its dates, player and media IDs.',
			itemIndex,
		);
	}
	if (!isReady(report)) {
		throw inputError(
			node,
			`Report ${id} is not ready yet (status "${String(report.status)}")`,
			'Playlogs can be read once the status is "success". Turn on Wait for Completion in Create, or start this workflow from a 4YouSee Manager Trigger, which fires when the report is ready.',
			itemIndex,
		);
	}
	if (typeof report.url !== 'string' || !/^https?:\/\//i.test(report.url)) {
		throw inputError(node, `Report ${id} is "success" but has no file link`, 'Read the report again in a minute; if the link stays empty, create the report again.', itemIndex);
	}
	return report;
}

async function collect(source: PlaylogSource): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of autoGunzip(source)) parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	return Buffer.concat(parts);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[] | INodeExecutionData[]> {
	const id = reportIdOf(this.getNode(), this.getNodeParameter('reportId', itemIndex), itemIndex);
	const output = this.getNodeParameter('output', itemIndex) as 'summary' | 'playlogs' | 'file';
	const filter = output === 'file' ? {} : filterOf(this, itemIndex);
	const report = await readyReport(this, id, itemIndex);
	// The file is on S3: fetched without the Secret-Token (research "Report file").
	const response = await fourYouSeeDownload(this, report.url as string, itemIndex);
	const body = response.body as PlaylogSource & { destroy?: () => void };
	try {
		if (output === 'file') {
			const gzip = (this.getNodeParameter('fileFormat', itemIndex, 'gzip') as string) === 'gzip';
			const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			const binary = gzip
				? await this.helpers.prepareBinaryData(body as unknown as Buffer, `4yousee-report-${id}.ndjson.gz`, 'application/gzip')
				: await this.helpers.prepareBinaryData(await collect(body), `4yousee-report-${id}.ndjson`, 'application/x-ndjson');
			return [{ json: report, binary: { [property]: binary } }];
		}
		if (output === 'summary') {
			const groupBy = this.getNodeParameter('groupBy', itemIndex, []) as PlaylogGroupField[];
			const summary = await summarisePlaylogs(body, groupBy, filter);
			return summary.rows.map((row) => ({ reportId: report.id ?? id, ...row }));
		}
		const playlogs: IDataObject[] = [];
		await scanPlaylogs(body, filter, (playlog) => {
			playlogs.push(playlog as IDataObject);
		});
		return playlogs;
	} catch (error) {
		if (error instanceof PlaylogFileError) {
			throw new NodeOperationError(this.getNode(), `Report ${id}: ${error.message}`, {
				description:
					'The playlog file is damaged or was cut off during download. Run the node again; if the same line fails again, create the report again or send the report ID to 4YouSee support.',
				itemIndex,
			});
		}
		throw asNodeError(this, error, itemIndex);
	} finally {
		body.destroy?.();
	}
}
