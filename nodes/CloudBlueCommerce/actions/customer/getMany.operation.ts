import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifyCustomer } from '../../simplify';
import { accountFilters, filtersOf, filtersProperty, listAll, pickerField, simplified, simplifyProperties } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many customers',
	description: 'List customers, optionally only those matching a name, email, external ID or reseller',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([...accountFilters, pickerField('reseller', 'resellerId', 'Only customers of this reseller', false)]),
	...simplifyProperties,
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return simplified(item, await listAll(item, '/customers', filtersOf(item)), simplifyCustomer);
}
