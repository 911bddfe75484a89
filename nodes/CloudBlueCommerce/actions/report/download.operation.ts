import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { fileNameOf, formatOf, getReport, isCompleted, mimeTypeOf, reportLabel, reportReference } from '../../reports';
import { reportRows, RowsError } from '../../rows';
import { cloudBlueDownload } from '../../transport';
import { reportField } from './fields';

export const option: OperationOption = {
	name: 'Download',
	action: 'Download a report',
	description: 'Download the file of a completed rated data report (by ID or download link) as binary data, or JSON and CSV reports as one item per row',
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
		],
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
	const response = await cloudBlueDownload(item, report.downloadUrl);
	const stream = response.body as AsyncIterable<Uint8Array>;

	if (output === 'rows' && (format === 'json' || format === 'csv')) {
		const rows: IDataObject[] = [];
		try {
			for await (const row of reportRows(stream, format, delimiterOf(options))) rows.push(row);
		} catch (error) {
			(stream as { destroy?: () => void }).destroy?.();
			const reason = error instanceof RowsError ? error.message : `The file could not be read: ${(error as Error).message}`;
			throw new NodeOperationError(this.getNode(), `${label} could not be split into rows`, {
				description: `${reason}. Download it as a file to look at it.`,
				itemIndex,
			});
		}
		return rows;
	}

	const fileName = fileNameOf(report);
	const binaryPropertyName = (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string) || 'data';
	const binary = await this.helpers.prepareBinaryData(stream as never, fileName, mimeTypeOf(report, fileName));
	// The link (with its SAS signature) stays out of the output: the file is in the binary field.
	const metadata: IDataObject = { ...report, fileName };
	delete metadata.downloadUrl;
	if (format && metadata.format === undefined) metadata.format = format;
	return [{ json: metadata, binary: { [binaryPropertyName]: binary } }];
}
