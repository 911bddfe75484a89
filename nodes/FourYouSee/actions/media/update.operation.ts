import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { applyMediaFields, categoryIdsField, durationField, mediaIdField, scheduleField, uploadedFile, uploadIdField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a media',
	description: "Change a media's name, categories, duration, schedule or file; fields not set keep their value. Returns the media.",
};

export const properties: INodeProperties[] = [
	mediaIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			categoryIdsField,
			durationField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name of the media' },
			{
				displayName: 'New File Name',
				name: 'uploadFilename',
				type: 'string',
				default: '',
				placeholder: 'e.g. summer-sale-v2.mp4',
				description: 'With New Upload: the filename Upload > Create returned. Empty: looked up in the staged files.',
			},
			uploadIdField('New Upload', 'Replace the file with one staged with Upload > Create', false),
			scheduleField,
		],
	},
];

/**
 * Sends only the fields set: the documented PUT example changes just the name
 * (https://4yousee-suporte.github.io/endpoints/conteudos.html).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const path = idPath('medias', locatorValue(item, 'mediaId', 'Media'), 'Media ID');
	const fields = this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject;
	const body = applyMediaFields({}, fields);
	if (fields.uploadId !== undefined || fields.uploadFilename !== undefined) {
		body.file = await uploadedFile(item, fields.uploadId, fields.uploadFilename);
	}
	if (Object.keys(body).length === 0) {
		throw new InputError('No field to update was set', 'Add at least one field under Update Fields.');
	}
	return await fourYouSeeRequest(item, 'PUT', path, { body });
}
