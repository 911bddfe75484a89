import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, jsonValue, wallClockText } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { idLocator } from '../../../shared/locators';
import { uploadedFile, uploadIdField } from '../media/fields';

export const newsIdField: INodeProperties = idLocator({
	displayName: 'News',
	name: 'newsId',
	description: 'The news entry, picked from the list or by its ID',
	searchListMethod: 'searchNews',
	idPlaceholder: 'e.g. 479',
	idPattern: '^\\s*[0-9]+\\s*$',
});

export const NEWS_STATUSES = [
	{ name: 'Approved', value: 'approved', description: 'Shown on the players' },
	{ name: 'Disapproved', value: 'disapproved', description: 'Not shown' },
	{ name: 'Waiting', value: 'waiting', description: 'Waiting for approval' },
];

export const contentField: INodeProperties = {
	displayName: 'Content (JSON)',
	name: 'content',
	type: 'json',
	default: '',
	placeholder: 'e.g. {"product": "Orange juice", "price": "3.50"}',
	description: "The news fields as a JSON object; the keys are the variables of the news source's template",
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
		placeholder: 'e.g. 647600.jpeg',
		description: 'With Image Upload: the filename Upload > Create returned. Empty: looked up in the staged files.',
	},
	uploadIdField('Image Upload', 'An image staged with Upload > Create, shown with the news', false),
];

/**
 * Applies the set fields to a news body: the image as `file: {id, filename}`, dates as the Manager
 * writes them, "2017-03-01 09:00:00" (https://4yousee-suporte.github.io/endpoints/noticias.html).
 * ASSUMPTION: the Manager stores the account's wall-clock time, so the time is sent as written and
 * an offset from an expression is dropped, not converted (docs/fouryousee.md, Sources and assumptions).
 */
export async function applyNewsFields(item: ItemContext, body: IDataObject, fields: IDataObject): Promise<IDataObject> {
	const out = { ...body };
	if (fields.content !== undefined) {
		out.content = jsonValue(fields.content, 'Content (JSON)', 'object');
		if (Object.keys(out.content as IDataObject).length === 0) {
			throw new InputError('Content (JSON) is empty', "Enter the news fields as a JSON object, one key per variable of the news source's template.");
		}
	}
	if (fields.startDate !== undefined && fields.startDate !== '') out.startDate = wallClockText(fields.startDate, 'Start Date');
	if (fields.endDate !== undefined && fields.endDate !== '') out.endDate = wallClockText(fields.endDate, 'End Date');
	if (fields.newsourceId !== undefined && fields.newsourceId !== '') out.newsourceId = Number(fields.newsourceId);
	if (fields.status !== undefined) out.status = fields.status;
	if (fields.uploadId !== undefined || fields.uploadFilename !== undefined) {
		out.file = await uploadedFile(item, fields.uploadId, fields.uploadFilename);
	}
	return out;
}
