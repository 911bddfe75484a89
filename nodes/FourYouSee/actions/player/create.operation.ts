import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { applyPlayerFields, PLATFORMS, playerFields } from './fields';

const properties: INodeProperties[] = [
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
		placeholder: 'Add Field',
		default: {},
		options: playerFields(false, false),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['player'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = applyPlayerFields(
		{
			name: this.getNodeParameter('name', itemIndex) as string,
			platform: this.getNodeParameter('platform', itemIndex) as string,
		},
		fields,
	);
	return await fourYouSeeRequest(this, 'POST', '/players', { body, itemIndex });
}
