import type { INodeProperties } from 'n8n-workflow';

import { valueOptions } from '../common';
import { CLOUDBLUE } from '../../transport';

/** The documented filters of GET /orders and GET /resellers/{id}/orders (spec v1.15). */
export const orderFilters: INodeProperties[] = [
	{ displayName: 'Created After', name: 'creationTimeFrom', type: 'dateTime', default: '', description: 'Only orders created on or after this date' },
	{ displayName: 'Created Before', name: 'creationTimeTo', type: 'dateTime', default: '', description: 'Only orders created on or before this date' },
	{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
	{ displayName: 'Order Number', name: 'orderNumber', type: 'string', default: '', placeholder: 'SO000012' },
	{ displayName: 'Status', name: 'status', type: 'options', options: valueOptions(CLOUDBLUE.orderStatuses), default: 'submitted' },
	{ displayName: 'Status Code', name: 'statusCode', type: 'string', default: '', description: 'Internal status code of the order, for example CP' },
	{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '' },
];

export const orderDateFilters = ['creationTimeFrom', 'creationTimeTo'];
