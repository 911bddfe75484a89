import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { accountUpdateBody, accountUpdateFields } from '../account';
import { pickedId, pickerField } from '../common';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a customer',
	description: 'Change only the fields set of a customer (name, status, IDs, address, contact persons) and return the updated customer',
};

export const properties: INodeProperties[] = [pickerField('customer', 'customerId', 'The customer to update'), ...accountUpdateFields()];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'customerId', 'customer');
	return await cloudBlueObject(item, 'PATCH', idPath('customers', id, 'Customer ID'), { body: accountUpdateBody(item) });
}
