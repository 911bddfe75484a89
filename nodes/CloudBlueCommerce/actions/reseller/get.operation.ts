import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const resellerId = idField('resellerId', 'Reseller ID', 'The ID of the reseller');

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['reseller'], operation: ['get'] } }, [resellerId]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('resellerId', itemIndex) as string;
	return await cloudBlueRequest(this, 'GET', itemPath('resellers', id), { itemIndex });
}
