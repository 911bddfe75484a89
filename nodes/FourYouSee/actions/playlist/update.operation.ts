import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import {
	categoryOrNull,
	itemsField,
	itemsFrom,
	optionalPlaylistFields,
	playlistIdField,
	sequenceField,
	sequenceFrom,
} from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a playlist',
	description: 'Change a playlist: name, items and play sequence, category, sub-playlist flag; returns the playlist'
};

export const properties: INodeProperties[] = [
	playlistIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			...optionalPlaylistFields,
			itemsField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name of the playlist' },
			{ ...sequenceField, description: `${sequenceField.description} Needs Items.` },
		],
	},
];

/**
 * ASSUMPTION: `PUT /playlists/{id}` accepts a partial body like the documented media PUT, so only
 * the fields set are sent (docs/fouryousee.md, Sources and assumptions). Items and sequence go
 * together because sequence indexes items.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const path = idPath('playlists', locatorValue(item, 'playlistId', 'Playlist'), 'Playlist ID');
	const fields = this.getNodeParameter('updateFields', item.itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined && fields.name !== '') body.name = fields.name;
	if (fields.isSubPlaylist !== undefined) body.isSubPlaylist = fields.isSubPlaylist === true;
	if (fields.category !== undefined) body.category = categoryOrNull(fields.category);
	if (fields.items !== undefined) {
		const items = itemsFrom(fields.items);
		body.items = items;
		body.sequence = sequenceFrom(fields.sequence ?? '', items.length);
	} else if (fields.sequence !== undefined && String(fields.sequence).trim() !== '') {
		throw new InputError(
			'Sequence needs Items',
			'The sequence points at positions in Items: add Items (JSON) with the playlist contents too.',
		);
	}
	if (Object.keys(body).length === 0) {
		throw new InputError('No field to update was set', 'Add at least one field under Update Fields.');
	}
	return await fourYouSeeRequest(item, 'PUT', path, { body });
}
