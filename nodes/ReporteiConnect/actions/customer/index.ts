import { defineResource } from '../../../shared/resources';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSettings from './getSettings.operation';
import * as setPaymentStatus from './setPaymentStatus.operation';
import * as update from './update.operation';

export const customer = defineResource({
	value: 'customer',
	name: 'Customer',
	operations: { create, delete: del, get, getMany, getSettings, setPaymentStatus, update },
	defaultOperation: 'create',
	renamedSinceV1: { getAll: 'getMany' },
});
