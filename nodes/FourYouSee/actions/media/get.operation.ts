import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { mediaIdField } from './fields';

const properties: INodeProperties[] = [mediaIdField];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/medias', 'mediaId', 'Media ID', itemIndex);
	return await fourYouSeeRequest(this, 'GET', path, { itemIndex });
}
