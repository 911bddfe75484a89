import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { categoryBody, createOptions } from './fields';

const properties: INodeProperties[] = [
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
		placeholder: 'Add Field',
		default: {},
		options: createOptions,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['mediaCategory'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		...categoryBody(this, fields, itemIndex),
		name: this.getNodeParameter('name', itemIndex) as string,
	};
	// On create, "no parent" is simply not sending one.
	if (body.parent === null) delete body.parent;
	return await fourYouSeeRequest(this, 'POST', '/medias/categories', { body, itemIndex });
}
