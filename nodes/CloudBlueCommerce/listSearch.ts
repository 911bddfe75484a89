import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestContext } from '../shared/http';
import { searchPageNumber, searchResults } from '../shared/locators';
import { eachReport, normalizeReport, shiftDay, today } from './reports';
import { CLOUDBLUE, cloudBlueListPage } from './transport';

/**
 * The "From List" pickers: one SimpleAPI list page per call (offset/limit, the next page number
 * as the pagination token), paced and retried by the transport like every call. A server that
 * ignores offset/limit answers everything at once, which then is the only page. Where the API
 * filters by name (customers, resellers, products) the typed text is sent; elsewhere the page is
 * filtered by name or ID.
 */

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** A failed list call as the picker shows it: what failed and the provider's words. */
function listFailed(ctx: ILoadOptionsFunctions, what: string, error: unknown): Error {
	const reason = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: string }).description;
	return new NodeOperationError(ctx.getNode(), `Could not list the ${what}: ${reason}`, {
		description: description ?? 'Check the credential, or enter the ID instead (By ID).',
	});
}

async function page(
	ctx: ILoadOptionsFunctions,
	what: string,
	path: string,
	qs: IDataObject,
	paginationToken: string | undefined,
	entry: (object: IDataObject) => INodeListSearchItems | undefined,
	filter?: string,
): Promise<INodeListSearchResult> {
	const number = searchPageNumber(paginationToken);
	let answer: { items: IDataObject[]; last: boolean };
	try {
		answer = await cloudBlueListPage(requestContext(ctx), path, qs, number);
	} catch (error) {
		throw listFailed(ctx, what, error);
	}
	return searchResults({ items: answer.items, next: answer.last ? undefined : String(number + 1) }, entry, filter);
}

function named(object: IDataObject, ...details: unknown[]): string {
	const extra = details.map(text).filter((d) => d !== '');
	const name = text(object.name) || text(object.id);
	return extra.length ? `${name} (${extra.join(', ')})` : name;
}

function account(object: IDataObject): INodeListSearchItems | undefined {
	if (object.id === undefined || object.id === null) return undefined;
	return { name: named(object, object.id, object.status), value: text(object.id) };
}

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	// getCustomers: "name: Find customers that are similar to the provided name" (spec v1.15).
	return await page(this, 'customers', '/customers', { name: filter?.trim() || undefined }, paginationToken, account);
}

export async function searchResellers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await page(this, 'resellers', '/resellers', { name: filter?.trim() || undefined }, paginationToken, account);
}

export async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await page(
		this,
		'orders',
		'/orders',
		{},
		paginationToken,
		(order) =>
			order.id === undefined || order.id === null
				? undefined
				: {
						name: `${text(order.orderNumber) || text(order.id)} (${[order.type, order.status, text(order.creationDate).slice(0, 10), order.customerId ? `customer ${text(order.customerId)}` : '']
							.map(text)
							.filter(Boolean)
							.join(', ')})`,
						value: text(order.id),
					},
		filter,
	);
}

export async function searchSubscriptions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await page(
		this,
		'subscriptions',
		'/subscriptions',
		{},
		paginationToken,
		(subscription) =>
			subscription.id === undefined || subscription.id === null
				? undefined
				: {
						name: named(subscription, subscription.id, subscription.status, subscription.customerId ? `customer ${text(subscription.customerId)}` : ''),
						value: text(subscription.id),
					},
		filter,
	);
}

export async function searchPlans(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await page(
		this,
		'service plans',
		'/plans',
		{},
		paginationToken,
		(plan) => (plan.id === undefined || plan.id === null ? undefined : { name: named(plan, plan.id), value: text(plan.id) }),
		filter,
	);
}

/** Products by MPN, the identifier order lines use. */
export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await page(
		this,
		'products',
		'/products',
		{ name: filter?.trim() || undefined },
		paginationToken,
		(product) => (product.mpn ? { name: `${text(product.name) || text(product.mpn)} (${[product.vendor, product.mpn].map(text).filter(Boolean).join(', ')})`, value: text(product.mpn) } : undefined),
	);
}

/**
 * Reports of the last `pickerReportDays` days, newest first, named by name, format and creation
 * date. The value is what Download needs: the ID, or, where the server lists reports without one
 * (RDE how-to), the download link. `GET /reports` takes a period rather than pages (its offset and
 * limit "are not parsed"), so the whole period is one page.
 */
export async function searchReports(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const to = shiftDay(today(), 1);
	const from = shiftDay(today(), -CLOUDBLUE.pickerReportDays);
	const reports: IDataObject[] = [];
	try {
		for await (const report of eachReport(requestContext(this), { from, to })) reports.push(normalizeReport(report));
	} catch (error) {
		throw listFailed(this, 'reports', error);
	}
	reports.sort((a, b) => text(b.creationDate).localeCompare(text(a.creationDate)));
	return searchResults(
		{ items: reports },
		(report) => {
			const value = text(report.id) || text(report.downloadUrl);
			if (!value) return undefined;
			const details = [text(report.format).toUpperCase(), text(report.creationDate).replace('T', ' ').slice(0, 16), report.status ? text(report.status) : ''];
			return { name: `${text(report.name) || 'Report'} (${details.filter(Boolean).join(', ')})`, value };
		},
		filter,
	);
}
