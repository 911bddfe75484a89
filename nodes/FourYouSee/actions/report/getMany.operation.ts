import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { FOURYOUSEE, fourYouSeeList } from '../../transport';

const show = { resource: ['report'], operation: ['getMany'] };

export const description: INodeProperties[] = updateDisplayOptions({ show }, returnAllOrLimit({}));

/**
 * Research open question 2: the list shape of `GET /reports` is unconfirmed. The shared envelope
 * reader takes the usual `{results,total,currentPage,totalPages}`, `{results,total}` or a bare array.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await fourYouSeeList(this, '/reports', {}, listOptions(this, itemIndex, FOURYOUSEE.pageSize), itemIndex);
}
