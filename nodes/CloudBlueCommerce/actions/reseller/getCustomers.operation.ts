import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { accountFilters, filtersOf, filtersProperty, listAll, pickedId } from '../common';
import { resellerIdField } from './fields';

export const option: OperationOption = {
	name: 'Get Customers',
	action: 'Get customers of a reseller',
	description: "List a reseller's customers, optionally only those matching a name, email or external ID",
};

export const properties: INodeProperties[] = [resellerIdField, ...returnAllOrLimit({}), filtersProperty(accountFilters)];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const id = pickedId(item, 'resellerId', 'reseller');
	return await listAll(item, idPath('resellers', id, 'Reseller ID', 'customers'), filtersOf(item));
}
