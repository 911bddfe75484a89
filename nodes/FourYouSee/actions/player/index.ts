import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'Player', value: 'player' };

export const operations: Record<string, Operation> = { create, delete: del, get, getAll, update };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['player'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Register a new player', action: 'Create a player' },
			{ name: 'Delete', value: 'delete', description: 'Delete a player', action: 'Delete a player' },
			{ name: 'Get', value: 'get', description: 'Get a player with its status and weekday playlists', action: 'Get a player' },
			{ name: 'Get Many', value: 'getAll', description: 'List players', action: 'Get many players' },
			{ name: 'Update', value: 'update', description: 'Change a player and its weekday playlists', action: 'Update a player' },
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
