import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { route, type OperationMap } from '../shared/items';
import * as customer from './actions/customer';
import * as customerIntegration from './actions/customerIntegration';
import * as integrationSession from './actions/integrationSession';
import * as merchant from './actions/merchant';
import * as metrics from './actions/metrics';
import { searchCustomers } from './listSearch';

const operations: OperationMap = {
	customer: customer.operations,
	customerIntegration: customerIntegration.operations,
	integrationSession: integrationSession.operations,
	merchant: merchant.operations,
	metrics: metrics.operations,
};

export class ReporteiConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reportei Connect',
		name: 'reporteiConnect',
		icon: { light: 'file:reportei.svg', dark: 'file:reportei.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Manage Reportei Connect customers and their networks, and read their marketing metrics",
		defaults: { name: 'Reportei Connect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reporteiConnectApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					customer.resource,
					customerIntegration.resource,
					integrationSession.resource,
					merchant.resource,
					metrics.resource,
				],
				default: 'customer',
			},
			...customer.description,
			...customerIntegration.description,
			...integrationSession.description,
			...merchant.description,
			...metrics.description,
			requestOptionsProperty,
		],
	};

	methods = { listSearch: { searchCustomers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
