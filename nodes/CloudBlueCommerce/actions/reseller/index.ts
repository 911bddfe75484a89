import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createCustomer from './createCustomer.operation';
import * as get from './get.operation';
import * as getCustomers from './getCustomers.operation';
import * as getMany from './getMany.operation';
import * as getOrders from './getOrders.operation';
import * as update from './update.operation';

export { create, createCustomer, get, getCustomers, getMany, getOrders, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reseller'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a reseller', action: 'Create a reseller' },
			{
				name: 'Create Customer',
				value: 'createCustomer',
				description: 'Create a customer owned by a reseller',
				action: 'Create a customer of a reseller',
			},
			{ name: 'Get', value: 'get', description: 'Get a reseller', action: 'Get a reseller' },
			{ name: 'Get Customers', value: 'getCustomers', description: "Get a reseller's customers", action: 'Get customers of a reseller' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many resellers', action: 'Get many resellers' },
			{ name: 'Get Orders', value: 'getOrders', description: "Get a reseller's orders", action: 'Get orders of a reseller' },
			{ name: 'Update', value: 'update', description: 'Update a reseller', action: 'Update a reseller' },
		],
		default: 'getMany',
	},
	...create.description,
	...createCustomer.description,
	...get.description,
	...getCustomers.description,
	...getMany.description,
	...getOrders.description,
	...update.description,
];
