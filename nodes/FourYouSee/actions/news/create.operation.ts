import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { idLocator, locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { applyNewsFields, contentField, endDateField, imageFields, startDateField } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a news entry in a news source',
	description: 'Add a news entry (content, display period, optional image) to a news source; returns the entry with its approval status',
};

export const properties: INodeProperties[] = [
	idLocator({
		displayName: 'News Source',
		name: 'newsourceId',
		description: 'The news source the entry belongs to; its template decides the keys of Content',
		searchListMethod: 'searchNewsSources',
		idPlaceholder: 'e.g. 50',
		idPattern: '^\\s*[0-9]+\\s*$',
	}),
	{ ...contentField, required: true },
	{ ...startDateField, required: true },
	{ ...endDateField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: imageFields,
	},
];

/**
 * `POST /news` with `{content, startDate, endDate, newsourceId, file?}`
 * (https://4yousee-suporte.github.io/endpoints/noticias.html).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const { itemIndex } = item;
	const newsourceId = locatorValue(item, 'newsourceId', 'News Source');
	if (!/^\d+$/.test(newsourceId) || Number(newsourceId) === 0) {
		throw new InputError(`News Source "${newsourceId}" is not a news source ID`, 'Pick the news source in the list, or enter its numeric ID (see News Source > Get Many).');
	}
	const fields: IDataObject = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		newsourceId,
		content: this.getNodeParameter('content', itemIndex, ''),
		startDate: this.getNodeParameter('startDate', itemIndex),
		endDate: this.getNodeParameter('endDate', itemIndex),
	};
	return await fourYouSeeRequest(item, 'POST', '/news', { body: await applyNewsFields(item, {}, fields) });
}
