import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { deleteObject } from '../common';
import { playerIdField } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a player',
	description: 'Delete a player by ID; returns {deleted: true}',
};

export const properties: INodeProperties[] = [playerIdField];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'playerId', 'Player');
	return await deleteObject(item, idPath('players', id, 'Player ID'));
}
