import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pagePerPageEnvelope } from '../shared/pagination';
import { REPORTEI, reporteiRequest } from './transport';

/**
 * Customers for the Customer picker, one Connect page at a time. Connect documents no name filter
 * for GET /customers, so the filter applies to the page read.
 */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Math.max(1, Number(paginationToken ?? 1) || 1);
	const request = { page, offset: (page - 1) * REPORTEI.pageSize, size: REPORTEI.pageSize };
	const body = await reporteiRequest(this, 'GET', '/customers', { qs: pagePerPageEnvelope.query(request) });
	const { items, last } = pagePerPageEnvelope.read(body, request);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = items
		.filter((c) => !needle || String(c.name ?? '').toLowerCase().includes(needle) || String(c.uuid ?? '') === needle)
		.map((c) => ({ name: String(c.name ?? c.uuid), value: String(c.uuid) }));
	return { results, paginationToken: last ? undefined : String(page + 1) };
}
