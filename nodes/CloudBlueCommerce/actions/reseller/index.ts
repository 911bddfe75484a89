import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as createCustomer from './createCustomer.operation';
import * as get from './get.operation';
import * as getCustomers from './getCustomers.operation';
import * as getMany from './getMany.operation';
import * as getOrders from './getOrders.operation';
import * as update from './update.operation';

export const reseller = defineResource({
	value: 'reseller',
	name: 'Reseller',
	operations: { create, createCustomer, get, getCustomers, getMany, getOrders, update },
	defaultOperation: 'getMany',
});
