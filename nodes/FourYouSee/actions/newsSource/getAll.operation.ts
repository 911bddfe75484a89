import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idList, returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{
			displayName: 'IDs',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: '34, 50',
			description: 'Comma-separated news source IDs',
		},
		{
			displayName: 'Inserts Content Automatically',
			name: 'insertContentAutomatically',
			type: 'options',
			options: [
				{ name: 'No', value: 0 },
				{ name: 'Yes', value: 1 },
			],
			default: 1,
			description: 'Whether the sources add their news to playlists by themselves',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'News sources whose name contains this text',
		},
		{
			displayName: 'Template ID',
			name: 'template',
			type: 'number',
			default: 0,
			description: 'News sources that use this template',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['newsSource'], operation: ['getAll'] } }, properties);

/** `GET /newsources` with filters `id`, `name`, `template`, `insertContentAutomatically` (1|0). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listAll(
		this,
		'/newsources',
		{
			id: idList(filters.id).join(','),
			name: filters.name,
			template: filters.template ? filters.template : undefined,
			insertContentAutomatically: filters.insertContentAutomatically,
			sort: filters.sort,
		},
		itemIndex,
	);
}
