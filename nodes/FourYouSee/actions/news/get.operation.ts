import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleNews, simplifyProperties } from '../../simplify';
import { fourYouSeeRequest } from '../../transport';
import { newsIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a news entry by ID',
	description: 'Get one news entry by ID: its content, display period, status, news source and image',
};

export const properties: INodeProperties[] = [newsIdField, ...simplifyProperties()];

/** Like the list entry, plus the content `hash`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'newsId', 'News');
	return asAsked(item, await fourYouSeeRequest(item, 'GET', idPath('news', id, 'News ID')), simpleNews);
}
