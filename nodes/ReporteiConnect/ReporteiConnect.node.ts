import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { defineNode } from '../shared/resources';
import { customer } from './actions/customer';
import { customerIntegration } from './actions/customerIntegration';
import { integrationSession } from './actions/integrationSession';
import { merchant } from './actions/merchant';
import { metrics } from './actions/metrics';
import { reporteiConnectApiTest } from './credentialTest';
import { getAvailableIntegrations, getCustomerIntegrations, searchCustomerIntegrations, searchCustomers } from './listSearch';

const resources = defineNode([customer, customerIntegration, integrationSession, merchant, metrics], 'customer');

export class ReporteiConnect implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reportei Connect',
		name: 'reporteiConnect',
		icon: { light: 'file:reportei.svg', dark: 'file:reportei.dark.svg' },
		group: ['transform'],
		// Version 2 renamed the Get All operations to Get Many; version-1 workflows keep running.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Reportei Connect customers and their networks, and read their marketing metrics',
		defaults: { name: 'Reportei Connect' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reporteiConnectApi', required: true, testedBy: 'reporteiConnectApiTest' }],
		properties: [...resources.properties, requestOptionsProperty],
	};

	methods = {
		credentialTest: { reporteiConnectApiTest },
		listSearch: { searchCustomers, searchCustomerIntegrations },
		loadOptions: { getAvailableIntegrations, getCustomerIntegrations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await resources.route(this);
	}
}
