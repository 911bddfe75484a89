import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { orderBody, orderFields } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create an order',
	description: 'Place an order of products for a customer (sales, change, renewal, cancellation or migration) and return it with its ID, number and status',
};

export const properties: INodeProperties[] = orderFields;

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	return await cloudBlueObject(item, 'POST', '/orders', { body: orderBody(item) });
}
