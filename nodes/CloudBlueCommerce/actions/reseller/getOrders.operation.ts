import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { filtersOf, filtersProperty, listAll, orderDateFilters, orderFilters, pickedId } from '../common';
import { resellerIdField } from './fields';

export const option: OperationOption = {
	name: 'Get Orders',
	action: 'Get orders of a reseller',
	description: "List the orders of a reseller's customers, optionally filtered by customer, subscription, status or creation time",
};

export const properties: INodeProperties[] = [resellerIdField, ...returnAllOrLimit({}), filtersProperty(orderFilters)];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const id = pickedId(item, 'resellerId', 'reseller');
	return await listAll(item, idPath('resellers', id, 'Reseller ID', 'orders'), filtersOf(item, orderDateFilters));
}
