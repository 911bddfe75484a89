import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';
import { customerIdField, idParameter } from '../common';

const properties: INodeProperties[] = [customerIdField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerId', 'Customer ID', itemIndex);
	return unwrap(await reporteiRequest(this, 'GET', `/customers/${id}`, { itemIndex }), 'customer');
}
