import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { route, type OperationMap } from '../shared/items';
import * as campaign from './actions/campaign';
import * as segment from './actions/segment';
import * as statistics from './actions/statistics';

const operations: OperationMap = {
	statistics: statistics.operations,
	campaign: campaign.operations,
	segment: segment.operations,
};

export class Trust implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Trust',
		name: 'trust',
		icon: { light: 'file:trust.svg', dark: 'file:trust.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Create Trust (trust.lat) push campaigns and read their statistics',
		defaults: { name: 'Trust' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'trustApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Segment', value: 'segment' },
					{ name: 'Statistic', value: 'statistics' },
				],
				default: 'statistics',
			},
			...statistics.description,
			...campaign.description,
			...segment.description,
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
