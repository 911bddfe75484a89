import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField } from '../common';

const properties: INodeProperties[] = [customerTokenField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getSettings'] } }, properties);

/** The customer behind a Customer Token, with its connected integrations. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await reporteiRequest(this, 'GET', '/customers/settings', {
		customerToken: customerToken(this, itemIndex),
		itemIndex,
	});
	return unwrap(body, 'customer');
}
