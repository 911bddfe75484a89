import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getReport, reportIdOf } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Report ID',
		name: 'reportId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '522873',
		description: 'ID of the report, as returned by Create',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = reportIdOf(this.getNode(), this.getNodeParameter('reportId', itemIndex), itemIndex);
	return await getReport(this, id, itemIndex);
}
