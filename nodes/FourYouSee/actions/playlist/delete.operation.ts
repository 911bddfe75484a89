import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteObject, pathFromParameter } from '../libraryHelpers';
import { playlistIdField } from './fields';

const properties: INodeProperties[] = [playlistIdField];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/playlists', 'playlistId', 'Playlist ID', itemIndex);
	return await deleteObject(this, path, itemIndex);
}
