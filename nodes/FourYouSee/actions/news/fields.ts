import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonField, managerDateTime } from '../libraryHelpers';
import { uploadedFile } from '../media/fields';

export const newsIdField: INodeProperties = {
	displayName: 'News ID',
	name: 'newsId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID of the news entry',
};

export const NEWS_STATUSES = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Disapproved', value: 'disapproved' },
	{ name: 'Waiting', value: 'waiting' },
];

export const contentField: INodeProperties = {
	displayName: 'Content (JSON)',
	name: 'content',
	type: 'json',
	default: '{\n  "product": "Apple Juice",\n  "price": "2.50"\n}',
	description: 'The news fields as a JSON object; the keys are the variables of the news source\'s template',
};

export const startDateField: INodeProperties = {
	displayName: 'Start Date',
	name: 'startDate',
	type: 'dateTime',
	default: '',
	description: 'When the news starts showing, in the account\'s time zone',
};

export const endDateField: INodeProperties = {
	displayName: 'End Date',
	name: 'endDate',
	type: 'dateTime',
	default: '',
	description: 'When the news stops showing, in the account\'s time zone',
};

export const imageFields: INodeProperties[] = [
	{
		displayName: 'Image File Name',
		name: 'uploadFilename',
		type: 'string',
		default: '',
		description: 'With Image Upload ID: the filename Upload > Create returned',
	},
	{
		displayName: 'Image Upload ID',
		name: 'uploadId',
		type: 'string',
		default: '',
		description: 'An image staged with Upload > Create, shown with the news (needs Image File Name too)',
	},
];

/** Applies the set fields to a news body: dates as "2017-03-01 09:00:00", the image as `file: {id, filename}`. */
export function applyNewsFields(ctx: IExecuteFunctions, body: IDataObject, fields: IDataObject, itemIndex: number): IDataObject {
	const out = { ...body };
	if (fields.content !== undefined) out.content = jsonField(ctx, fields.content, 'Content (JSON)', 'object', itemIndex);
	if (fields.startDate !== undefined && fields.startDate !== '') out.startDate = managerDateTime(ctx, fields.startDate, 'Start Date', itemIndex);
	if (fields.endDate !== undefined && fields.endDate !== '') out.endDate = managerDateTime(ctx, fields.endDate, 'End Date', itemIndex);
	if (fields.newsourceId !== undefined && fields.newsourceId !== '') out.newsourceId = Number(fields.newsourceId);
	if (fields.status !== undefined) out.status = fields.status;
	if (fields.uploadId !== undefined || fields.uploadFilename !== undefined) {
		out.file = uploadedFile(ctx, fields.uploadId, fields.uploadFilename, itemIndex);
	}
	return out;
}
