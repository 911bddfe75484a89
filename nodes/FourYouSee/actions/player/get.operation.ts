import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simplePlayer, simplifyProperties } from '../../simplify';
import { fourYouSeeRequest } from '../../transport';
import { playerIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a player by ID',
	description: 'Get one player by ID: its platform, group, status, last contact and the playlist of each weekday',
};

export const properties: INodeProperties[] = [playerIdField, ...simplifyProperties()];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'playerId', 'Player');
	return asAsked(item, await fourYouSeeRequest(item, 'GET', idPath('players', id, 'Player ID')), simplePlayer);
}
