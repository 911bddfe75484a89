import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest, unwrap } from '../../transport';
import { customerIdField, idParameter } from '../common';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a customer',
	description: 'Get one customer by uuid: name, creation time, trial end and whether it is paying (never its api_token)',
};

export const properties: INodeProperties[] = [customerIdField];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerId', 'Customer');
	return unwrap(await reporteiRequest(item, 'GET', `/customers/${id}`), 'customer');
}
