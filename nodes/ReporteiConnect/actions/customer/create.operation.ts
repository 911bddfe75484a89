import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The customer name, as your own system knows it',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['create'] } }, properties);

/** Written into the output because Connect returns `api_token` in this answer only (customers.md). */
export const API_TOKEN_NOTICE =
	'api_token is shown only once, in this answer: store it now (for example in a data table or your CRM) because every customer-level call needs it as the Customer Token and Reportei cannot show it again.';

/** Creates a customer (7-day trial) and returns it with its one-time api_token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', itemIndex)).trim();
	const body = await reporteiRequest(this, 'POST', '/customers', { body: { name }, itemIndex });
	const customer = unwrap(body, 'customer');
	return { ...customer, api_token_notice: API_TOKEN_NOTICE };
}
