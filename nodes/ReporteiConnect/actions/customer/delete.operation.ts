import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest } from '../../transport';
import { customerIdField, idParameter } from '../common';

const properties: INodeProperties[] = [customerIdField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

/** The doc's cURL for this call is wrong; the path is DELETE /customers/{uuid} (research note). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerId', 'Customer ID', itemIndex);
	await reporteiRequest(this, 'DELETE', `/customers/${id}`, { itemIndex });
	return { deleted: true };
}
