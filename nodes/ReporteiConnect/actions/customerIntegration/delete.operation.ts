import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { reporteiRequest } from '../../transport';
import { customerToken, customerTokenField, idParameter } from '../common';
import { customerIntegrationIdField } from './fields';

const properties: INodeProperties[] = [
	customerTokenField,
	customerIntegrationIdField,
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The session_uuid of a current integration session of this customer (Integration Session > Create; it expires after 5 minutes): Connect refuses the delete without one',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customerIntegration'], operation: ['delete'] } }, properties);

/**
 * DELETE /customer-integrations/{uuid}?session_id=... The doc's cURL sends only the Bearer token,
 * the Postman collection also the customer token; both are sent (research note, open question 6).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerIntegrationId', 'Customer Integration ID', itemIndex);
	const sessionId = String(this.getNodeParameter('sessionId', itemIndex, '')).trim();
	if (sessionId === '') {
		throw inputError(this.getNode(), 'The Session ID is empty', 'Create an Integration Session for this customer first and use its session_uuid.', itemIndex);
	}
	await reporteiRequest(this, 'DELETE', `/customer-integrations/${id}`, {
		qs: { session_id: sessionId },
		customerToken: customerToken(this, itemIndex),
		itemIndex,
	});
	return { deleted: true };
}
