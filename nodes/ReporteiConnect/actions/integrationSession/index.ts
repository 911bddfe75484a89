import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';

export const integrationSession = defineResource({
	value: 'integrationSession',
	name: 'Integration Session',
	operations: { create },
	defaultOperation: 'create',
});
