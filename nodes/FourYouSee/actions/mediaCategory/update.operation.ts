import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { categoryBody, categoryIdField, updateOptions } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a media category',
	description: 'Change a category (name, description, parent) or its carousel (sequence, shuffle, update flow); returns the category',
};

export const properties: INodeProperties[] = [
	categoryIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: updateOptions,
	},
];

/**
 * Every PUT field is optional (https://4yousee-suporte.github.io/endpoints/categorias.html): only
 * the fields set are sent.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const path = idPath('medias/categories', locatorValue(item, 'categoryId', 'Category'), 'Category ID');
	const body = categoryBody(this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject);
	if (Object.keys(body).length === 0) {
		throw new InputError('No field to update was set', 'Add at least one field under Update Fields.');
	}
	return await fourYouSeeRequest(item, 'PUT', path, { body });
}
