import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as estimate from './estimate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, estimate, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Place an order', action: 'Create an order' },
			{ name: 'Estimate', value: 'estimate', description: 'Get the price of an order without placing it', action: 'Estimate an order' },
			{ name: 'Get', value: 'get', description: 'Get an order', action: 'Get an order' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many orders', action: 'Get many orders' },
			{ name: 'Update', value: 'update', description: 'Update an order', action: 'Update an order' },
		],
		default: 'getMany',
	},
	...create.description,
	...estimate.description,
	...get.description,
	...getMany.description,
	...update.description,
];
