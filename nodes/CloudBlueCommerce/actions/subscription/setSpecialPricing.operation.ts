import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { pickedId } from '../common';
import { subscriptionIdField } from './fields';

export const option: OperationOption = {
	name: 'Set Special Pricing',
	action: 'Set special pricing of a subscription',
	description: 'Set special unit prices or costs for product lines of a subscription and return the subscription',
};

const EXAMPLE = '{"products":[{"mpn":"ABC_ANNUAL","unitPrice":{"amount":"9.50","currency":"USD"}}]}';

/**
 * `POST /subscriptions/{id}/specialPricing`: body SubscriptionUpdateSpecialPricing `{products:
 * [SubscriptionProductUpdate {mpn, id, unitPrice, unitCost, unitProviderCost}]}`, answer
 * SubscriptionDetailed (SimpleAPI spec v1.15). The JSON object is sent unchanged.
 */
export const properties: INodeProperties[] = [
	subscriptionIdField,
	{
		displayName: 'Special Pricing (JSON)',
		name: 'specialPricing',
		type: 'json',
		required: true,
		default: '',
		placeholder: `e.g. ${EXAMPLE}`,
		description: 'The request body as a JSON object with the product lines and their special unitPrice, unitCost or unitProviderCost ({amount, currency}), sent unchanged',
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'subscriptionId', 'subscription');
	const body = jsonValue(this.getNodeParameter('specialPricing', item.itemIndex, ''), 'Special Pricing (JSON)', 'object');
	if (Object.keys(body).length === 0) {
		throw new InputError('Special Pricing (JSON) is empty', `Write the special pricing as a JSON object, for example ${EXAMPLE}.`);
	}
	const answer = await cloudBlueObject(item, 'POST', idPath('subscriptions', id, 'Subscription ID', 'specialPricing'), { body });
	// ASSUMPTION: a deployment may answer without a body (200/204): that stands for "set as sent".
	if (Object.keys(answer).length > 0) return answer;
	return { subscriptionId: id, specialPricing: body };
}
