import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { simplifySubscription } from '../../simplify';
import { CLOUDBLUE } from '../../transport';
import { filtersOf, filtersProperty, listAll, pickerField, simplified, simplifyProperties, valueOptions } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many subscriptions',
	description: "List your customers' subscriptions, optionally filtered by customer, status or creation date",
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	filtersProperty([
		{ displayName: 'Created After', name: 'creationDateFrom', type: 'dateTime', default: '', description: 'Only subscriptions created after this day' },
		{ displayName: 'Created Before', name: 'creationDateTo', type: 'dateTime', default: '', description: 'Only subscriptions created before this day' },
		pickerField('customer', 'customerId', 'Only subscriptions of this customer', false),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: valueOptions(CLOUDBLUE.subscriptionStatuses),
			default: 'active',
			description: 'Only subscriptions in this status',
		},
	]),
	...simplifyProperties,
];

// creationDateFrom/To are `format: date` in the spec v1.15 (getSubscriptions).
const DATES = {
	creationDateFrom: { kind: 'day' as const, label: 'Created After' },
	creationDateTo: { kind: 'day' as const, label: 'Created Before' },
};

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return simplified(item, await listAll(item, '/subscriptions', filtersOf(item, DATES)), simplifySubscription);
}
