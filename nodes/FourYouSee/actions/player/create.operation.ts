import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { applyPlayerFields, PLATFORMS, playerFields } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a player',
	description: 'Register a new player (screen) with its platform, group and playlists; returns the player',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The name of the player',
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'options',
		options: PLATFORMS,
		default: '4YOUSEE_PLAYER',
		description: 'The device family the player runs on',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: playerFields(false, false),
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', item.itemIndex, {}) as IDataObject;
	const body = applyPlayerFields(
		{
			name: this.getNodeParameter('name', item.itemIndex) as string,
			platform: this.getNodeParameter('platform', item.itemIndex) as string,
		},
		fields,
	);
	return await fourYouSeeRequest(item, 'POST', '/players', { body });
}
