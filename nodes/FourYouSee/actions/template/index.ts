import { defineResource } from '../../../shared/resources';
import * as getMany from './getMany.operation';

export const template = defineResource({
	value: 'template',
	name: 'Template',
	operations: { getMany },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
