import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest, unwrap } from '../../transport';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a customer and get its one-time token',
	description:
		'Create a customer (it starts a 7-day trial) and return it with its api_token, the Customer Token every customer-level call needs; Reportei shows that token only this once',
};

/**
 * Connect returns `api_token` in this answer only and never again
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md): said in the
 * editor as a notice and written into the output.
 */
const API_TOKEN_NOTICE =
	'api_token is shown only once, in this answer: store it now (for example in a data table or your CRM) because every customer-level call needs it as the Customer Token and Reportei cannot show it again.';

export const properties: INodeProperties[] = [
	{
		displayName:
			"Reportei returns the new customer's <b>api_token</b> only once, in this node's output, and never again. Store it in the same workflow (a data table, your CRM, a database): every customer-level operation needs it as the Customer Token.",
		name: 'apiTokenNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Padaria Pão Quente',
		description: 'The customer name, as your own system knows it',
	},
];

/** Creates a customer (7-day trial) and returns it with its one-time api_token. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', item.itemIndex)).trim();
	const customer = unwrap(await reporteiRequest(item, 'POST', '/customers', { body: { name } }), 'customer');
	return { ...customer, api_token_notice: API_TOKEN_NOTICE };
}
