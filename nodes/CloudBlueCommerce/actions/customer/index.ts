import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const customer = defineResource({
	value: 'customer',
	name: 'Customer',
	operations: { create, get, getMany, update },
	defaultOperation: 'getMany',
});
