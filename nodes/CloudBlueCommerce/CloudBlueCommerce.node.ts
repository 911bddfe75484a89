import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operations, resourceDescriptions } from './actions/operations';
import { requestOptionsProperty } from '../shared/descriptions';
import { route } from '../shared/items';

export class CloudBlueCommerce implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CloudBlue Commerce',
		name: 'cloudBlueCommerce',
		icon: { light: 'file:cloudblue.svg', dark: 'file:cloudblue.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Rated data reports (RDE), customers, resellers, orders, subscriptions and the catalog of CloudBlue Commerce SimpleAPI',
		defaults: { name: 'CloudBlue Commerce' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudBlueCommerceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Plan', value: 'plan' },
					{ name: 'Product', value: 'product' },
					{ name: 'Report', value: 'report', description: 'Rated data reports (Reporting and Data Export)' },
					{ name: 'Reseller', value: 'reseller' },
					{ name: 'Subscription', value: 'subscription' },
				],
				default: 'report',
			},
			...resourceDescriptions,
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
