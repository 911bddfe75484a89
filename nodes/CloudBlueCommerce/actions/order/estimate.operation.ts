import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { orderBody, orderFields } from './fields';

export const option: OperationOption = {
	name: 'Estimate',
	action: 'Estimate an order',
	description: 'Get the prices and total of an order without placing it (same fields as Create)',
};

export const properties: INodeProperties[] = orderFields;

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	return await cloudBlueObject(item, 'POST', '/orders/estimate', { body: orderBody(item) });
}
