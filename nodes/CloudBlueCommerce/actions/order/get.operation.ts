import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifyOrder } from '../../simplify';
import { cloudBlueObject } from '../../transport';
import { pickedId, simplified, simplifyProperties } from '../common';
import { orderIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get an order',
	description: 'Get one order by ID: number, type, status, customer, product lines and total',
};

export const properties: INodeProperties[] = [orderIdField, ...simplifyProperties];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'orderId', 'order');
	return simplified(item, await cloudBlueObject(item, 'GET', idPath('orders', id, 'Order ID')), simplifyOrder);
}
