import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, integerList, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { idLocator, locatorText } from '../../../shared/locators';
import { FOURYOUSEE, fourYouSeeList } from '../../transport';

export const mediaIdField: INodeProperties = idLocator({
	displayName: 'Media',
	name: 'mediaId',
	description: 'The media in the content library, picked from the list or by its ID',
	searchListMethod: 'searchMedias',
	idPlaceholder: 'e.g. 2001',
	idPattern: '^\\s*[0-9]+\\s*$',
});

export const categoryIdsField: INodeProperties = {
	displayName: 'Category Names or IDs',
	name: 'categoryIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getMediaCategories' },
	default: [],
	description:
		'The media categories the media belongs to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The staged file of an Upload > Create, picked from the uploads list. */
export function uploadIdField(displayName: string, description: string, required: boolean): INodeProperties {
	return {
		...idLocator({ displayName, name: 'uploadId', description, searchListMethod: 'searchUploads', idPlaceholder: 'e.g. 8e5e3ba750d619d6b827a96351ae33e9' }),
		required,
	};
}

export const durationField: INodeProperties = {
	displayName: 'Duration (Seconds)',
	name: 'duration',
	type: 'number',
	default: 10,
	typeOptions: { minValue: 1 },
	description: 'How long the media plays; used for images and HTML only (videos play their own length)',
};

export const scheduleField: INodeProperties = {
	displayName: 'Schedule (JSON)',
	name: 'schedule',
	type: 'json',
	default: '',
	placeholder: 'e.g. {"startDate": "2026-01-01", "endDate": "2026-06-30", "times": [{"startTime": "08:00", "endTime": "18:00", "weekDays": [1, 2, 3, 4, 5]}]}',
	description:
		'When the media may play: startDate and endDate (YYYY-MM-DD, each optional), and times with startTime, endTime (HH:MM) and weekDays (0 = Sunday). Empty sets no schedule: the media always plays.',
};

/** The fields PUT and POST share, applied to a body. */
export function applyMediaFields(body: IDataObject, fields: IDataObject): IDataObject {
	const out = { ...body };
	if (fields.name !== undefined && fields.name !== '') out.name = fields.name;
	if (fields.categoryIds !== undefined && String(fields.categoryIds).trim() !== '') {
		out.categories = integerList(fields.categoryIds, 'Category IDs');
	}
	if (fields.duration !== undefined) out.duration = fields.duration;
	if (fields.schedule !== undefined && String(fields.schedule).trim() !== '') {
		out.schedule = jsonValue(fields.schedule, 'Schedule (JSON)', 'object');
	}
	return out;
}

/**
 * `file` as POST /uploads returned it, `{id, filename}`: both go back to the Manager. Without a file
 * name, the upload is looked up in `GET /uploads` (page by page, one request per second).
 */
export async function uploadedFile(item: ItemContext, id: unknown, filename: unknown): Promise<IDataObject> {
	const fileId = locatorText(id);
	const name = String(filename ?? '').trim();
	if (fileId === '') {
		throw new InputError('The Upload is empty', 'Pick a staged file in Upload, or enter the id an Upload > Create returned.');
	}
	if (name !== '') return { id: fileId, filename: name };
	const uploads = await fourYouSeeList(item, '/uploads', {}, { returnAll: true, pageSize: FOURYOUSEE.pageSize });
	const found = uploads.find((upload) => String(upload.id) === fileId);
	if (!found || typeof found.filename !== 'string') {
		throw new InputError(
			`Upload ${fileId} is not among the staged files`,
			'Check the Upload: Upload > Get Many lists the staged files, and a file stops being staged once a media or news entry uses it. Or enter its File Name too.',
		);
	}
	return { id: fileId, filename: found.filename };
}
