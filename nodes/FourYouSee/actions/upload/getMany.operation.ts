import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many uploads',
	description: 'List the staged files (ID and file name) not yet used by a media or news entry',
};

export const properties: INodeProperties[] = [...returnAllOrLimit({})];

/**
 * `GET /uploads` answers only `{results, total}` (https://4yousee-suporte.github.io/endpoints/conteudos.html).
 * ASSUMPTION: it pages by `page`/`limit` like the other lists; pages end by `total`.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/uploads', {});
}
