import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'Template', value: 'template' };

export const operations: Record<string, Operation> = { getAll };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List news templates', action: 'Get many templates' }],
		default: 'getAll',
	},
	...getAll.description,
];
