import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { filtersOf, filtersProperty, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many products',
	description: 'List the products of the catalog you may sell, with MPN, vendor, quantities and prices, optionally filtered by name, service, MPN or vendor',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{
			displayName: 'MPN',
			name: 'mpn',
			type: 'string',
			default: '',
			placeholder: 'e.g. d903a2db-bf6f-4434-83f1-21ba44017813_ANNUAL',
			description: 'Only the product with this Manufacturer Part Number',
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Office 365 E1', description: 'Only products with this name' },
		{ displayName: 'Service Name', name: 'serviceName', type: 'string', default: '', placeholder: 'e.g. O365_APS2', description: 'Only products of this service' },
		{ displayName: 'Vendor', name: 'vendor', type: 'string', default: '', placeholder: 'e.g. NewVendor1', description: 'Only products of this manufacturer (its ID)' },
	]),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/products', filtersOf(item));
}
