import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idList, returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{
			displayName: 'Category IDs',
			name: 'categoryId',
			type: 'string',
			default: '',
			placeholder: '1, 24',
			description: 'Only medias in these categories (comma-separated IDs)',
		},
		{
			displayName: 'IDs',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: '5, 6',
			description: 'Comma-separated media IDs',
		},
		{
			displayName: 'Include Metadata',
			name: 'metadata',
			type: 'boolean',
			default: false,
			description: 'Whether to add the poster, thumbnail and meta description of each media',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Medias whose name contains this text',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['getAll'] } }, properties);

/** Filters `id`, `name`, `categoryId`, `metadata=true` and `sort` (research section 1, Medias). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listAll(
		this,
		'/medias',
		{
			id: idList(filters.id).join(','),
			name: filters.name,
			categoryId: idList(filters.categoryId).join(','),
			metadata: filters.metadata === true ? 'true' : undefined,
			sort: filters.sort,
		},
		itemIndex,
	);
}
