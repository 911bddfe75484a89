import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { accountUpdateBody, accountUpdateFields } from '../account';
import { resellerId } from './get.operation';
import { cloudBlueRequest, itemPath } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['reseller'], operation: ['update'] } }, [
	resellerId,
	...accountUpdateFields(),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('resellerId', itemIndex) as string;
	return await cloudBlueRequest(this, 'PATCH', itemPath('resellers', id), { body: accountUpdateBody(this, itemIndex), itemIndex });
}
