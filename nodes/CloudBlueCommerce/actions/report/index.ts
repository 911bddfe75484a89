import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const report = defineResource({
	value: 'report',
	name: 'Report',
	description: 'Rated data reports (Reporting and Data Export)',
	operations: { create, download, get, getMany },
	defaultOperation: 'getMany',
});
