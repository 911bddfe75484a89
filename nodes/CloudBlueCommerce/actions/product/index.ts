import { defineResource } from '../../../shared/resources';
import * as getMany from './getMany.operation';
import * as validateParameters from './validateParameters.operation';

export const product = defineResource({
	value: 'product',
	name: 'Product',
	operations: { getMany, validateParameters },
	defaultOperation: 'getMany',
});
