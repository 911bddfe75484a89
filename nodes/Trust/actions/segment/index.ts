import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';

export const operations: Record<string, Operation> = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['segment'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a segment of devices from an index query',
				action: 'Create a segment',
			},
		],
		default: 'create',
	},
	...create.description,
];
