import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import {
	applyNewsFields,
	contentField,
	endDateField,
	imageFields,
	NEWS_STATUSES,
	newsIdField,
	startDateField,
} from './fields';

const properties: INodeProperties[] = [
	newsIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
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

export const description = updateDisplayOptions({ show: { resource: ['news'], operation: ['update'] } }, properties);

/** Sends only the fields set; the docs' PUT example sends status, content and both dates. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/news', 'newsId', 'News ID', itemIndex);
	const body = applyNewsFields(this, {}, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'No field to update was set', 'Add at least one field under Update Fields.', itemIndex);
	}
	return await fourYouSeeRequest(this, 'PUT', path, { body, itemIndex });
}
