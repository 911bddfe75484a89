import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as estimate from './estimate.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const order = defineResource({
	value: 'order',
	name: 'Order',
	operations: { create, estimate, get, getMany, update },
	defaultOperation: 'getMany',
});
