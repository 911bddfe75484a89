import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as bulkUpdate from './bulkUpdate.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'Media Category', value: 'mediaCategory' };

/** There is no Delete: the research documents none for categories (Open question 7). */
export const operations: Record<string, Operation> = { bulkUpdate, create, get, getAll, update };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['mediaCategory'] } },
		options: [
			{
				name: 'Bulk Update',
				value: 'bulkUpdate',
				description: 'Change several categories in one request',
				action: 'Bulk update media categories',
			},
			{ name: 'Create', value: 'create', description: 'Create a category or subcategory', action: 'Create a media category' },
			{ name: 'Get', value: 'get', description: 'Get a category with its children and carousel settings', action: 'Get a media category' },
			{ name: 'Get Many', value: 'getAll', description: 'List media categories', action: 'Get many media categories' },
			{ name: 'Update', value: 'update', description: 'Change a category or its carousel', action: 'Update a media category' },
		],
		default: 'getAll',
	},
	...bulkUpdate.description,
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
];
