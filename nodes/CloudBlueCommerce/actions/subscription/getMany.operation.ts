import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf, valueOptions } from '../common';
import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Created After', name: 'creationDateFrom', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'creationDateTo', type: 'dateTime', default: '' },
			{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: valueOptions(CLOUDBLUE.subscriptionStatuses), default: 'active' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(
		this,
		'/subscriptions',
		filtersOf(this, itemIndex, ['creationDateFrom', 'creationDateTo']),
		listOptions(this, itemIndex, CLOUDBLUE.pageSize),
		itemIndex,
	);
}
