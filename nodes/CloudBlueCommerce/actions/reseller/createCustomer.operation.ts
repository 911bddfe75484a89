import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountCreateBody, accountCreateFields } from '../account';
import { resellerId } from './get.operation';
import { cloudBlueRequest, itemPath } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['reseller'], operation: ['createCustomer'] } },
	[resellerId, ...accountCreateFields('customer')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('resellerId', itemIndex) as string;
	return await cloudBlueRequest(this, 'POST', itemPath('resellers', id, 'customers'), {
		body: accountCreateBody(this, itemIndex, 'customer'),
		itemIndex,
	});
}
