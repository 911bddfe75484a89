import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const subscriptionId = idField('subscriptionId', 'Subscription ID', 'The ID of the subscription');

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['get'] } }, [
	subscriptionId,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('subscriptionId', itemIndex) as string;
	return await cloudBlueRequest(this, 'GET', itemPath('subscriptions', id), { itemIndex });
}
