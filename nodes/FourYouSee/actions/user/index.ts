import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'User', value: 'user' };

export const operations: Record<string, Operation> = { getAll };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List Manager users', action: 'Get many users' }],
		default: 'getAll',
	},
	...getAll.description,
];
