import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest } from '../../transport';
import { customerToken, customerTokenField, idParameter } from '../common';
import { customerIntegrationIdField } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Disconnect a customer integration',
	description:
		'Disconnect a network from its customer; needs the session_uuid of a current integration session of that customer; returns {"deleted": true}',
};

export const properties: INodeProperties[] = [
	customerTokenField,
	customerIntegrationIdField,
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 679e77d9-b270-4fb9-9f2c-27bcaebddc52',
		description:
			'The session_uuid of a current integration session of this customer (Integration Session > Create; it expires after 5 minutes): Connect refuses the delete without one',
	},
];

/**
 * DELETE /customer-integrations/{uuid}?session_id=... The cURL of
 * https://github.com/reportei/connect-docs/blob/3151871/sections/customers-integrations.md sends
 * only the Bearer token; the connect-docs Postman collection has the customer token disabled there
 * and the lp-connect one sends none. ASSUMPTION: a server that does not need the customer token
 * ignores it, so it is sent as well, for a server that wants it.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = idParameter(item, 'customerIntegrationId', 'Customer Integration');
	const sessionId = String(this.getNodeParameter('sessionId', item.itemIndex, '')).trim();
	if (sessionId === '') {
		throw new InputError('The Session ID is empty', 'Create an Integration Session for this customer first and use its session_uuid.');
	}
	await reporteiRequest(item, 'DELETE', `/customer-integrations/${id}`, {
		qs: { session_id: sessionId },
		customerToken: customerToken(item),
	});
	return { deleted: true };
}
