import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { deleteObject } from '../common';
import { playlistIdField } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a playlist',
	description: 'Delete a playlist by ID; returns {deleted: true}',
};

export const properties: INodeProperties[] = [playlistIdField];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'playlistId', 'Playlist');
	return await deleteObject(item, idPath('playlists', id, 'Playlist ID'));
}
