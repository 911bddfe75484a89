import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonParameter } from '../common';
import { subscriptionId } from './get.operation';
import { cloudBlueRequest, itemPath } from '../../transport';
import { inputError } from '../../../shared/errors';

/**
 * `POST /subscriptions/{id}/specialPricing` is listed in spec v1.15 without a documented body
 * (research/providers.md section 2, SimpleAPI table). [assumption] The body is a JSON object the
 * user writes (most likely the product lines with their special unit prices, as in
 * SubscriptionUpdate's `products`); it is sent unchanged.
 */
export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['setSpecialPricing'] } }, [
	subscriptionId,
	{
		displayName: 'Special Pricing (JSON)',
		name: 'specialPricing',
		type: 'json',
		required: true,
		default: '',
		placeholder: '{"products":[{"mpn":"ABC_ANNUAL","unitPrice":{"value":"9.50","currency":"USD"}}]}',
		description:
			'The request body as a JSON object, sent unchanged (its layout is not published; ask CloudBlue which fields your platform expects), for example {"products":[{"mpn":"ABC_ANNUAL","unitPrice":{"value":"9.50","currency":"USD"}}]}',
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('subscriptionId', itemIndex) as string;
	const body = jsonParameter(this, this.getNodeParameter('specialPricing', itemIndex, ''), 'Special Pricing (JSON)', itemIndex);
	if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
		throw inputError(
			this.getNode(),
			'"Special Pricing (JSON)" must be a JSON object',
			'Write the special pricing as a JSON object, for example {"products":[{"mpn":"ABC_ANNUAL","unitPrice":{"value":"9.50","currency":"USD"}}]}.',
			itemIndex,
		);
	}
	const answer = await cloudBlueRequest<IDataObject>(this, 'POST', itemPath('subscriptions', id, 'specialPricing'), { body: body as IDataObject, itemIndex });
	// [assumption] The answer is not documented either: an empty answer (200/204) becomes what was set.
	if (answer && typeof answer === 'object' && Object.keys(answer).length > 0) return answer;
	return { subscriptionId: id, specialPricing: body as IDataObject };
}
