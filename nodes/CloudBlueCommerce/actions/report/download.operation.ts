import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { reportId } from './get.operation';
import { fileNameOf, formatOf, getReport, mimeTypeOf } from './report';
import { csvObjects, jsonRows, RowsError, textOf } from '../../rows';
import { downloadReportFile } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['report'], operation: ['download'] } }, [
	reportId,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'file',
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
		placeholder: 'Add Option',
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
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[] | IDataObject[]> {
	const id = this.getNodeParameter('reportId', itemIndex) as string;
	const output = this.getNodeParameter('output', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const report = await getReport(this, id, itemIndex);
	if (report.status !== 'completed' || typeof report.downloadUrl !== 'string' || report.downloadUrl === '') {
		throw new NodeOperationError(
			this.getNode(),
			report.status === 'completed' ? `Report ${id} has no download link` : `Report ${id} is not completed yet: its status is "${String(report.status)}"`,
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
	const response = await downloadReportFile(this, report.downloadUrl, itemIndex);
	const stream = response.body as AsyncIterable<Uint8Array>;

	if (output === 'rows' && (format === 'json' || format === 'csv')) {
		const rows: IDataObject[] = [];
		try {
			const text = textOf(stream);
			const delimiter = String(options.delimiter || ',');
			const source = format === 'csv' ? csvObjects(text, delimiter === '\\t' ? '\t' : delimiter.charAt(0)) : jsonRows(text);
			for await (const row of source) rows.push(row);
		} catch (error) {
			(stream as { destroy?: () => void }).destroy?.();
			const reason = error instanceof RowsError ? error.message : `The file could not be read: ${(error as Error).message}`;
			throw new NodeOperationError(this.getNode(), `Report ${id} could not be split into rows`, {
				description: `${reason}. Download it as a file to look at it.`,
				itemIndex,
			});
		}
		return rows;
	}

	const fileName = fileNameOf(report);
	const binaryPropertyName = (this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string) || 'data';
	const binary = await this.helpers.prepareBinaryData(stream as never, fileName, mimeTypeOf(report, fileName));
	const { downloadUrl: _link, ...metadata } = report;
	return [{ json: metadata, binary: { [binaryPropertyName]: binary } }];
}
