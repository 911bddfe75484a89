import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { deleteObject } from '../common';
import { newsIdField } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a news entry',
	description: 'Delete a news entry by ID; returns {deleted: true}',
};

export const properties: INodeProperties[] = [newsIdField];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'newsId', 'News');
	return await deleteObject(item, idPath('news', id, 'News ID'));
}
