import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'Playlist', value: 'playlist' };

export const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['playlist'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a playlist of medias, carousels, news and layouts', action: 'Create a playlist' },
			{ name: 'Delete', value: 'delete', description: 'Delete a playlist', action: 'Delete a playlist' },
			{ name: 'Get', value: 'get', description: 'Get a playlist with its items and duration', action: 'Get a playlist' },
			{ name: 'Get Many', value: 'getAll', description: 'List playlists', action: 'Get many playlists' },
			{ name: 'Update', value: 'update', description: 'Change a playlist, its items or sequence', action: 'Update a playlist' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
