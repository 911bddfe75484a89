import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idList, returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, jsonField, listAll, managerDate } from '../libraryHelpers';
import { NEWS_STATUSES } from './fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{
			displayName: 'Content (JSON)',
			name: 'content',
			type: 'json',
			default: '{}',
			description: 'News whose content matches these fields, for example {"product": "Juice"}',
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'News that end by this date',
		},
		{
			displayName: 'News Source IDs',
			name: 'newsourceId',
			type: 'string',
			default: '',
			placeholder: '34, 50',
			description: 'Comma-separated news source IDs',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: 'News that start from this date',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: NEWS_STATUSES,
			default: 'waiting',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['news'], operation: ['getAll'] } }, properties);

/**
 * Filters `newsourceId`, `startDate`, `endDate`, `content` and `status` (research section 1, News).
 * Dates go as "2019-05-27", the form of the unofficial docs' example URL; content as JSON text.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const content =
		filters.content === undefined ? {} : (jsonField(this, filters.content, 'Content (JSON)', 'object', itemIndex) as IDataObject);
	return await listAll(
		this,
		'/news',
		{
			newsourceId: idList(filters.newsourceId).join(','),
			startDate: filters.startDate ? managerDate(this, filters.startDate, 'Start Date', itemIndex) : undefined,
			endDate: filters.endDate ? managerDate(this, filters.endDate, 'End Date', itemIndex) : undefined,
			content: Object.keys(content).length ? JSON.stringify(content) : undefined,
			status: filters.status,
			sort: filters.sort,
		},
		itemIndex,
	);
}
