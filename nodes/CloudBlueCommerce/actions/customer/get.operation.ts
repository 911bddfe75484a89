import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifyCustomer } from '../../simplify';
import { cloudBlueObject } from '../../transport';
import { pickedId, pickerField, simplified, simplifyProperties } from '../common';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a customer',
	description: 'Get one customer by ID: status, address, contact persons, external and tax IDs, owning reseller',
};

export const properties: INodeProperties[] = [pickerField('customer', 'customerId', 'The customer to get'), ...simplifyProperties];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'customerId', 'customer');
	return simplified(item, await cloudBlueObject(item, 'GET', idPath('customers', id, 'Customer ID')), simplifyCustomer);
}
