import type { INodeProperties } from 'n8n-workflow';

import { InputError, pathSegment } from '../../shared/fields';
import type { ItemContext } from '../../shared/items';
import { idLocator, locatorValue } from '../../shared/locators';

/** Fields and readers several Reportei resources share: the Customer Token and the pickers. */

/** Connect's object ids are UUIDs (every example of https://github.com/reportei/connect-docs/tree/3151871/sections). */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The customer's `api_token`: returned once by Customer > Create and never again
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md), so it comes from
 * the user's own store, differs per customer and is a node field, not a credential.
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

export function customerToken(item: ItemContext): string {
	const token = String(item.n8n.getNodeParameter('customerToken', item.itemIndex, '') ?? '').trim();
	if (token === '') {
		throw new InputError('The Customer Token is empty', "Set Customer Token to the customer's api_token (returned once by Customer > Create).");
	}
	return token;
}

export const customerIdField: INodeProperties = idLocator({
	displayName: 'Customer',
	name: 'customerId',
	description: 'The customer to act on: pick it from the list of customers, or enter its uuid',
	searchListMethod: 'searchCustomers',
	idPlaceholder: 'e.g. caedbbbe-7d93-476f-b965-bf97cd7ce874',
	idPattern: UUID_PATTERN,
});

/**
 * A connected network of one customer. Connect lists them only with that customer's token, so
 * the list reads the Customer Token field of the node.
 */
export function customerIntegrationLocator(name: string, description: string): INodeProperties {
	return idLocator({
		displayName: 'Customer Integration',
		name,
		description,
		searchListMethod: 'searchCustomerIntegrations',
		idPlaceholder: 'e.g. 4addc0da-8583-4dbb-a0e9-c7e2e8470f50',
		idPattern: UUID_PATTERN,
	});
}

/**
 * A uuid from a picker (or, in workflows saved before it was one, a plain string), safe as one URL
 * path segment.
 */
export function idParameter(item: ItemContext, name: string, label: string): string {
	return pathSegment(locatorValue(item, name, label), label);
}
