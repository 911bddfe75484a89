import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as get from './get.operation';

export const operations: Record<string, Operation> = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['statistics'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get the campaign statistics of a company: sent, pending, failed and the recipients' actions",
				action: 'Get campaign statistics of a company',
			},
		],
		default: 'get',
	},
	...get.description,
];
