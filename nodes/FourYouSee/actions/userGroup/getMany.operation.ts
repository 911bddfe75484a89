import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { filtersProperty, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many user groups',
	description: 'List the user groups (roles) of the Manager account',
};

export const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty([])];

/** `GET /users/groups`: items `{id, name, description}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/users/groups', {});
}
