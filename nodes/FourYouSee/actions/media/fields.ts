import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { jsonField, numberList } from '../libraryHelpers';

export const mediaIdField: INodeProperties = {
	displayName: 'Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID of the media in the content library',
};

export const categoryIdsField: INodeProperties = {
	displayName: 'Category IDs',
	name: 'categoryIds',
	type: 'string',
	default: '',
	placeholder: '1, 24',
	description: 'Comma-separated IDs of the media categories the media belongs to',
};

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
	default: '{\n  "startDate": "2026-01-01",\n  "endDate": "2026-12-31",\n  "times": [{ "startTime": "08:00", "endTime": "18:00", "weekDays": [1, 2, 3, 4, 5] }]\n}',
	description: 'When the media may play: startDate, endDate and times with startTime, endTime and weekDays',
};

/** The fields PUT and POST share, applied to a body. */
export function applyMediaFields(ctx: IExecuteFunctions, body: IDataObject, fields: IDataObject, itemIndex: number): IDataObject {
	const out = { ...body };
	if (fields.name !== undefined && fields.name !== '') out.name = fields.name;
	if (fields.categoryIds !== undefined && String(fields.categoryIds).trim() !== '') {
		out.categories = numberList(ctx, fields.categoryIds, 'Category IDs', itemIndex);
	}
	if (fields.duration !== undefined) out.duration = fields.duration;
	if (fields.schedule !== undefined) out.schedule = jsonField(ctx, fields.schedule, 'Schedule (JSON)', 'object', itemIndex);
	return out;
}

/** `file` as POST /uploads returned it: both the ID and the file name are needed. */
export function uploadedFile(ctx: IExecuteFunctions, id: unknown, filename: unknown, itemIndex: number): IDataObject {
	const fileId = String(id ?? '').trim();
	const name = String(filename ?? '').trim();
	if (fileId === '' || name === '') {
		throw inputError(
			ctx.getNode(),
			'The uploaded file needs both its Upload ID and its File Name',
			'Use the id and filename an Upload > Create (or Get Many) returned.',
			itemIndex,
		);
	}
	return { id: fileId, filename: name };
}
