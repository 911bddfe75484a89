import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { nothingToUpdate, pickedId, updateFieldsProperty } from '../common';
import { orderIdField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update an order',
	description: "Change an order's credit check or internal status code and return the updated order",
};

// OrderUpdate has only these two fields (SimpleAPI spec v1.15).
export const properties: INodeProperties[] = [
	orderIdField,
	updateFieldsProperty([
		{ displayName: 'Credit Check', name: 'creditCheck', type: 'boolean', default: true, description: "Whether the customer's credit is checked when the order is processed" },
		{ displayName: 'Status Code', name: 'statusCode', type: 'string', default: '', placeholder: 'e.g. CL', description: 'Internal status code of the order' },
	]),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'orderId', 'order');
	const fields = this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject;
	const body = nothingToUpdate(compact(fields), 'Add Credit Check or Status Code under Update Fields.');
	return await cloudBlueObject(item, 'PATCH', idPath('orders', id, 'Order ID'), { body });
}
