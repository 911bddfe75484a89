import { defineResource } from '../../../shared/resources';
import * as get from './get.operation';

/** The value `statistics` is what saved workflows hold; the editor shows "Statistic". */
export const statistics = defineResource({
	value: 'statistics',
	name: 'Statistic',
	operations: { get },
	defaultOperation: 'get',
});
