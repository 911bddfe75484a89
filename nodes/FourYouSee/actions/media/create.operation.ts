import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathSegment } from '../../../shared/http';
import { errorStatus, withNote } from '../libraryHelpers';
import { binaryPropertyField, uploadBinary } from '../upload/transfer';
import { applyMediaFields, categoryIdsField, durationField, scheduleField, uploadedFile } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of the media in the content library',
	},
	{
		displayName: 'File Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary Input', value: 'binary', description: 'Upload the file of the input item first' },
			{ name: 'Uploaded File', value: 'upload', description: 'Use a file already staged with Upload > Create' },
		],
		default: 'binary',
	},
	{ ...binaryPropertyField, displayOptions: { show: { source: ['binary'] } } },
	{
		displayName: 'Upload ID',
		name: 'uploadId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { source: ['upload'] } },
		description: 'The ID Upload > Create returned',
	},
	{
		displayName: 'Upload File Name',
		name: 'uploadFilename',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { source: ['upload'] } },
		description: 'The filename Upload > Create returned',
	},
	{ ...categoryIdsField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			durationField,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				displayOptions: { show: { '/source': ['binary'] } },
				description: 'The name to upload the binary file under, instead of its own',
			},
			scheduleField,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['create'] } }, properties);

/**
 * A media is a staged upload plus its library settings (research section 1, Medias): from a binary
 * input the file is uploaded first (`POST /uploads`), then `POST /medias` gets the returned
 * `{id, filename}`. If the Manager refuses the media (a 4xx: nothing was created), the staged file
 * is deleted again so a corrected retry does not leave a stray upload behind.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = this.getNodeParameter('source', itemIndex) as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const categoryIds = this.getNodeParameter('categoryIds', itemIndex, '') as string;
	const base = applyMediaFields(
		this,
		{ name: this.getNodeParameter('name', itemIndex) as string },
		{ categoryIds, duration: fields.duration, schedule: fields.schedule },
		itemIndex,
	);
	if (!Array.isArray(base.categories) || base.categories.length === 0) {
		throw inputError(this.getNode(), 'Category IDs is empty', 'A media must belong to at least one category: enter its ID (see Media Category > Get Many).', itemIndex);
	}
	if (source === 'upload') {
		const file = uploadedFile(
			this,
			this.getNodeParameter('uploadId', itemIndex),
			this.getNodeParameter('uploadFilename', itemIndex),
			itemIndex,
		);
		return await fourYouSeeRequest(this, 'POST', '/medias', { body: { ...base, file }, itemIndex });
	}
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await uploadBinary(this, itemIndex, binaryPropertyName, fields.fileName as string | undefined);
	try {
		return await fourYouSeeRequest(this, 'POST', '/medias', {
			body: { ...base, file: { id: file.id, filename: file.filename } },
			itemIndex,
		});
	} catch (error) {
		const status = errorStatus(error);
		if (status === 429) {
			// Still rate limited after the retries: nothing was created, and a delete would be refused too.
			throw withNote(error, `The file stays staged under Uploads as ${file.id} (${file.filename}): create the media from it with File Source "Uploaded File".`);
		}
		if (status === undefined || status < 400 || status >= 500) {
			// No answer, or a server error: the media may exist now, so the staged file is kept.
			throw withNote(
				error,
				`The file was staged under Uploads as ${file.id} (${file.filename}): check the content library before running this again, the media may have been created.`,
			);
		}
		let note: string;
		try {
			await fourYouSeeRequest(this, 'DELETE', `/uploads/${pathSegment(file.id)}`, { itemIndex });
			note = 'The file uploaded for it was removed again.';
		} catch {
			note = `The file stays staged under Uploads as ${file.id} (${file.filename}).`;
		}
		throw withNote(error, note);
	}
}
