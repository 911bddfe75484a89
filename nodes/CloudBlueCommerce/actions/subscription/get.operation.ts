import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifySubscription } from '../../simplify';
import { cloudBlueObject } from '../../transport';
import { pickedId, simplified, simplifyProperties } from '../common';
import { subscriptionIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a subscription',
	description: 'Get one subscription by ID: status, dates, billing and subscription periods, prices and product lines with quantities',
};

export const properties: INodeProperties[] = [subscriptionIdField, ...simplifyProperties];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'subscriptionId', 'subscription');
	return simplified(item, await cloudBlueObject(item, 'GET', idPath('subscriptions', id, 'Subscription ID')), simplifySubscription);
}
