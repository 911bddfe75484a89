import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestContext } from '../shared/http';
import { searchResults } from '../shared/locators';
import { pageSizeFor, readPage } from './lists';
import { REPORTEI, reporteiRequest, unwrap } from './transport';

/**
 * The pickers' lists: customers (merchant token), a customer's integrations (that customer's
 * token, read from the node's Customer Token field) and the integrations a merchant offers.
 * Requests go through the transport, so they are paced and fail with Reportei's own words.
 */

/**
 * Customers for the Customer picker, one Connect page at a time (the pagination token is the
 * position in the list, so a page size lowered by lists.ts stays aligned). Connect documents no
 * name filter for GET /customers, so the filter applies to the page read.
 */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const request = requestContext(this);
	const position = Math.max(0, Math.floor(Number(paginationToken ?? 0)) || 0);
	const page = await readPage(request, '/customers', {}, { position, size: pageSizeFor(request, '/customers') });
	return searchResults(
		{ items: page.items, next: page.next ? String(page.next.position) : undefined },
		(c) => (typeof c.uuid === 'string' ? { name: String(c.name ?? c.uuid), value: c.uuid } : undefined),
		filter,
	);
}

/**
 * The Customer Token the node holds, for lists that only that customer's token can read. An
 * expression is resolved by the editor when it can be; otherwise there is nothing to list with.
 */
function pickerToken(ctx: ILoadOptionsFunctions): string {
	const raw = ctx.getCurrentNodeParameter('customerToken');
	const token = typeof raw === 'string' ? raw.trim() : '';
	if (token === '' || token.startsWith('=')) {
		throw new NodeOperationError(ctx.getNode(), 'Enter the Customer Token to list this customer\'s integrations', {
			description:
				"Reportei lists a customer's integrations only with that customer's api_token. Enter it in Customer Token (an expression works once the editor can resolve it, after the previous node ran), or enter the integration's uuid By ID.",
		});
	}
	return token;
}

/** The integrations of the Customer Token's customer, from its settings (one answer, no pages). */
async function customerIntegrations(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const body = await reporteiRequest(requestContext(ctx), 'GET', REPORTEI.customerSettingsPath, { customerToken: pickerToken(ctx) });
	const integrations = unwrap(body, 'customer').integrations;
	return Array.isArray(integrations) ? (integrations as IDataObject[]) : [];
}

/**
 * `integrations[]` of GET /customers/settings: `{uuid, integration, name, slug, status}`
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md).
 */
function integrationOption(entry: IDataObject): INodePropertyOptions | undefined {
	if (typeof entry.uuid !== 'string') return undefined;
	const network = String(entry.integration ?? entry.slug ?? 'Integration');
	const account = entry.name ? ` · ${String(entry.name)}` : '';
	const status = entry.status && entry.status !== 'active' ? ` (${String(entry.status)})` : '';
	return { name: `${network}${account}${status}`, value: entry.uuid, description: `Slug ${String(entry.slug ?? '?')}, status ${String(entry.status ?? '?')}` };
}

/** The Customer Integration picker: the integrations of the customer whose token the node holds. */
export async function searchCustomerIntegrations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchResults({ items: await customerIntegrations(this) }, (entry) => integrationOption(entry), filter);
}

/** The same integrations for a multi-select. */
export async function getCustomerIntegrations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await customerIntegrations(this)).map(integrationOption).filter((o): o is INodePropertyOptions => !!o);
}

/**
 * The integrations the merchant offers, by API slug: slugs come from the merchant settings only,
 * as the landing page's names (instagram, google_adwords) are not the API's (docs/reportei.md).
 */
export async function getAvailableIntegrations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const body = await reporteiRequest(requestContext(this), 'GET', REPORTEI.merchantSettingsPath);
	const available = unwrap(body, 'merchant').available_integrations;
	return (Array.isArray(available) ? (available as IDataObject[]) : [])
		.filter((entry) => typeof entry?.slug === 'string')
		.map((entry) => ({ name: String(entry.name ?? entry.slug), value: String(entry.slug), description: `Slug ${String(entry.slug)}` }));
}
