import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf } from '../common';
import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const customerFilters: INodeProperties[] = [
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'External ID', name: 'externalId', type: 'string', default: '' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...customerFilters,
			{ displayName: 'Reseller ID', name: 'resellerId', type: 'string', default: '', description: 'Only customers of this reseller' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(this, '/customers', filtersOf(this, itemIndex), listOptions(this, itemIndex, CLOUDBLUE.pageSize), itemIndex);
}
