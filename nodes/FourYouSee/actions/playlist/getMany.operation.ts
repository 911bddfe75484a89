import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simplePlaylist, simplifyProperties } from '../../simplify';
import { filtersProperty, idAndNameFilters, listByIdAndName } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many playlists',
	description: 'List the playlists of the account with their items and duration, filtered by IDs or name',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty(idAndNameFilters('playlist', 'Playlists', 'e.g. 401, 403')),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return asAsked(item, await listByIdAndName(item, '/playlists'), simplePlaylist);
}
