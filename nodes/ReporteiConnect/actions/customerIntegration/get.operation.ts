import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField, idParameter } from '../common';
import { customerIntegrationIdField } from './fields';

const properties: INodeProperties[] = [customerTokenField, customerIntegrationIdField];

export const description = updateDisplayOptions({ show: { resource: ['customerIntegration'], operation: ['get'] } }, properties);

/** One connected network; a status other than `active` needs a new integration session. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerIntegrationId', 'Customer Integration ID', itemIndex);
	const body = await reporteiRequest(this, 'GET', `/customer-integrations/${id}`, {
		customerToken: customerToken(this, itemIndex),
		itemIndex,
	});
	return unwrap(body, 'customer_integration');
}
