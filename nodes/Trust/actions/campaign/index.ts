import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, Operation> = { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a campaign: all input items as its recipients, or a segment',
				action: 'Create a campaign',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the campaigns of a company',
				action: 'Get many campaigns',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
];
