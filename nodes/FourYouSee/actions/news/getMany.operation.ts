import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { calendarDay, idList, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleNews, simplifyProperties } from '../../simplify';
import { filtersProperty, listAll } from '../common';
import { NEWS_STATUSES } from './fields';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many news entries',
	description: 'List news entries with their content and status, filtered by news source, period, content or status',
};

/** ASSUMPTION: the news list sorts by its date fields too; the node checks the order it gets. */
const NEWS_SORT_FIELDS = [
	{ name: 'Creation Date', value: 'creationDate' },
	{ name: 'End Date', value: 'endDate' },
	{ name: 'ID', value: 'id' },
	{ name: 'Start Date', value: 'startDate' },
];

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty([
		{
			displayName: 'Content (JSON)',
			name: 'content',
			type: 'json',
			default: '{}',
			placeholder: 'e.g. {"product": "Juice"}',
			description: 'News whose content matches these fields',
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'News that end by this date',
		},
		{
			displayName: 'News Source Names or IDs',
			name: 'newsourceId',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getNewsSources' },
			default: [],
			description:
				'Only news of these sources. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
			description: 'Only news with this approval status',
		},
	], NEWS_SORT_FIELDS),
];

/**
 * Filters `newsourceId`, `startDate`, `endDate`, `content` and `status`
 * (https://4yousee-suporte.github.io/endpoints/noticias.html). ASSUMPTION: dates go as
 * "2019-05-27", the form of the docs' example URL (they also show "01-03-2017"); content as JSON text.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const content = jsonValue(filters.content, 'Content (JSON)', 'object');
	const news = await listAll(item, '/news', {
		newsourceId: idList(filters.newsourceId).join(','),
		startDate: filters.startDate ? calendarDay(filters.startDate, 'Start Date') : undefined,
		endDate: filters.endDate ? calendarDay(filters.endDate, 'End Date') : undefined,
		content: Object.keys(content).length ? JSON.stringify(content) : undefined,
		status: filters.status,
	});
	return asAsked(item, news, simpleNews);
}
