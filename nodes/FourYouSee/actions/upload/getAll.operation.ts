import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [...returnAllOrLimit({})];

export const description = updateDisplayOptions({ show: { resource: ['upload'], operation: ['getAll'] } }, properties);

/** `GET /uploads` answers only `{results, total}` (research section 1): pages end by `total`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listAll(this, '/uploads', {}, itemIndex);
}
