import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest } from '../../transport';
import { customerIdField, idParameter } from '../common';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a customer',
	description: 'Delete a customer and its api_token; returns {"deleted": true}',
};

export const properties: INodeProperties[] = [customerIdField];

/**
 * The cURL shown for this call is wrong; the path is DELETE /customers/{uuid}
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerId', 'Customer');
	await reporteiRequest(item, 'DELETE', `/customers/${id}`);
	return { deleted: true };
}
