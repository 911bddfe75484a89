import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simplePlayer, simplifyProperties } from '../../simplify';
import { filtersProperty, idAndNameFilters, listByIdAndName } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many players',
	description: 'List the players of the account with their status and last contact, filtered by IDs or name',
};

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...simplifyProperties(),
	filtersProperty(idAndNameFilters('player', 'Players', 'e.g. 101, 102')),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return asAsked(item, await listByIdAndName(item, '/players'), simplePlayer);
}
