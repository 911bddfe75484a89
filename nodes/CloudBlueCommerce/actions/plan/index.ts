import { defineResource } from '../../../shared/resources';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const plan = defineResource({
	value: 'plan',
	name: 'Plan',
	operations: { get, getMany },
	defaultOperation: 'getMany',
});
