import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'Customer Integration', value: 'customerIntegration' };

export const operations: Record<string, Operation> = { delete: del, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerIntegration'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Disconnect a network from the customer',
				action: 'Delete a customer integration',
			},
			{ name: 'Get', value: 'get', description: 'Get a connected network', action: 'Get a customer integration' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the customer's connected networks",
				action: 'Get many customer integrations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getAll.description,
	...del.description,
];
