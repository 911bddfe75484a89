import { defineResource } from '../../../shared/resources';
import * as getMany from './getMany.operation';

export const userGroup = defineResource({
	value: 'userGroup',
	name: 'User Group',
	operations: { getMany },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
