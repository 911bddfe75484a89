import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { defineNode } from '../shared/resources';
import { customer } from './actions/customer';
import { order } from './actions/order';
import { plan } from './actions/plan';
import { product } from './actions/product';
import { report } from './actions/report';
import { reseller } from './actions/reseller';
import { subscription } from './actions/subscription';
import * as listSearch from './listSearch';

const resources = defineNode([report, customer, reseller, order, subscription, product, plan], 'report');

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
		properties: [...resources.properties, requestOptionsProperty],
	};

	methods = {
		listSearch: {
			searchCustomers: listSearch.searchCustomers,
			searchOrders: listSearch.searchOrders,
			searchPlans: listSearch.searchPlans,
			searchProducts: listSearch.searchProducts,
			searchReports: listSearch.searchReports,
			searchResellers: listSearch.searchResellers,
			searchSubscriptions: listSearch.searchSubscriptions,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await resources.route(this);
	}
}
