import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest, unwrap } from '../../transport';
import { customerIdField, idParameter } from '../common';

export const option: OperationOption = {
	name: 'Update',
	action: 'Rename a customer',
	description: 'Change the name of a customer (the only field Connect lets you change) and return the customer',
};

export const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Padaria Pão Quente Ltda',
		description: 'The new customer name (the only field Connect lets you change)',
	},
];

/**
 * "200 OK with the current JSON representation of the customer", without an example
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md): an answer without
 * the customer gives what was changed.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerId', 'Customer');
	const name = String(this.getNodeParameter('name', item.itemIndex)).trim();
	const customer = unwrap(await reporteiRequest(item, 'PUT', `/customers/${id}`, { body: { name } }), 'customer');
	return customer.uuid === undefined ? { uuid: decodeURIComponent(id), name, ...customer } : customer;
}
