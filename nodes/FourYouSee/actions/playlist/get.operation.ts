import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { playlistIdField } from './fields';

const properties: INodeProperties[] = [playlistIdField];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['get'] } }, properties);

/** The answer includes `durationInSeconds` and the expanded items with their `contentSchedule`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/playlists', 'playlistId', 'Playlist ID', itemIndex);
	return await fourYouSeeRequest(this, 'GET', path, { itemIndex });
}
