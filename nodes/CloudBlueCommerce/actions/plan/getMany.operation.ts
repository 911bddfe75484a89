import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many plans',
	description: 'List the service plans with their billing and subscription periods',
};

export const properties: INodeProperties[] = returnAllOrLimit({});

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/plans');
}
