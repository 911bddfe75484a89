import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getSettings from './getSettings.operation';

export const resource: INodePropertyOptions = { name: 'Merchant', value: 'merchant' };

export const operations: Record<string, Operation> = { getSettings };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['merchant'] } },
		options: [
			{
				name: 'Get Settings',
				value: 'getSettings',
				description: "Get the merchant's rate limits and available integrations",
				action: 'Get merchant settings',
			},
		],
		default: 'getSettings',
	},
	...getSettings.description,
];
