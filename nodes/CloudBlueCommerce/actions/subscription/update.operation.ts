import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonParameter } from '../common';
import { subscriptionId } from './get.operation';
import { cloudBlueRequest, itemPath } from '../../transport';
import { compact } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['update'] } }, [
	subscriptionId,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		// SubscriptionUpdate: products, attributes, renewalStatus (spec v1.15).
		options: [
			{ displayName: 'Attributes (JSON)', name: 'attributes', type: 'json', default: '', description: 'Custom attributes as a JSON object of strings' },
			{
				displayName: 'Products (JSON)',
				name: 'products',
				type: 'json',
				default: '',
				description: 'Product lines to change as a JSON array, for example [{"mpn":"ABC_ANNUAL","unitPrice":{"value":"10.5"}}]',
			},
			{ displayName: 'Renew Automatically', name: 'renewalStatus', type: 'boolean', default: true, description: 'Whether the subscription renews automatically' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('subscriptionId', itemIndex) as string;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = compact({
		renewalStatus: fields.renewalStatus,
		attributes: jsonParameter(this, fields.attributes, 'Attributes (JSON)', itemIndex) as IDataObject | undefined,
		products: jsonParameter(this, fields.products, 'Products (JSON)', itemIndex) as IDataObject[] | undefined,
	});
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'Nothing to update', 'Add at least one field under Update Fields.', itemIndex);
	}
	return await cloudBlueRequest(this, 'PATCH', itemPath('subscriptions', id), { body, itemIndex });
}
