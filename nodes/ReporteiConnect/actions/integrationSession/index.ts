import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';

export const resource: INodePropertyOptions = { name: 'Integration Session', value: 'integrationSession' };

export const operations: Record<string, Operation> = { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['integrationSession'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create the link a customer opens to connect their networks',
				action: 'Create an integration session',
			},
		],
		default: 'create',
	},
	...create.description,
];
