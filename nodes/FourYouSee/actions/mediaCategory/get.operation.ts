import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { pathFromParameter } from '../libraryHelpers';
import { categoryIdField } from './fields';

const properties: INodeProperties[] = [categoryIdField];

export const description = updateDisplayOptions({ show: { resource: ['mediaCategory'], operation: ['get'] } }, properties);

/** Returns `{id, name, description, parent, children, autoShuffle, updateFlow, sequence, carouselThumbnail}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/medias/categories', 'categoryId', 'Category ID', itemIndex);
	return await fourYouSeeRequest(this, 'GET', path, { itemIndex });
}
