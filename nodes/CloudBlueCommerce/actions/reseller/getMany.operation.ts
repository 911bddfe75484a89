import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { accountFilters, filtersOf, filtersProperty, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many resellers',
	description: 'List resellers, optionally only those matching a name, email or external ID',
};

// Resellers take the same name/email/externalId filters as customers (SimpleAPI spec v1.15, getResellers).
export const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty(accountFilters)];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/resellers', filtersOf(item));
}
