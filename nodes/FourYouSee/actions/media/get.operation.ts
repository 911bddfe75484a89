import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { asAsked, simpleMedia, simplifyProperties } from '../../simplify';
import { fourYouSeeRequest } from '../../transport';
import { mediaIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a media by ID',
	description: 'Get one media of the content library by ID: its file, duration, categories and schedule',
};

export const properties: INodeProperties[] = [mediaIdField, ...simplifyProperties()];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'mediaId', 'Media');
	return asAsked(item, await fourYouSeeRequest(item, 'GET', idPath('medias', id, 'Media ID')), simpleMedia);
}
