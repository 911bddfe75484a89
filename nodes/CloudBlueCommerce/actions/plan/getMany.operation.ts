import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CLOUDBLUE, cloudBlueList } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['plan'], operation: ['getMany'] } },
	returnAllOrLimit({}),
);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await cloudBlueList(this, '/plans', {}, listOptions(this, itemIndex, CLOUDBLUE.pageSize), itemIndex);
}
