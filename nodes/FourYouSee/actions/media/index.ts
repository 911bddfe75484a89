import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const media = defineResource({
	value: 'media',
	name: 'Media',
	operations: { create, delete: del, get, getMany, update },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
