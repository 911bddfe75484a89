import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountCreateBody, accountCreateFields } from '../account';
import { cloudBlueRequest } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['reseller'], operation: ['create'] } },
	accountCreateFields('reseller'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueRequest(this, 'POST', '/resellers', { body: accountCreateBody(this, itemIndex, 'reseller'), itemIndex });
}
