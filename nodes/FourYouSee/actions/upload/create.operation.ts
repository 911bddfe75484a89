import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryPropertyField, uploadBinary } from './transfer';

const properties: INodeProperties[] = [
	binaryPropertyField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
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

export const description = updateDisplayOptions({ show: { resource: ['upload'], operation: ['create'] } }, properties);

/** Stages a file; Media > Create (Uploaded File) or News > Create then use the returned `{id, filename}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return await uploadBinary(this, itemIndex, binaryPropertyName, fields.fileName as string | undefined);
}
