import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as update from './update.operation';

export const segment = defineResource({
	value: 'segment',
	name: 'Segment',
	operations: { create, update },
	defaultOperation: 'create',
});
