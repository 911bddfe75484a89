import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarDay, idList, InputError, timeOfDay, wallClockText } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import { asNodeError, type ItemContext } from '../../../shared/items';
import { idLocator } from '../../../shared/locators';
import { downloadError } from '../../../shared/errors';
import { autoGunzip, isGzip, SourceReadError, type BodyReadOptions } from '../../../shared/ndjson';
import type { OperationOption } from '../../../shared/resources';
import {
	PlaylogFileError,
	playlogEndProblem,
	playlogFileType,
	scanPlaylogs,
	summarisePlaylogs,
	type PlaylogFilter,
	type PlaylogFormat,
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

/** Text kept from each end of a file to tell its format and whether it ends properly. */
const EDGE_CHARS = 64 * 1024;

interface CheckedFile {
	/** The bytes as delivered. */
	raw: Buffer;
	/** The decompressed text, when asked for. */
	text?: Buffer;
	gzip: boolean;
	format: PlaylogFormat | undefined;
}

/**
 * The whole file, handed over only once it is known to be complete: every byte the server
 * announced, a gzip stream that ends with its trailer, and a last line that is not cut off
 * (`playlogEndProblem`). Fails with SourceReadError or PlaylogFileError otherwise, like Summary and
 * Playlogs, so no output mode ever passes on part of a file as the whole.
 */
async function checkedFile(body: PlaylogSource, read: BodyReadOptions, keepText: boolean): Promise<CheckedFile> {
	const raw: Buffer[] = [];
	let gzip: boolean | undefined;
	async function* recorded(): AsyncGenerator<Uint8Array> {
		const source: AsyncIterable<Uint8Array> = body instanceof Uint8Array ? [body] as unknown as AsyncIterable<Uint8Array> : body;
		for await (const chunk of source) {
			const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			if (gzip === undefined && raw.length === 0) gzip = bytes.length >= 2 ? isGzip(bytes) : undefined;
			raw.push(bytes);
			yield chunk;
		}
	}
	const decoder = new TextDecoder('utf-8');
	const text: Buffer[] = [];
	let head = '';
	let tail = '';
	let lines = 1;
	for await (const chunk of autoGunzip(recorded(), read)) {
		if (keepText) text.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
		const part = decoder.decode(chunk, { stream: true });
		for (let nl = part.indexOf('\n'); nl !== -1; nl = part.indexOf('\n', nl + 1)) lines++;
		if (head.length < EDGE_CHARS) head += part.slice(0, EDGE_CHARS - head.length);
		tail = (tail + part).slice(-EDGE_CHARS);
	}
	tail += decoder.decode();
	const whole = Buffer.concat(raw);
	const problem = playlogEndProblem(head, tail, lines);
	if (problem !== undefined) throw new PlaylogFileError(problem, lines);
	const first = head.replace(/^\uFEFF/, '').trimStart();
	const format: PlaylogFormat | undefined = first === '' ? undefined : first.startsWith('{') ? 'ndjson' : 'csv';
	return { raw: whole, text: keepText ? Buffer.concat(text) : undefined, gzip: gzip ?? isGzip(whole), format };
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
	const read = response.readOptions;
	try {
		if (output === 'file') {
			const asDelivered = (this.getNodeParameter('fileFormat', itemIndex, 'gzip') as string) === 'gzip';
			const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			// Named after what the file holds (its first bytes and first line), and only once it is whole.
			const file = await checkedFile(body, read, !asDelivered);
			const type = playlogFileType(file.format, asDelivered && file.gzip);
			const data = asDelivered ? file.raw : (file.text as Buffer);
			const binary = await this.helpers.prepareBinaryData(data, `4yousee-report-${id}.${type.extension}`, type.mimeType);
			return [{ json: report, binary: { [property]: binary } }];
		}
		if (output === 'summary') {
			const groupBy = this.getNodeParameter('groupBy', itemIndex, []) as PlaylogGroupField[];
			const summary = await summarisePlaylogs(body, groupBy, filter, { read });
			return summary.rows.map((row) => ({ reportId: report.id ?? id, ...row }));
		}
		const playlogs: IDataObject[] = [];
		await scanPlaylogs(
			body,
			filter,
			(playlog) => {
				playlogs.push(playlog as IDataObject);
			},
			{ read },
		);
		return playlogs;
	} catch (error) {
		if (error instanceof PlaylogFileError) {
			throw new NodeOperationError(this.getNode(), `Report ${id}: ${error.message}`, {
				description:
					'The playlog file is damaged or was cut off during download. Run the node again; if the same line fails again, create the report again or send the report ID to 4YouSee support.',
				itemIndex,
			});
		}
		if (error instanceof SourceReadError) {
			throw downloadError(this.getNode(), error, { what: `Report ${id}`, itemIndex });
		}
		throw asNodeError(this, error, itemIndex);
	} finally {
		body.destroy?.();
	}
}
