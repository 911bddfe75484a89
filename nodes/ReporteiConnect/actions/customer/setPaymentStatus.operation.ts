import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest } from '../../transport';
import { customerIdField, idParameter } from '../common';

export const option: OperationOption = {
	name: 'Set Payment Status',
	action: 'Mark a customer as paying or not',
	description:
		"Set whether a customer pays: after its 7-day trial, Reportei refuses the customer's integrations and metrics until it is marked as paying",
};

export const properties: INodeProperties[] = [
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

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerId', 'Customer');
	const isPaying = this.getNodeParameter('isPaying', item.itemIndex) as boolean;
	const body = await reporteiRequest(item, 'POST', `/customers/${id}/update-payment-status`, { body: { is_paying: isPaying } });
	return { uuid: decodeURIComponent(id), is_paying: isPaying, ...body };
}
