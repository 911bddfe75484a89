import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleMediaCategory, simplifyProperties } from '../../simplify';
import { filtersProperty, idAndNameFilters, listByIdAndName } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many media categories',
	description: 'List the media categories (folders of medias) with their parent and carousel settings, filtered by IDs or name',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty(idAndNameFilters('category', 'Categories', 'e.g. 301, 302')),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return asAsked(item, await listByIdAndName(item, '/medias/categories'), simpleMediaCategory);
}
