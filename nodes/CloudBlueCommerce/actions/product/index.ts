import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'Get many products of the catalog', action: 'Get many products' }],
		default: 'getMany',
	},
	...getMany.description,
];
