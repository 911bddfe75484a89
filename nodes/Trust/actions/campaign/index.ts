import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const campaign = defineResource({
	value: 'campaign',
	name: 'Campaign',
	operations: { create, getMany },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
