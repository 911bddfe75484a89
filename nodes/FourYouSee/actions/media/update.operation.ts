import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { applyMediaFields, categoryIdsField, durationField, mediaIdField, scheduleField, uploadedFile } from './fields';

const properties: INodeProperties[] = [
	mediaIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			categoryIdsField,
			durationField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'New File Name',
				name: 'uploadFilename',
				type: 'string',
				default: '',
				description: 'With New Upload ID: the filename Upload > Create returned for the replacement file',
			},
			{
				displayName: 'New Upload ID',
				name: 'uploadId',
				type: 'string',
				default: '',
				description: 'Replace the file: the ID Upload > Create returned (needs New File Name too)',
			},
			scheduleField,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['update'] } }, properties);

/** Sends only the fields set: the research's PUT example changes just the name (section 1, Medias). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/medias', 'mediaId', 'Media ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = applyMediaFields(this, {}, fields, itemIndex);
	if (fields.uploadId !== undefined || fields.uploadFilename !== undefined) {
		body.file = uploadedFile(this, fields.uploadId, fields.uploadFilename, itemIndex);
	}
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'No field to update was set', 'Add at least one field under Update Fields.', itemIndex);
	}
	return await fourYouSeeRequest(this, 'PUT', path, { body, itemIndex });
}
