import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderBody, orderFields } from './body';
import { cloudBlueRequest } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['order'], operation: ['create'] } }, orderFields);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueRequest(this, 'POST', '/orders', { body: orderBody(this, itemIndex), itemIndex });
}
