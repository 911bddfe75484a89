import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { applyPlayerFields, bodyFromPlayer, playerFields, playerIdField } from './fields';

const properties: INodeProperties[] = [
	playerIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: playerFields(true, true),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['player'], operation: ['update'] } }, properties);

/**
 * `PUT /players/{id}` takes the same full body as POST (research section 1, Players), so the player
 * is read first and only the fields set here change: a weekday left out keeps its playlist.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/players', 'playerId', 'Player ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(fields).length === 0) {
		throw inputError(this.getNode(), 'No field to update was set', 'Add at least one field under Update Fields.', itemIndex);
	}
	const current = await fourYouSeeRequest(this, 'GET', path, { itemIndex });
	const body = applyPlayerFields(bodyFromPlayer(current), fields);
	return await fourYouSeeRequest(this, 'PUT', path, { body, itemIndex });
}
