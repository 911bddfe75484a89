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
			placeholder: '1, 3',
			description: 'Comma-separated playlist IDs',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Playlists whose name contains this text',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['getAll'] } }, properties);

/** Like players, the research lists no playlist filters: `id`/`name` are sent and also checked here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const ids = idList(filters.id);
	const playlists = await listAll(
		this,
		'/playlists',
		{ id: ids.join(','), name: filters.name, sort: filters.sort },
		itemIndex,
	);
	return keepMatching(playlists, ids, String(filters.name ?? ''));
}
