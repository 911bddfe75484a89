import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { categoryBody, categoryIdField, updateOptions } from './fields';

const properties: INodeProperties[] = [
	categoryIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updateOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['mediaCategory'], operation: ['update'] } }, properties);

/** Every PUT field is optional (unofficial docs, categorias.md): only the fields set are sent. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/medias/categories', 'categoryId', 'Category ID', itemIndex);
	const body = categoryBody(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'No field to update was set', 'Add at least one field under Update Fields.', itemIndex);
	}
	return await fourYouSeeRequest(this, 'PUT', path, { body, itemIndex });
}
