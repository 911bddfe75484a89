import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf } from '../common';
import { orderDateFilters, orderFilters } from './filters';
import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['order'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: orderFilters },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(
		this,
		'/orders',
		filtersOf(this, itemIndex, orderDateFilters),
		listOptions(this, itemIndex, CLOUDBLUE.pageSize),
		itemIndex,
	);
}
