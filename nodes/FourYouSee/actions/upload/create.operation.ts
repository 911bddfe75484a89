import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { binaryPropertyField, uploadBinary } from './transfer';

export const option: OperationOption = {
	name: 'Create',
	action: 'Upload a file for a media or news image',
	description: 'Stage a binary file (.html, .zip, .mp3, .mp4, .png, .jpg) for a media or news image; returns its ID and file name',
};

export const properties: INodeProperties[] = [
	binaryPropertyField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'The name to upload the file under, instead of its own (keep the extension)',
			},
		],
	},
];

/** Stages a file; Media > Create (Uploaded File) or News > Create then use the returned `{id, filename}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', item.itemIndex) as string;
	const fields = this.getNodeParameter('additionalFields', item.itemIndex, {}) as IDataObject;
	return await uploadBinary(item, binaryPropertyName, fields.fileName as string | undefined);
}
