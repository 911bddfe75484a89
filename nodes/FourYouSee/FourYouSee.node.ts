import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { defineNode } from '../shared/resources';
import { media } from './actions/media';
import { mediaCategory } from './actions/mediaCategory';
import { news } from './actions/news';
import { newsSource } from './actions/newsSource';
import { player } from './actions/player';
import { playlist } from './actions/playlist';
import { report } from './actions/report';
import { template } from './actions/template';
import { upload } from './actions/upload';
import { user } from './actions/user';
import { userGroup } from './actions/userGroup';
import { listSearch, loadOptions } from './listSearch';

const resources = defineNode(
	[media, mediaCategory, news, newsSource, player, playlist, report, template, upload, user, userGroup],
	'report',
);

export class FourYouSee implements INodeType {
	description: INodeTypeDescription = {
		displayName: '4YouSee Manager',
		name: 'fourYouSee',
		icon: { light: 'file:fouryousee.svg', dark: 'file:fouryousee.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage 4YouSee Manager digital signage and read its proof-of-play reports',
		defaults: { name: '4YouSee Manager' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fourYouSeeApi', required: true }],
		properties: [...resources.properties, requestOptionsProperty],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await resources.route(this);
	}
}
