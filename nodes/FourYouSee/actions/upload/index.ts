import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';

export const resource: INodePropertyOptions = { name: 'Upload', value: 'upload' };

export const operations: Record<string, Operation> = { create, delete: del, getAll };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['upload'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Upload a binary file so it can become a media', action: 'Create an upload' },
			{ name: 'Delete', value: 'delete', description: 'Delete a staged file', action: 'Delete an upload' },
			{ name: 'Get Many', value: 'getAll', description: 'List staged files', action: 'Get many uploads' },
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...getAll.description,
];
