import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { filtersProperty, listAll } from '../libraryHelpers';

const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty([])];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

/** `GET /users`: items `{id, name, username, email, group: {id, name}}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return await listAll(this, '/users', { sort: filters.sort }, itemIndex);
}
