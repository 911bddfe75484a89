import { defineResource } from '../../../shared/resources';
import * as getMany from './getMany.operation';

export const newsSource = defineResource({
	value: 'newsSource',
	name: 'News Source',
	operations: { getMany },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
