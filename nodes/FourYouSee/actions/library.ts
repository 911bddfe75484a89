import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationMap } from '../../shared/items';
import * as media from './media';
import * as mediaCategory from './mediaCategory';
import * as news from './news';
import * as newsSource from './newsSource';
import * as player from './player';
import * as playlist from './playlist';
import * as template from './template';
import * as upload from './upload';
import * as user from './user';
import * as userGroup from './userGroup';

/**
 * The 4YouSee Manager library resources (everything but reports), for the node's Resource selector:
 * their options, their operation selectors and fields, and their operations by resource value.
 */
const resources = [media, mediaCategory, news, newsSource, player, playlist, template, upload, user, userGroup];

export const libraryResources: {
	options: INodePropertyOptions[];
	properties: INodeProperties[];
	operations: OperationMap;
} = {
	options: resources.map((r) => r.resource),
	properties: resources.flatMap((r) => r.properties),
	operations: Object.fromEntries(resources.map((r) => [r.resource.value as string, r.operations])),
};
