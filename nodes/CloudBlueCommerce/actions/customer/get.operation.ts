import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['get'] } },
	[idField('customerId', 'Customer ID', 'The ID of the customer to get')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('customerId', itemIndex) as string;
	return await cloudBlueRequest(this, 'GET', itemPath('customers', id), { itemIndex });
}
