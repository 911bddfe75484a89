import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { categoryOrNull, itemsField, itemsFrom, optionalPlaylistFields, sequenceField, sequenceFrom } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a playlist',
	description: 'Create a playlist of medias, carousels, news, layouts and videowalls with its play sequence; returns the playlist',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of the playlist',
	},
	itemsField,
	sequenceField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: optionalPlaylistFields,
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const { itemIndex } = item;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const items = itemsFrom(this.getNodeParameter('items', itemIndex, '[]'));
	const body: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		isSubPlaylist: fields.isSubPlaylist === true,
		category: categoryOrNull(fields.category),
		items,
		sequence: sequenceFrom(this.getNodeParameter('sequence', itemIndex, ''), items.length),
	};
	return await fourYouSeeRequest(item, 'POST', '/playlists', { body });
}
