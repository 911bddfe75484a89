import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField } from '../common';
import { cloudBlueRequest, itemPath } from '../../transport';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['plan'], operation: ['get'] } }, [
	idField('planId', 'Plan ID', 'The ID of the service plan'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = this.getNodeParameter('planId', itemIndex) as string;
	return await cloudBlueRequest(this, 'GET', itemPath('plans', id), { itemIndex });
}
