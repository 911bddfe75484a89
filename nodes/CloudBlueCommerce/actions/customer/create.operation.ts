import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountCreateBody, accountCreateFields } from '../account';
import { cloudBlueRequest } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['create'] } },
	accountCreateFields('customer'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueRequest(this, 'POST', '/customers', { body: accountCreateBody(this, itemIndex, 'customer'), itemIndex });
}
