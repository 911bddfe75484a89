import { defineResource } from '../../../shared/resources';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as setSpecialPricing from './setSpecialPricing.operation';
import * as update from './update.operation';

export const subscription = defineResource({
	value: 'subscription',
	name: 'Subscription',
	operations: { get, getMany, setSpecialPricing, update },
	defaultOperation: 'getMany',
});
