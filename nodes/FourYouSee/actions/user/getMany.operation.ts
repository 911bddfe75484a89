import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { BY_ID_AND_NAME, filtersProperty, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many users',
	description: 'List the users of the Manager account with their user group',
};

/** Users answer `{id, name, username, email, group}` (users.md). */
const USER_SORT_FIELDS = [...BY_ID_AND_NAME, { name: 'Username', value: 'username' }];

export const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty([], USER_SORT_FIELDS)];

/** `GET /users`: items `{id, name, username, email, group: {id, name}}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/users', {});
}
