import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { REPORTEI, reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField } from '../common';

export const option: OperationOption = {
	name: 'Get Settings',
	action: 'Get a customer and its integrations by token',
	description:
		'Get the customer a Customer Token belongs to, with its connected networks (uuid, network, account name, slug, status)',
};

export const properties: INodeProperties[] = [customerTokenField];

/** The customer behind a Customer Token, with its connected integrations. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const body = await reporteiRequest(item, 'GET', REPORTEI.customerSettingsPath, { customerToken: customerToken(item) });
	return unwrap(body, 'customer');
}
