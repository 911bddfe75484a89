import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifyOrder } from '../../simplify';
import { filtersOf, filtersProperty, listAll, orderDateFilters, orderFilters, simplified, simplifyProperties } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many orders',
	description: 'List orders, optionally filtered by customer, subscription, order number, status or creation time',
};

export const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty(orderFilters), ...simplifyProperties];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return simplified(item, await listAll(item, '/orders', filtersOf(item, orderDateFilters)), simplifyOrder);
}
