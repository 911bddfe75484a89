import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'Media', value: 'media' };

export const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a file to the content library, uploading it from binary input if needed', action: 'Create a media' },
			{ name: 'Delete', value: 'delete', description: 'Delete a media from the content library', action: 'Delete a media' },
			{ name: 'Get', value: 'get', description: 'Get a media with its categories and schedule', action: 'Get a media' },
			{ name: 'Get Many', value: 'getAll', description: 'List the content library', action: 'Get many medias' },
			{ name: 'Update', value: 'update', description: 'Change a media\'s name, categories, duration, schedule or file', action: 'Update a media' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
