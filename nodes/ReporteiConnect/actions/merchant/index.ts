import { defineResource } from '../../../shared/resources';
import * as getSettings from './getSettings.operation';

export const merchant = defineResource({
	value: 'merchant',
	name: 'Merchant',
	operations: { getSettings },
	defaultOperation: 'getSettings',
});
