import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idList, returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, keepMatching, listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{
			displayName: 'IDs',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: '1, 24',
			description: 'Comma-separated category IDs',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Categories whose name contains this text',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['mediaCategory'], operation: ['getAll'] } }, properties);

/** The research lists no category filters: `id`/`name` are sent and also checked on what comes back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const ids = idList(filters.id);
	const categories = await listAll(
		this,
		'/medias/categories',
		{ id: ids.join(','), name: filters.name, sort: filters.sort },
		itemIndex,
	);
	return keepMatching(categories, ids, String(filters.name ?? ''));
}
