import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';

export const upload = defineResource({
	value: 'upload',
	name: 'Upload',
	operations: { create, delete: del, getMany },
	defaultOperation: 'create',
	renamedSinceV1: { getAll: 'getMany' },
});
