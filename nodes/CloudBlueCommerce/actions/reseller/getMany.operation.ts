import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf } from '../common';
import { customerFilters } from '../customer/getMany.operation';
import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['reseller'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	// Resellers take the same name/email/externalId filters as customers (spec getResellers).
	{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: customerFilters },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(this, '/resellers', filtersOf(this, itemIndex), listOptions(this, itemIndex, CLOUDBLUE.pageSize), itemIndex);
}
