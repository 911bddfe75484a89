import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import {
	applyNewsFields,
	contentField,
	endDateField,
	imageFields,
	NEWS_STATUSES,
	newsIdField,
	startDateField,
} from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a news entry',
	description: 'Change a news entry (content, display period, image) or approve or disapprove it; returns the entry',
};

export const properties: INodeProperties[] = [
	newsIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			contentField,
			endDateField,
			...imageFields,
			startDateField,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: NEWS_STATUSES,
				default: 'approved',
				description: 'Approve or disapprove the news',
			},
		],
	},
];

/** Sends only the fields set; the documented PUT example sends status, content and both dates. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const path = idPath('news', locatorValue(item, 'newsId', 'News'), 'News ID');
	const body = await applyNewsFields(item, {}, this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject);
	if (Object.keys(body).length === 0) {
		throw new InputError('No field to update was set', 'Add at least one field under Update Fields.');
	}
	return await fourYouSeeRequest(item, 'PUT', path, { body });
}
