import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { newsIdField } from './fields';

const properties: INodeProperties[] = [newsIdField];

export const description = updateDisplayOptions({ show: { resource: ['news'], operation: ['get'] } }, properties);

/** Like the list entry, plus the content `hash`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/news', 'newsId', 'News ID', itemIndex);
	return await fourYouSeeRequest(this, 'GET', path, { itemIndex });
}
