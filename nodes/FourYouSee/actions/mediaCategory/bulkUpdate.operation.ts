import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorText } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { bulkEntryOptions, categoryBody } from './fields';

export const option: OperationOption = {
	name: 'Bulk Update',
	action: 'Bulk update media categories',
	description: 'Change the name, description, parent or carousel sequence of several categories in one request; returns the categories'
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Categories',
		name: 'categories',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add category',
		default: {},
		description: 'The categories to change in one request; empty fields keep their current value',
		options: [{ displayName: 'Category', name: 'category', values: bulkEntryOptions }],
	},
];

/**
 * `PUT /medias/categories/bulk` with `{carouselItems: [{id, name?, description?, parent?, sequence?}]}`
 * (the Python client's `edit_multiple_categories`,
 * https://github.com/Alfareiza/4yousee/blob/ac832b2/fouryousee/fouryousee.py): one request per input
 * item. ASSUMPTION: the answer is not documented; it is returned as is, or
 * `{updated: true, carouselItems}` when empty.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject | IDataObject[]> {
	const entries = ((this.getNodeParameter('categories', item.itemIndex, {}) as IDataObject).category ?? []) as IDataObject[];
	if (entries.length === 0) {
		throw new InputError('No category to update', 'Add at least one category under Categories.');
	}
	const carouselItems = entries.map((entry, position) => {
		const id = Number(locatorText(entry.id));
		if (!Number.isInteger(id) || id <= 0) {
			throw new InputError(
				`Category ${position + 1} has no valid Category ID`,
				'Enter the numeric ID of each category to change (see Media Category > Get Many).',
			);
		}
		return { id, ...categoryBody(entry, false) };
	});
	const answer = await fourYouSeeRequest<unknown>(item, 'PUT', '/medias/categories/bulk', { body: { carouselItems } });
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer && typeof answer === 'object' && Object.keys(answer).length > 0) return answer as IDataObject;
	return { updated: true, carouselItems };
}
