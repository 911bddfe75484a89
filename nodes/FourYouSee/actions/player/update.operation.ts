import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { applyPlayerFields, bodyFromPlayer, playerFields, playerIdField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a player',
	description: 'Change a player (name, platform, group, weekday and audio playlists); fields not set keep their value. Returns the player.',
};

export const properties: INodeProperties[] = [
	playerIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: playerFields(true, true),
	},
];

/**
 * `PUT /players/{id}` takes the same full body as POST
 * (https://4yousee-suporte.github.io/endpoints/players.html). ASSUMPTION: a partial body would clear
 * what it leaves out, so the player is read first and only the fields set here change: a weekday
 * left out keeps its playlist.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const path = idPath('players', locatorValue(item, 'playerId', 'Player'), 'Player ID');
	const fields = this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject;
	if (Object.keys(fields).length === 0) {
		throw new InputError('No field to update was set', 'Add at least one field under Update Fields.');
	}
	const current = await fourYouSeeRequest(item, 'GET', path);
	const body = applyPlayerFields(bodyFromPlayer(current), fields);
	return await fourYouSeeRequest(item, 'PUT', path, { body });
}
