import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['plan'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a service plan with its period switches', action: 'Get a plan' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many service plans', action: 'Get many plans' },
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
