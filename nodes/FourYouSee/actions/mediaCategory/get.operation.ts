import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleMediaCategory, simplifyProperties } from '../../simplify';
import { fourYouSeeRequest } from '../../transport';
import { categoryIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a media category by ID',
	description: 'Get one media category by ID: its parent, children and carousel settings (sequence, shuffle, update flow)',
};

export const properties: INodeProperties[] = [categoryIdField, ...simplifyProperties()];

/** Returns `{id, name, description, parent, children, autoShuffle, updateFlow, sequence, carouselThumbnail}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'categoryId', 'Category');
	return asAsked(item, await fourYouSeeRequest(item, 'GET', idPath('medias/categories', id, 'Category ID')), simpleMediaCategory);
}
