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
			placeholder: '3, 7',
			description: 'Comma-separated template IDs',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Templates whose name contains this text',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'SWF', value: 'swf' },
				{ name: 'ZIP', value: 'zip' },
			],
			default: 'zip',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['template'], operation: ['getAll'] } }, properties);

/** `GET /templates` with filters `id`, `name`, `type` (zip|swf); items `{id, name, width, height, type}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listAll(
		this,
		'/templates',
		{ id: idList(filters.id).join(','), name: filters.name, type: filters.type, sort: filters.sort },
		itemIndex,
	);
}
