import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteObject, pathFromParameter } from '../libraryHelpers';
import { newsIdField } from './fields';

const properties: INodeProperties[] = [newsIdField];

export const description = updateDisplayOptions({ show: { resource: ['news'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/news', 'newsId', 'News ID', itemIndex);
	return await deleteObject(this, path, itemIndex);
}
