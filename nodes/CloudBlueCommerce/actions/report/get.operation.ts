import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { getReport } from './report';

export const reportId = idField('reportId', 'Report ID', 'The ID (UUID) of the rated data report');

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['report'], operation: ['get'] } }, [reportId]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await getReport(this, this.getNodeParameter('reportId', itemIndex) as string, itemIndex);
}
