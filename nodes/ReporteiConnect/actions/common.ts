import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import { pathSegment } from '../../shared/http';

/**
 * The customer's `api_token`: returned once by Customer > Create and never again (customers.md),
 * so it comes from the user's own store, differs per customer and is a node field, not a credential.
 */
export const customerTokenField: INodeProperties = {
	displayName: 'Customer Token',
	name: 'customerToken',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description:
		"The customer's api_token, returned only once by Customer > Create (sent as the x-customer-token header). Usually an expression reading it from where you stored it.",
};

export function customerToken(ctx: IExecuteFunctions, itemIndex: number): string {
	const token = String(ctx.getNodeParameter('customerToken', itemIndex, '') ?? '').trim();
	if (token === '') {
		throw inputError(
			ctx.getNode(),
			'The Customer Token is empty',
			"Set Customer Token to the customer's api_token (returned once by Customer > Create).",
			itemIndex,
		);
	}
	return token;
}

export const customerIdField: INodeProperties = {
	displayName: 'Customer',
	name: 'customerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The customer to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9d2b6c1e-5a43-4c2f-9a57-0b1f3c7e8d21',
		},
	],
};

/** A uuid from a node field (plain or resource locator), safe as one URL path segment. */
export function idParameter(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true });
	try {
		return pathSegment(value);
	} catch {
		throw inputError(ctx.getNode(), `${label} "${String(value)}" is not a valid ID`, `Set ${label} to a uuid returned by Reportei Connect.`, itemIndex);
	}
}
