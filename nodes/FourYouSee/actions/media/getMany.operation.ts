import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { idList } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleMedia, simplifyProperties } from '../../simplify';
import { filtersProperty, idAndNameFilters, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many medias',
	description: 'List the content library (file, duration, categories, schedule), filtered by IDs, name or category',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty([
		{
			displayName: 'Category Names or IDs',
			name: 'categoryId',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getMediaCategories' },
			default: [],
			description:
				'Only medias in these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...idAndNameFilters('media', 'Medias', 'e.g. 2001, 2002'),
		{
			displayName: 'Include Metadata',
			name: 'metadata',
			type: 'boolean',
			default: false,
			description: 'Whether to add the poster, thumbnail and meta description of each media',
		},
	]),
];

/**
 * Filters `id`, `name`, `categoryId`, `metadata=true` and `sort`
 * (https://4yousee-suporte.github.io/endpoints/conteudos.html).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const medias = await listAll(item, '/medias', {
		id: idList(filters.id).join(','),
		name: filters.name,
		categoryId: idList(filters.categoryId).join(','),
		metadata: filters.metadata === true ? 'true' : undefined,
	});
	return asAsked(item, medias, simpleMedia);
}
