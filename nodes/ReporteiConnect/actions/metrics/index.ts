import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getData from './getData.operation';
import * as getDataAsync from './getDataAsync.operation';

export const resource: INodePropertyOptions = { name: 'Metric', value: 'metrics' };

export const operations: Record<string, Operation> = { getData, getDataAsync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['metrics'] } },
		options: [
			{
				name: 'Get Data',
				value: 'getData',
				description: 'Compute metrics of a connected network for a period and wait for them',
				action: 'Get metrics data',
			},
			{
				name: 'Get Data Async',
				value: 'getDataAsync',
				description: 'Ask for metrics to be POSTed to a callback URL (a Reportei Connect Trigger) when ready',
				action: 'Get metrics data asynchronously',
			},
		],
		default: 'getData',
	},
	...getData.description,
	...getDataAsync.description,
];
