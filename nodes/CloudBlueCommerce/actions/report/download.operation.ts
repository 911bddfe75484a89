import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isCancellation } from '../../../shared/cancel';
import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { readVerifiedFile, SourceReadError } from '../../../shared/ndjson';
import type { OperationOption } from '../../../shared/resources';
import { fileNameOf, formatOf, getReport, isCompleted, mimeTypeOf, reportLabel, reportReference } from '../../reports';
import { ColumnTypes, readReportRows, RowsError, Totals } from '../../rows';
import { cloudBlueDownload } from '../../transport';
import { reportField } from './fields';

export const option: OperationOption = {
	name: 'Download',
	action: 'Download a report',
	description:
		'Download the file of a completed rated data report (by ID or download link) as binary data, JSON and CSV reports as one item per row, or their totals per group',
};

export const properties: INodeProperties[] = [
	reportField('The completed report to download: picked from the list, its ID, its download link, or a whole report item mapped in from Get Many, Get or Create', true),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'file',
		description: 'Whether to return the file itself or its rows as items',
		options: [
			{ name: 'File', value: 'file', description: 'The report file as binary data' },
			{
				name: 'One Item per Row',
				value: 'rows',
				description: 'JSON and CSV reports split into one item per row; XLSX and XML reports stay a file (use Extract From File)',
			},
			{
				name: 'Totals',
				value: 'totals',
				description: 'JSON and CSV reports summed while they download: one item per group with its row count and the sum, min and max of chosen columns',
			},
		],
	},
	{
		displayName: 'Group By',
		name: 'totalsGroupBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. customerId, currency',
		description: 'The columns whose values make a group, separated by commas; empty for one total of the whole report',
		displayOptions: { show: { output: ['totals'] } },
	},
	{
		displayName: 'Columns to Sum',
		name: 'totalsColumns',
		type: 'string',
		default: '',
		placeholder: 'e.g. amount, quantity',
		description: 'The numeric columns to sum (with their min and max) per group, separated by commas; empty to count rows only',
		displayOptions: { show: { output: ['totals'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The name of the binary field the file is put in',
		displayOptions: { show: { output: ['file'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'CSV Delimiter',
				name: 'delimiter',
				type: 'string',
				default: ',',
				description: 'The character between the columns of a CSV report (\\t for a tab)',
			},
			{
				displayName: 'Typed Columns',
				name: 'typedColumns',
				type: 'boolean',
				default: false,
				description:
					'Whether to turn a column into numbers (or true/false) when every value of that column is one; a column with any other value stays text. Off: CSV values stay text and JSON values stay as the file has them.',
				displayOptions: { show: { '/output': ['rows'] } },
			},
		],
	},
];

/** The CSV Delimiter option as one character; `\t` typed as two characters is a tab. */
function delimiterOf(options: IDataObject): string {
	const typed = String(options.delimiter || ',');
	return typed === '\\t' ? '\t' : typed.charAt(0);
}

/** The report to download: the item mapped in when it already has its link, else read by ID, or just the link. */
async function reportToDownload(item: ItemContext): Promise<IDataObject> {
	const reference = reportReference(item.n8n.getNodeParameter('reportId', item.itemIndex, '', { extractValue: true }));
	if (!reference) throw new InputError('Report is empty', 'Pick a report, enter its ID or download link, or map a report item from an earlier node.');
	if (reference.report && reference.downloadUrl && isCompleted(reference.report)) return reference.report;
	if (reference.id) return await getReport(item, reference.id);
	if (reference.downloadUrl) return { ...(reference.report ?? {}), downloadUrl: reference.downloadUrl };
	throw new InputError('The report has neither an ID nor a download link', 'Map the whole report item from Report > Get Many or Get, or its downloadUrl.');
}

/** Column names typed as a comma list (or given as a list by an expression). */
function columnList(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return [...new Set(list.map((name) => name.trim()).filter((name) => name !== ''))];
}

/** A failure while reading the file, as one sentence and a fix, never wrapped twice. */
function readFailure(ctx: IExecuteFunctions, error: unknown, label: string, itemIndex: number): Error {
	if (isCancellation(error) || error instanceof NodeOperationError) return error as Error;
	if (error instanceof SourceReadError || (error as Error)?.name === 'SourceReadError') {
		return new NodeOperationError(ctx.getNode(), (error as SourceReadError).message, { description: `${label}: ${(error as SourceReadError).hint}`, itemIndex });
	}
	if (error instanceof RowsError) {
		return new NodeOperationError(ctx.getNode(), error.message, { description: `${label}: download it with Output File to look at it.`, itemIndex });
	}
	const message = String((error as Error)?.message ?? error).replace(/[\s.]+$/, '');
	return new NodeOperationError(ctx.getNode(), `The report file could not be read (${message}).`, {
		description: `${label}: run the node again; if it keeps failing, create the report again.`,
		itemIndex,
	});
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<INodeExecutionData[] | IDataObject[]> {
	const { itemIndex } = item;
	const output = this.getNodeParameter('output', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const report = await reportToDownload(item);
	const label = reportLabel(report);
	if (!isCompleted(report) || typeof report.downloadUrl !== 'string' || report.downloadUrl === '') {
		throw new NodeOperationError(
			this.getNode(),
			isCompleted(report) ? `${label} has no download link` : `${label} is not completed yet: its status is "${String(report.status)}"`,
			{
				description:
					report.status === 'error'
						? 'The report failed on the CloudBlue side: create it again.'
						: 'Wait until the report is completed (Report > Create with Wait for Completion, or the CloudBlue Commerce Trigger), then download it.',
				itemIndex,
			},
		);
	}
	const format = formatOf(report);
	const tabular = format === 'json' || format === 'csv';
	if (output === 'totals' && !tabular) {
		throw new NodeOperationError(this.getNode(), `${label} is a ${String(format ?? 'binary').toUpperCase()} file, which Totals cannot read`, {
			description: 'Totals reads JSON and CSV reports: create the report as CSV or JSON, or download it with Output File.',
			itemIndex,
		});
	}
	const response = await cloudBlueDownload(item, report.downloadUrl);
	const stream = response.body as AsyncIterable<Uint8Array>;
	const read = response.readOptions;
	const delimiter = delimiterOf(options);

	if (output === 'totals' && tabular) {
		const groupBy = columnList(this.getNodeParameter('totalsGroupBy', itemIndex, ''));
		const summed = columnList(this.getNodeParameter('totalsColumns', itemIndex, ''));
		const totals = new Totals(groupBy, summed);
		try {
			const count = await readReportRows(
				stream,
				format,
				format === 'csv'
					? (row, n) => totals.add(row, n)
					: (row, n) => {
							totals.noteKeys(row);
							totals.add(row, n);
						},
				// Only the grouped and summed columns of a CSV row are decoded.
				{ delimiter, read, onHeader: (keys) => totals.checkColumns(keys), columns: [...groupBy, ...summed] },
			);
			return totals.result(count, format === 'json');
		} catch (error) {
			throw readFailure(this, error, label, itemIndex);
		}
	}

	if (output === 'rows' && tabular) {
		// One pairedItem for every row of this input item: n8n only reads it.
		const pairedItem = { item: itemIndex };
		const rows: INodeExecutionData[] = [];
		const types = options.typedColumns === true ? new ColumnTypes() : undefined;
		try {
			await readReportRows(
				stream,
				format,
				types
					? (json) => {
							types.watch(json);
							rows.push({ json, pairedItem });
						}
					: (json) => {
							rows.push({ json, pairedItem });
						},
				{ delimiter, read },
			);
		} catch (error) {
			throw readFailure(this, error, label, itemIndex);
		}
		types?.apply(rows, (row) => row.json);
		return rows;
	}

	const fileName = fileNameOf(report);
	const binaryPropertyName = (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string) || 'data';
	let file: Buffer;
	try {
		// Held until it is known to be complete (its announced length, a gzip file's end).
		file = await readVerifiedFile(stream, read);
	} catch (error) {
		throw readFailure(this, error, label, itemIndex);
	}
	const binary = await this.helpers.prepareBinaryData(file, fileName, mimeTypeOf(report, fileName));
	// The link (with its SAS signature) stays out of the output: the file is in the binary field.
	const metadata: IDataObject = { ...report, fileName };
	delete metadata.downloadUrl;
	if (format && metadata.format === undefined) metadata.format = format;
	return [{ json: metadata, binary: { [binaryPropertyName]: binary } }];
}
