import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField, idParameter } from '../common';
import { customerIntegrationIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a customer integration and its status',
	description:
		'Get one network a customer connected: its network (name, slug), account name and status (active, expired, revoked, synchronizing, synchronization_error)',
};

export const properties: INodeProperties[] = [customerTokenField, customerIntegrationIdField];

/** One connected network; a status other than `active` needs a new integration session. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerIntegrationId', 'Customer Integration');
	const body = await reporteiRequest(item, 'GET', `/customer-integrations/${id}`, { customerToken: customerToken(item) });
	return unwrap(body, 'customer_integration');
}
