import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { idList } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { idLocator, locatorText } from '../../../shared/locators';
import { asAsked, simpleNewsSource, simplifyProperties } from '../../simplify';
import { filtersProperty, idAndNameFilters, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many news sources',
	description: 'List the news sources (RSS feeds and manual sources) with their template and approval settings',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty([
		...idAndNameFilters('news source', 'News sources', 'e.g. 34, 50'),
		{
			displayName: 'Inserts Content Automatically',
			name: 'insertContentAutomatically',
			type: 'options',
			options: [
				{ name: 'No', value: 0, description: 'Sources whose news are added by hand' },
				{ name: 'Yes', value: 1, description: 'Sources that add their news by themselves' },
			],
			default: 1,
			description: 'Whether the sources add their news to playlists by themselves',
		},
		{
			...idLocator({
				displayName: 'Template',
				name: 'template',
				description: 'News sources that use this template',
				searchListMethod: 'searchTemplates',
				idPlaceholder: 'e.g. 21',
				idPattern: '^\\s*[0-9]+\\s*$',
			}),
			required: false,
		},
	]),
];

/**
 * `GET /newsources` with filters `id`, `name`, `template`, `insertContentAutomatically` (1|0)
 * (https://4yousee-suporte.github.io/endpoints/fontes.html).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const template = locatorText(filters.template);
	const sources = await listAll(item, '/newsources', {
		id: idList(filters.id).join(','),
		name: filters.name,
		// A saved 0 was the old field's "no template filter".
		template: template !== '' && template !== '0' ? template : undefined,
		insertContentAutomatically: filters.insertContentAutomatically,
	});
	return asAsked(item, sources, simpleNewsSource);
}
