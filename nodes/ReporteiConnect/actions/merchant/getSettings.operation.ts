import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['merchant'], operation: ['getSettings'] } }, properties);

/** The merchant's settings: rate limits per minute/second and the integrations customers may connect. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await reporteiRequest(this, 'GET', '/merchants/settings', { itemIndex });
	return unwrap(body, 'merchant');
}
