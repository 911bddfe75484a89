import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, idPath, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { nothingToUpdate, pickedId, updateFieldsProperty } from '../common';
import { subscriptionIdField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a subscription',
	description: "Change a subscription's automatic renewal, attributes or product prices and return the updated subscription",
};

// SubscriptionUpdate: products (SubscriptionProductUpdate), attributes, renewalStatus (SimpleAPI spec v1.15).
export const properties: INodeProperties[] = [
	subscriptionIdField,
	updateFieldsProperty([
		{
			displayName: 'Attributes (JSON)',
			name: 'attributes',
			type: 'json',
			default: '',
			description: 'Custom attributes as a JSON object of strings, e.g. {"note": "renewed by phone"}',
		},
		{
			displayName: 'Products (JSON)',
			name: 'products',
			type: 'json',
			default: '',
			description: 'Product lines to change as a JSON array of {mpn, unitPrice, unitCost, unitProviderCost}, e.g. [{"mpn":"ABC_ANNUAL","unitPrice":{"amount":"10.5","currency":"USD"}}]',
		},
		{ displayName: 'Renew Automatically', name: 'renewalStatus', type: 'boolean', default: true, description: 'Whether the subscription renews automatically' },
	]),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'subscriptionId', 'subscription');
	const fields = this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject;
	const body = nothingToUpdate(
		compact({
			renewalStatus: fields.renewalStatus,
			attributes: jsonValue(fields.attributes, 'Attributes (JSON)', 'object', { optional: true }),
			products: jsonValue(fields.products, 'Products (JSON)', 'array', { optional: true }),
		}),
		'Add at least one field under Update Fields.',
	);
	return await cloudBlueObject(item, 'PATCH', idPath('subscriptions', id, 'Subscription ID'), { body });
}
