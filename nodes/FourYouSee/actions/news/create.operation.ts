import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { applyNewsFields, contentField, endDateField, imageFields, startDateField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'News Source ID',
		name: 'newsourceId',
		type: 'number',
		default: 0,
		required: true,
		description: 'The news source the entry belongs to (see News Source > Get Many)',
	},
	{ ...contentField, required: true },
	{ ...startDateField, required: true },
	{ ...endDateField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: imageFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['news'], operation: ['create'] } }, properties);

/** `POST /news` with `{content, startDate, endDate, newsourceId, file?}` (research section 1, News). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields: IDataObject = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		newsourceId: this.getNodeParameter('newsourceId', itemIndex),
		content: this.getNodeParameter('content', itemIndex),
		startDate: this.getNodeParameter('startDate', itemIndex),
		endDate: this.getNodeParameter('endDate', itemIndex),
	};
	if (!(Number(fields.newsourceId) > 0)) {
		throw inputError(this.getNode(), 'News Source ID is required', 'Enter the ID of the news source (see News Source > Get Many).', itemIndex);
	}
	const body = applyNewsFields(this, {}, fields, itemIndex);
	return await fourYouSeeRequest(this, 'POST', '/news', { body, itemIndex });
}
