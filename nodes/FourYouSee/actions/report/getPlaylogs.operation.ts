import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarDay, idList, InputError, timeOfDay, wallClockText } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import { asNodeError, type ItemContext } from '../../../shared/items';
import { idLocator } from '../../../shared/locators';
import { autoGunzip } from '../../../shared/ndjson';
import type { OperationOption } from '../../../shared/resources';
import {
	PlaylogFileError,
	playlogFileKind,
	playlogFileType,
	scanPlaylogs,
	summarisePlaylogs,
	type PlaylogFilter,
	type PlaylogGroupField,
	type PlaylogSource,
} from '../../playlogs';
import { failedSentence, isFailed, isReady, readReport, reportIdParameter } from '../../reports';
import { fourYouSeeDownload } from '../../transport';

export const option: OperationOption = {
	name: 'Get Playlogs',
	action: 'Get the playlogs of a finished report',
	description:
		'Read the file of a finished report (NDJSON or CSV, gzip or not): play counts per media, player, date or hour, one item per play, or the file itself',
};

/** Get Playlogs has no Simplify: its answer shrinks with fewer groups or a narrower filter. */
export const toolAdvice = 'group by fewer fields (Group By), or filter by media, player or day';

const TO_DAY = 'The To day is included up to 23:59:59. For an earlier cut-off on that day, set To Time.';

export const properties: INodeProperties[] = [
	{
		...idLocator({
			displayName: 'Report',
			name: 'reportId',
			description:
				'A finished report. The default takes the ID of the incoming item, which is what the 4YouSee Manager Trigger and Create (with Wait for Completion) output.',
			searchListMethod: 'searchReports',
			idPlaceholder: 'e.g. 522873',
		}),
		default: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'summary',
		description: 'What to make of the report file',
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
				description: 'The playlog file as binary data, named .ndjson or .csv after what it holds',
			},
		],
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'multiOptions',
		default: ['mediaId', 'playerId'],
		options: [
			{ name: 'Date', value: 'date', description: 'The day of the play' },
			{ name: 'Hour', value: 'hour', description: 'Hour of the day, 0 to 23' },
			{ name: 'Media', value: 'mediaId', description: 'The media played' },
			{ name: 'Player', value: 'playerId', description: 'The player it played on' },
		],
		description: 'Fields whose combinations get one count each. None selected: one total.',
		displayOptions: { show: { output: ['summary'] } },
	},
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		default: 'gzip',
		description: 'Whether to hand the file over compressed, as 4YouSee stores it, or decompressed',
		options: [
			{ name: 'Gzip (As Delivered)', value: 'gzip', description: 'The .gz file, streamed as it comes' },
			{
				name: 'Decompressed',
				value: 'ndjson',
				description: 'The text inside (one JSON playlog per line, or CSV); held in memory while it is built',
			},
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
				description: 'Only plays at or after this date and time (as written in the file; no time zone conversion). A date alone starts at 00:00:00.',
			},
			{
				displayName: 'Media Names or IDs',
				name: 'mediaIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getMedias' },
				default: [],
				description:
					'Only plays of these medias. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Player Names or IDs',
				name: 'playerIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPlayers' },
				default: [],
				description:
					'Only plays on these players. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				hint: TO_DAY,
				description: `Only plays up to this day. Only its date is used, whatever time the date picker or an expression gives. ${TO_DAY}`,
			},
			{
				displayName: 'To Time',
				name: 'toTime',
				type: 'string',
				default: '',
				placeholder: 'e.g. 18:00:00',
				description: 'With To: the last time of day included on that day (HH:MM or HH:MM:SS, 24-hour). Empty includes the whole day.',
			},
		],
	},
];

/**
 * The filters of one item. To is a whole day like Create's End (the date picker's time would
 * silently drop the day's plays); To Time, when set, is the last second included.
 */
function filterOf(ctx: IExecuteFunctions, itemIndex: number): PlaylogFilter {
	const f = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filter: PlaylogFilter = {};
	const players = idList(f.playerIds);
	const medias = idList(f.mediaIds);
	if (players.length) filter.playerIds = players;
	if (medias.length) filter.mediaIds = medias;
	if (f.from) filter.from = wallClockText(f.from, 'From');
	const toTime = String(f.toTime ?? '').trim();
	if (f.to) filter.to = `${calendarDay(f.to, 'To')} ${toTime === '' ? '23:59:59' : timeOfDay(toTime, 'To Time')}`;
	else if (toTime !== '') throw new InputError('To Time needs To', 'Add the day in To, or remove To Time.');
	return filter;
}

/** The report's own range, `YYYY-MM-DD HH:MM:SS` at both ends, when its filter has one. */
function reportSpan(report: IDataObject): { from: string; to: string } | undefined {
	const f = (report.filter ?? {}) as IDataObject;
	if (typeof f.startDate !== 'string' || typeof f.endDate !== 'string') return undefined;
	return { from: `${f.startDate} ${String(f.startTime ?? '00:00:00')}`, to: `${f.endDate} ${String(f.endTime ?? '23:59:59')}` };
}

/** A From/To that cannot match anything in the report is said after the run: the output is not "no plays". */
function hintRangeOutside(item: ItemContext, report: IDataObject, filter: PlaylogFilter): void {
	const span = reportSpan(report);
	if (!span || (filter.from === undefined && filter.to === undefined)) return;
	if ((filter.from !== undefined && filter.from > span.to) || (filter.to !== undefined && filter.to < span.from)) {
		executionHint(
			item.n8n,
			`The From/To filter (${filter.from ?? '…'} to ${filter.to ?? '…'}) lies outside report ${String(report.id)}'s range (${span.from} to ${span.to}), so no play can match it. Create a report for that range instead.`,
			'warning',
		);
	}
}

/** The report, only when it has a file; any other status is an error saying what to do. */
async function readyReport(item: ItemContext, id: string): Promise<IDataObject> {
	const report = await readReport(item, id);
	if (isFailed(report)) {
		throw new InputError(
			`Report ${id} ${failedSentence(report)}; it has no playlogs`,
			'Create the report again; if it keeps failing, check its dates, player and media IDs.',
		);
	}
	if (!isReady(report)) {
		executionHint(
			item.n8n,
			`Report ${id} is still "${String(report.status)}": its playlogs can be read once 4YouSee has generated it. Turn on Wait for Completion in Report > Create, or start this workflow from a 4YouSee Manager Trigger, which runs when the report is ready.`,
			'warning',
		);
		throw new InputError(
			`Report ${id} is not ready yet (status "${String(report.status)}")`,
			'Playlogs can be read once the status is "success". Turn on Wait for Completion in Create, or start this workflow from a 4YouSee Manager Trigger, which fires when the report is ready.',
		);
	}
	if (typeof report.url !== 'string' || !/^https?:\/\//i.test(report.url)) {
		throw new InputError(
			`Report ${id} is "success" but has no file link`,
			'Read the report again in a minute; if the link stays empty, create the report again.',
		);
	}
	return report;
}

/** Enough of a gzip file to decompress its first line. */
const HEAD_BYTES = 16 * 1024;

interface Peekable {
	read(): Buffer | null;
	unshift(chunk: Buffer): void;
	once(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	readableEnded?: boolean;
}

/**
 * The first bytes of a response stream, put back so the whole stream can still be handed on. When
 * the stream ended within them, `whole` is the complete file.
 */
async function peek(stream: Peekable, want: number): Promise<{ head: Buffer; whole: boolean }> {
	const parts: Buffer[] = [];
	let length = 0;
	for (;;) {
		const chunk = stream.read();
		if (chunk !== null) {
			parts.push(chunk);
			length += chunk.length;
			if (length >= want) break;
			continue;
		}
		if (stream.readableEnded) return { head: Buffer.concat(parts), whole: true };
		const ended = await new Promise<boolean>((resolve, reject) => {
			const done = (result: boolean) => () => {
				stream.removeListener('readable', onReadable);
				stream.removeListener('end', onEnd);
				stream.removeListener('error', onError);
				resolve(result);
			};
			const onReadable = done(false);
			const onEnd = done(true);
			const onError = (error: unknown) => {
				stream.removeListener('readable', onReadable);
				stream.removeListener('end', onEnd);
				reject(error);
			};
			stream.once('readable', onReadable);
			stream.once('end', onEnd);
			stream.once('error', onError);
		});
		if (ended) return { head: Buffer.concat(parts), whole: true };
	}
	const head = Buffer.concat(parts);
	stream.unshift(head);
	return { head, whole: false };
}

async function collect(source: PlaylogSource): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of autoGunzip(source)) parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	return Buffer.concat(parts);
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[] | INodeExecutionData[]> {
	const { itemIndex } = item;
	const id = reportIdParameter(item);
	const output = this.getNodeParameter('output', itemIndex) as 'summary' | 'playlogs' | 'file';
	const filter = output === 'file' ? {} : filterOf(this, itemIndex);
	const report = await readyReport(item, id);
	hintRangeOutside(item, report, filter);
	// The file is on S3: fetched without the Secret-Token (docs/fouryousee.md, Credential).
	const response = await fourYouSeeDownload(item, report.url as string);
	const body = response.body as PlaylogSource & { destroy?: () => void };
	try {
		if (output === 'file') {
			const asDelivered = (this.getNodeParameter('fileFormat', itemIndex, 'gzip') as string) === 'gzip';
			const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			let binary;
			if (asDelivered) {
				// Named after what the file holds, read from its first bytes; the rest streams through.
				const isBuffer = body instanceof Uint8Array;
				const { head, whole } = isBuffer ? { head: Buffer.from(body), whole: true } : await peek(body as unknown as Peekable, HEAD_BYTES);
				const kind = await playlogFileKind(head);
				const type = playlogFileType(kind.format, kind.gzip);
				const data = whole ? head : (body as unknown as Buffer);
				binary = await this.helpers.prepareBinaryData(data, `4yousee-report-${id}.${type.extension}`, type.mimeType);
			} else {
				const text = await collect(body);
				const type = playlogFileType((await playlogFileKind(text)).format, false);
				binary = await this.helpers.prepareBinaryData(text, `4yousee-report-${id}.${type.extension}`, type.mimeType);
			}
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
