import { defineResource } from '../../../shared/resources';
import * as bulkUpdate from './bulkUpdate.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

/** There is no Delete: the Manager documents none for categories (docs/fouryousee.md, Sources and assumptions). */
export const mediaCategory = defineResource({
	value: 'mediaCategory',
	name: 'Media Category',
	operations: { bulkUpdate, create, get, getMany, update },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
