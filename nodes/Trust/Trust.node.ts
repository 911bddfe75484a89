import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { defineNode } from '../shared/resources';
import { campaign } from './actions/campaign';
import { segment } from './actions/segment';
import { statistics } from './actions/statistics';
import { trustApiTest } from './credentialTest';
import { searchMessages, searchSegments } from './listSearch';

const resources = defineNode([statistics, campaign, segment], 'statistics');

export class Trust implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Trust',
		name: 'trust',
		icon: { light: 'file:trust.svg', dark: 'file:trust.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create Trust (trust.lat) push campaigns and segments, list campaigns and read their statistics',
		defaults: { name: 'Trust' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'trustApi', required: true, testedBy: 'trustApiTest' }],
		properties: [...resources.properties, requestOptionsProperty],
	};

	methods = { credentialTest: { trustApiTest }, listSearch: { searchMessages, searchSegments } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await resources.route(this);
	}
}
