import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { REPORTEI, reporteiList } from '../../transport';

const show = { resource: ['customer'], operation: ['getAll'] };

const properties: INodeProperties[] = [...returnAllOrLimit(show)];

export const description = updateDisplayOptions({ show }, properties);

/** The merchant's customers, 100 a page (Laravel paginator). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await reporteiList(this, '/customers', listOptions(this, itemIndex, REPORTEI.pageSize), { itemIndex });
}
