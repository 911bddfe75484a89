import { defineResource } from '../../../shared/resources';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const customerIntegration = defineResource({
	value: 'customerIntegration',
	name: 'Customer Integration',
	operations: { delete: del, get, getMany },
	defaultOperation: 'get',
	renamedSinceV1: { getAll: 'getMany' },
});
