import type { INodeProperties } from 'n8n-workflow';

export const customerIntegrationIdField: INodeProperties = {
	displayName: 'Customer Integration ID',
	name: 'customerIntegrationId',
	type: 'string',
	default: '',
	required: true,
	description: 'The uuid of one network the customer connected (Customer > Get Settings lists them)',
};
