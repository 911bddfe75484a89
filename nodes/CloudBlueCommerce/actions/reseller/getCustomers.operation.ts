import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf } from '../common';
import { customerFilters } from '../customer/getMany.operation';
import { resellerId } from './get.operation';
import { CLOUDBLUE, cloudBlueList, itemPath } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['reseller'], operation: ['getCustomers'] } }, [
	resellerId,
	...returnAllOrLimit({}),
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: customerFilters },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('resellerId', itemIndex) as string;
	return await cloudBlueList(
		this,
		itemPath('resellers', id, 'customers'),
		filtersOf(this, itemIndex),
		listOptions(this, itemIndex, CLOUDBLUE.pageSize),
		itemIndex,
	);
}
