import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'News', value: 'news' };

export const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['news'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a news entry to a news source', action: 'Create a news entry' },
			{ name: 'Delete', value: 'delete', description: 'Delete a news entry', action: 'Delete a news entry' },
			{ name: 'Get', value: 'get', description: 'Get a news entry', action: 'Get a news entry' },
			{ name: 'Get Many', value: 'getAll', description: 'List news entries', action: 'Get many news entries' },
			{ name: 'Update', value: 'update', description: 'Change, approve or disapprove a news entry', action: 'Update a news entry' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
