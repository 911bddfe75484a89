import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/items';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSettings from './getSettings.operation';
import * as setPaymentStatus from './setPaymentStatus.operation';
import * as update from './update.operation';

export const resource: INodePropertyOptions = { name: 'Customer', value: 'customer' };

export const operations: Record<string, Operation> = {
	create,
	delete: del,
	get,
	getAll,
	getSettings,
	setPaymentStatus,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a customer; its api_token is returned only this once',
				action: 'Create a customer',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a customer', action: 'Delete a customer' },
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many customers', action: 'Get many customers' },
			{
				name: 'Get Settings',
				value: 'getSettings',
				description: 'Get the customer of a Customer Token with its integrations',
				action: 'Get customer settings',
			},
			{
				name: 'Set Payment Status',
				value: 'setPaymentStatus',
				description: 'Mark a customer as paying or not',
				action: 'Set a customer payment status',
			},
			{ name: 'Update', value: 'update', description: "Rename a customer", action: 'Update a customer' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...setPaymentStatus.description,
	...getSettings.description,
];
