import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { filtersProperty, listAll } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many reports',
	description: 'List the reports of the account, generated or still generating, with their status, range and file link',
};

/** Report objects have `id`, `createdAt`, `updatedAt` (case fys-reports-list-item-keys). ASSUMPTION: the list sorts by them. */
const REPORT_SORT_FIELDS = [
	{ name: 'Created At', value: 'createdAt' },
	{ name: 'ID', value: 'id' },
	{ name: 'Updated At', value: 'updatedAt' },
];

export const properties: INodeProperties[] = [...returnAllOrLimit({}), filtersProperty([], REPORT_SORT_FIELDS)];

/**
 * ASSUMPTION: the list shape of `GET /reports` is unconfirmed (docs/fouryousee.md, Sources and
 * assumptions). The shared envelope reader takes the usual `{results,total,currentPage,totalPages}`,
 * `{results,total}` or a bare array.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	return await listAll(item, '/reports', {});
}
