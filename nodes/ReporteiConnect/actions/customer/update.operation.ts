import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { reporteiRequest, unwrap } from '../../transport';
import { customerIdField, idParameter } from '../common';

const properties: INodeProperties[] = [
	customerIdField,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The new customer name (the only field Connect lets you change)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = idParameter(this, 'customerId', 'Customer ID', itemIndex);
	const name = String(this.getNodeParameter('name', itemIndex)).trim();
	const body = await reporteiRequest(this, 'PUT', `/customers/${id}`, { body: { name }, itemIndex });
	return unwrap(body, 'customer');
}
