import { defineResource } from '../../../shared/resources';
import * as getMany from './getMany.operation';

export const user = defineResource({
	value: 'user',
	name: 'User',
	operations: { getMany },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
