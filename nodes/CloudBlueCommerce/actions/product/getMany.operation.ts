import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf } from '../common';
import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['product'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'MPN', name: 'mpn', type: 'string', default: '', description: 'Manufacturer Part Number' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Service Name', name: 'serviceName', type: 'string', default: '' },
			{ displayName: 'Vendor', name: 'vendor', type: 'string', default: '' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(this, '/products', filtersOf(this, itemIndex), listOptions(this, itemIndex, CLOUDBLUE.pageSize), itemIndex);
}
