import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest } from '../../transport';
import { customerIdField, idParameter } from '../common';

const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'Is Paying',
		name: 'isPaying',
		type: 'boolean',
		default: true,
		description:
			"Whether the customer pays you: after the 7-day trial, Reportei refuses a customer's integrations and metrics (401) until this is on",
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['setPaymentStatus'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerId', 'Customer ID', itemIndex);
	const isPaying = this.getNodeParameter('isPaying', itemIndex) as boolean;
	const body = await reporteiRequest(this, 'POST', `/customers/${id}/update-payment-status`, {
		body: { is_paying: isPaying },
		itemIndex,
	});
	return { uuid: decodeURIComponent(id), is_paying: isPaying, ...body };
}
