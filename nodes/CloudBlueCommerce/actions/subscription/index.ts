import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as setSpecialPricing from './setSpecialPricing.operation';
import * as update from './update.operation';

export { get, getMany, setSpecialPricing, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a subscription', action: 'Get a subscription' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many subscriptions', action: 'Get many subscriptions' },
			{
				name: 'Set Special Pricing',
				value: 'setSpecialPricing',
				description: 'Set special prices of a subscription',
				action: 'Set special pricing of a subscription',
			},
			{ name: 'Update', value: 'update', description: 'Update a subscription', action: 'Update a subscription' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
	...setSpecialPricing.description,
	...update.description,
];
