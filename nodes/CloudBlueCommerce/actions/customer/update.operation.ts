import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountUpdateBody, accountUpdateFields } from '../account';
import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	[idField('customerId', 'Customer ID', 'The ID of the customer to update'), ...accountUpdateFields()],
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('customerId', itemIndex) as string;
	return await cloudBlueRequest(this, 'PATCH', itemPath('customers', id), { body: accountUpdateBody(this, itemIndex), itemIndex });
}
