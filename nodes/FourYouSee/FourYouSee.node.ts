import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { route, type OperationMap } from '../shared/items';
import { libraryResources } from './actions/library';
import { reportOperations, reportOption, reportProperties } from './actions/report';

const operations: OperationMap = { report: reportOperations, ...libraryResources.operations };

export class FourYouSee implements INodeType {
	description: INodeTypeDescription = {
		displayName: '4YouSee Manager',
		name: 'fourYouSee',
		icon: { light: 'file:fouryousee.svg', dark: 'file:fouryousee.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage 4YouSee Manager digital signage and read its proof-of-play reports',
		defaults: { name: '4YouSee Manager' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fourYouSeeApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'report',
				options: [reportOption, ...libraryResources.options].sort((a, b) => a.name.localeCompare(b.name)),
			},
			...reportProperties,
			...libraryResources.properties,
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route(this, operations);
	}
}
