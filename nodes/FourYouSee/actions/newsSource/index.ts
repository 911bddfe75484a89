import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'News Source', value: 'newsSource' };

export const operations: Record<string, Operation> = { getAll };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['newsSource'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List news sources and their settings', action: 'Get many news sources' }],
		default: 'getAll',
	},
	...getAll.description,
];
