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
			placeholder: '2, 5',
			description: 'Comma-separated player IDs',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Players whose name contains this text',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['player'], operation: ['getAll'] } }, properties);

/**
 * The research lists no filters for `GET /players`; `id` and `name` follow the convention of the
 * other Manager lists (medias, templates, news sources) and are also applied to what comes back,
 * so the output matches even if the Manager ignores them (assumption, docs/fouryousee.md, Library resources).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const ids = idList(filters.id);
	const players = await listAll(
		this,
		'/players',
		{ id: ids.join(','), name: filters.name, sort: filters.sort },
		itemIndex,
	);
	return keepMatching(players, ids, String(filters.name ?? ''));
}
