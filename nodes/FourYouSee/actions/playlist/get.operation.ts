import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simplePlaylist, simplifyProperties } from '../../simplify';
import { fourYouSeeRequest } from '../../transport';
import { playlistIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a playlist by ID',
	description: 'Get one playlist by ID: its items (medias, carousels, news, layouts, videowalls), play sequence and total duration',
};

export const properties: INodeProperties[] = [playlistIdField, ...simplifyProperties()];

/** The answer includes `durationInSeconds` and the expanded items with their `contentSchedule`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'playlistId', 'Playlist');
	return asAsked(item, await fourYouSeeRequest(item, 'GET', idPath('playlists', id, 'Playlist ID')), simplePlaylist);
}
