import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty([])];

export const description = updateDisplayOptions({ show: { resource: ['userGroup'], operation: ['getAll'] } }, properties);

/** `GET /users/groups`: items `{id, name, description}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listAll(this, '/users/groups', { sort: filters.sort }, itemIndex);
}
