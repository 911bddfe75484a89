import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteObject, pathFromParameter } from '../libraryHelpers';

const properties: INodeProperties[] = [
	{
		displayName: 'Upload ID',
		name: 'uploadId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of a staged file that is not yet a media',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['upload'], operation: ['delete'] } }, properties);

/** 204 on success; a missing upload answers 404 `{"message":"Upload file not found"}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/uploads', 'uploadId', 'Upload ID', itemIndex);
	return await deleteObject(this, path, itemIndex);
}
