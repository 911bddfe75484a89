import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { bulkEntryOptions, categoryBody } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Categories',
		name: 'categories',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Category',
		default: {},
		description: 'The categories to change in one request; empty fields keep their current value',
		options: [{ displayName: 'Category', name: 'category', values: bulkEntryOptions }],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['mediaCategory'], operation: ['bulkUpdate'] } }, properties);

/**
 * `PUT /medias/categories/bulk` with `{carouselItems: [{id, name?, description?, parent?, sequence?}]}`
 * (research section 1, fouryousee.py `edit_multiple_categories`): one request per input item.
 * The answer is not documented: it is returned as is, or `{updated: true, carouselItems}` when empty.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]> {
	const entries = ((this.getNodeParameter('categories', itemIndex, {}) as IDataObject).category ?? []) as IDataObject[];
	if (entries.length === 0) {
		throw inputError(this.getNode(), 'No category to update', 'Add at least one category under Categories.', itemIndex);
	}
	const carouselItems = entries.map((entry, position) => {
		const id = Number(String(entry.id ?? '').trim());
		if (!Number.isInteger(id) || id <= 0) {
			throw inputError(
				this.getNode(),
				`Category ${position + 1} has no valid Category ID`,
				'Enter the numeric ID of each category to change (see Media Category > Get Many).',
				itemIndex,
			);
		}
		return { id, ...categoryBody(this, entry, itemIndex, false) };
	});
	const answer = await fourYouSeeRequest<unknown>(this, 'PUT', '/medias/categories/bulk', {
		body: { carouselItems },
		itemIndex,
	});
	if (Array.isArray(answer)) return answer as IDataObject[];
	if (answer && typeof answer === 'object' && Object.keys(answer).length > 0) return answer as IDataObject;
	return { updated: true, carouselItems };
}
