import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureOf } from '../../../shared/errors';
import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { binaryPropertyField, uploadBinary } from '../upload/transfer';
import { applyMediaFields, categoryIdsField, durationField, scheduleField, uploadedFile, uploadIdField } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Add a media to the content library',
	description: 'Add a file to the content library (uploading it from binary input if needed) with its categories, duration and schedule; returns the media',
};

export const properties: INodeProperties[] = [
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
		description: 'Where the file of the media comes from',
	},
	{ ...binaryPropertyField, displayOptions: { show: { source: ['binary'] } } },
	{
		...uploadIdField('Upload', 'A file staged with Upload > Create and not used yet', true),
		displayOptions: { show: { source: ['upload'] } },
	},
	{
		displayName: 'Upload File Name',
		name: 'uploadFilename',
		type: 'string',
		default: '',
		displayOptions: { show: { source: ['upload'] } },
		placeholder: 'e.g. summer-sale.mp4',
		description: 'The filename Upload > Create returned. Empty: looked up in the staged files (one more request).',
	},
	{ ...categoryIdsField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
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

/** The error of the media request, with what became of the file staged for it. */
function withStagedFile(error: unknown, note: string): unknown {
	if (error instanceof NodeApiError) error.description = [error.description, note].filter(Boolean).join(' ');
	return error;
}

/**
 * A media is a staged upload plus its library settings
 * (https://4yousee-suporte.github.io/endpoints/conteudos.html): from a binary input the file is
 * uploaded first (`POST /uploads`), then `POST /medias` gets the returned `{id, filename}`. If the
 * Manager refuses the media (a 4xx: nothing was created), the staged file is deleted again so a
 * corrected retry does not leave a stray upload behind.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const { itemIndex } = item;
	const source = this.getNodeParameter('source', itemIndex) as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const categoryIds = this.getNodeParameter('categoryIds', itemIndex, []) as IDataObject[string];
	const base = applyMediaFields(
		{ name: this.getNodeParameter('name', itemIndex) as string },
		{ categoryIds, duration: fields.duration, schedule: fields.schedule },
	);
	if (!Array.isArray(base.categories) || base.categories.length === 0) {
		throw new InputError(
			'Category Names or IDs is empty',
			'A media must belong to at least one category: enter its ID (see Media Category > Get Many).',
		);
	}
	if (source === 'upload') {
		const file = await uploadedFile(item, this.getNodeParameter('uploadId', itemIndex), this.getNodeParameter('uploadFilename', itemIndex, ''));
		return await fourYouSeeRequest(item, 'POST', '/medias', { body: { ...base, file } });
	}
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const file = await uploadBinary(item, binaryPropertyName, fields.fileName as string | undefined);
	try {
		return await fourYouSeeRequest(item, 'POST', '/medias', { body: { ...base, file: { id: file.id, filename: file.filename } } });
	} catch (error) {
		const status = failureOf(error)?.status;
		if (status === 429) {
			// Still rate limited after the retries: nothing was created, and a delete would be refused too.
			throw withStagedFile(
				error,
				`The file stays staged under Uploads as ${file.id} (${file.filename}): create the media from it with File Source "Uploaded File".`,
			);
		}
		if (status === undefined || status < 400 || status >= 500) {
			// No answer, or a server error: the media may exist now, so the staged file is kept.
			throw withStagedFile(
				error,
				`The file was staged under Uploads as ${file.id} (${file.filename}): check the content library before running this again, the media may have been created.`,
			);
		}
		let note: string;
		try {
			await fourYouSeeRequest(item, 'DELETE', idPath('uploads', file.id, 'Upload ID'));
			note = 'The file uploaded for it was removed again.';
		} catch {
			note = `The file stays staged under Uploads as ${file.id} (${file.filename}).`;
		}
		throw withStagedFile(error, note);
	}
}
