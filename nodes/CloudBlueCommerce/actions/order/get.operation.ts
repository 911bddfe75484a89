import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const orderId = idField('orderId', 'Order ID', 'The ID of the order');

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['order'], operation: ['get'] } }, [orderId]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('orderId', itemIndex) as string;
	return await cloudBlueRequest(this, 'GET', itemPath('orders', id), { itemIndex });
}
