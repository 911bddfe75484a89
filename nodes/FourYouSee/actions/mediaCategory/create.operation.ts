import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { categoryBody, createOptions } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a media category',
	description: 'Create a media category, or a subcategory of another; returns the category',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of the category (a folder of medias)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: createOptions,
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', item.itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		...categoryBody(fields),
		name: this.getNodeParameter('name', item.itemIndex) as string,
	};
	// On create, "no parent" is simply not sending one.
	if (body.parent === null) delete body.parent;
	return await fourYouSeeRequest(item, 'POST', '/medias/categories', { body });
}
