import { defineResource } from '../../../shared/resources';
import * as getData from './getData.operation';
import * as getDataAsync from './getDataAsync.operation';

export const metrics = defineResource({
	value: 'metrics',
	name: 'Metric',
	operations: { getData, getDataAsync },
	defaultOperation: 'getData',
});
