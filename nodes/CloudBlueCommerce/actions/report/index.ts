import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, download, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Schedule a one-time rated data report', action: 'Create a report' },
			{ name: 'Download', value: 'download', description: 'Download the file of a completed report', action: 'Download a report' },
			{ name: 'Get', value: 'get', description: 'Get a report and its status', action: 'Get a report' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many rated data reports', action: 'Get many reports' },
		],
		default: 'getMany',
	},
	...create.description,
	...download.description,
	...get.description,
	...getMany.description,
];
