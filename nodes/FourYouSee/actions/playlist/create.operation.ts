import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { categoryOrNull, itemsField, itemsFrom, optionalPlaylistFields, sequenceField, sequenceFrom } from './fields';

const properties: INodeProperties[] = [
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
		placeholder: 'Add Field',
		default: {},
		options: optionalPlaylistFields,
	},
];

export const description = updateDisplayOptions({ show: { resource: ['playlist'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const items = itemsFrom(this, this.getNodeParameter('items', itemIndex, '[]'), itemIndex);
	const body: IDataObject = {
		name: this.getNodeParameter('name', itemIndex) as string,
		isSubPlaylist: fields.isSubPlaylist === true,
		category: categoryOrNull(fields.category),
		items,
		sequence: sequenceFrom(this, this.getNodeParameter('sequence', itemIndex, ''), items.length, itemIndex),
	};
	return await fourYouSeeRequest(this, 'POST', '/playlists', { body, itemIndex });
}
