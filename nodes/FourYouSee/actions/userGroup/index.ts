import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'User Group', value: 'userGroup' };

export const operations: Record<string, Operation> = { getAll };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userGroup'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List user groups', action: 'Get many user groups' }],
		default: 'getAll',
	},
	...getAll.description,
];
