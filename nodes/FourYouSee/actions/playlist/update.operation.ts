import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import {
	categoryOrNull,
	itemsField,
	itemsFrom,
	optionalPlaylistFields,
	playlistIdField,
	sequenceField,
	sequenceFrom,
} from './fields';

const properties: INodeProperties[] = [
	playlistIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...optionalPlaylistFields,
			itemsField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ ...sequenceField, description: `${sequenceField.description} Needs Items.` },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['update'] } }, properties);

/**
 * Sends only the fields set (assumption: `PUT /playlists/{id}` accepts a partial body like the media
 * PUT example, research section 1). Items and sequence go together because sequence indexes items.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/playlists', 'playlistId', 'Playlist ID', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.name !== undefined && fields.name !== '') body.name = fields.name;
	if (fields.isSubPlaylist !== undefined) body.isSubPlaylist = fields.isSubPlaylist === true;
	if (fields.category !== undefined) body.category = categoryOrNull(fields.category);
	if (fields.items !== undefined) {
		const items = itemsFrom(this, fields.items, itemIndex);
		body.items = items;
		body.sequence = sequenceFrom(this, fields.sequence ?? '', items.length, itemIndex);
	} else if (fields.sequence !== undefined && String(fields.sequence).trim() !== '') {
		throw inputError(
			this.getNode(),
			'Sequence needs Items',
			'The sequence points at positions in Items: add Items (JSON) with the playlist contents too.',
			itemIndex,
		);
	}
	if (Object.keys(body).length === 0) {
		throw inputError(this.getNode(), 'No field to update was set', 'Add at least one field under Update Fields.', itemIndex);
	}
	return await fourYouSeeRequest(this, 'PUT', path, { body, itemIndex });
}
