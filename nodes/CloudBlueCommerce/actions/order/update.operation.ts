import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderId } from './get.operation';
import { cloudBlueRequest, itemPath } from '../../transport';
import { compact } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['order'], operation: ['update'] } }, [
	orderId,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		// OrderUpdate has only these two fields (spec v1.15).
		options: [
			{ displayName: 'Credit Check', name: 'creditCheck', type: 'boolean', default: true, description: "Whether the customer's credit is checked when the order is processed" },
			{ displayName: 'Status Code', name: 'statusCode', type: 'string', default: '', description: 'Internal status code of the order, for example CL' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('orderId', itemIndex) as string;
	const body = compact(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'Nothing to update', 'Add Credit Check or Status Code under Update Fields.', itemIndex);
	}
	return await cloudBlueRequest(this, 'PATCH', itemPath('orders', id), { body, itemIndex });
}
