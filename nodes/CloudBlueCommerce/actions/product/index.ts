import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';
import * as validateParameters from './validateParameters.operation';

export { getMany, validateParameters };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: 'Get many products of the catalog', action: 'Get many products' },
			{
				name: 'Validate Parameters',
				value: 'validateParameters',
				description: 'Check product activation parameters before ordering',
				action: 'Validate product activation parameters',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...validateParameters.description,
];
