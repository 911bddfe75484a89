import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { idList } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { filtersProperty, idAndNameFilters, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many templates',
	description: 'List the news templates (name, size, ZIP or SWF type), filtered by IDs, name or type',
};

/** Templates answer `{id, name, width, height, type}` (templates.md). ASSUMPTION: all of them sort. */
const TEMPLATE_SORT_FIELDS = [
	{ name: 'Height', value: 'height' },
	{ name: 'ID', value: 'id' },
	{ name: 'Name', value: 'name' },
	{ name: 'Width', value: 'width' },
];

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		...idAndNameFilters('template', 'Templates', 'e.g. 21, 22'),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'SWF', value: 'swf', description: 'Flash templates' },
				{ name: 'ZIP', value: 'zip', description: 'HTML5 templates' },
			],
			default: 'zip',
			description: 'Only templates of this type',
		},
	], TEMPLATE_SORT_FIELDS),
];

/** `GET /templates` with filters `id`, `name`, `type` (zip|swf); items `{id, name, width, height, type}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	return await listAll(item, '/templates', { id: idList(filters.id).join(','), name: filters.name, type: filters.type });
}
