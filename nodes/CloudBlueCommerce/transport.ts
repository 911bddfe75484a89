import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { compact } from '../shared/fields';
import { providerDownload, providerJson, type ProviderDownload, type ProviderProfile, type RequestContext } from '../shared/http';
import { collectPages, eachPage, itemIdentity, offsetLimitEnvelope, type CollectOptions, type Envelope } from '../shared/pagination';
import { classifyFailure, refineError } from './errors';

/** CloudBlue Commerce SimpleAPI v1.15 facts, written once (docs/cloudblue.md, Sources and assumptions). */
export const CLOUDBLUE = {
	/**
	 * The spec's default `limit` is 10 and no maximum is documented (the existing community node uses
	 * up to 500 and notes the maximum is not enforced): 100 keeps pages small enough for a gateway.
	 * ASSUMPTION: 100 is accepted by every deployment.
	 */
	pageSize: 100,
	/** Entries per page of a "From List" picker. */
	pickerPageSize: 50,
	correlationHeader: 'X-Correlation-ID',
	/**
	 * The period Report > Get Many lists when none is given. The RDE how-to says every request
	 * carries `from` and `to`; ASSUMPTION: 30 days is a window every deployment answers.
	 */
	defaultReportDays: 30,
	/**
	 * How far back the report picker looks. ASSUMPTION: 90 days, as long as the SAS links of the
	 * spec example stay valid (`se` 90 days after `st`).
	 */
	pickerReportDays: 90,
	reportStatuses: ['submitted', 'processing', 'completed', 'error', 'unknown'] as const,
	reportFormats: ['json', 'csv', 'xml', 'xlsx'] as const,
	reportTypes: ['periodic', 'daily', 'monthly', 'onetime', 'on_invoice'] as const,
	orderStatuses: ['submitted', 'processing', 'error', 'completed', 'cancelled'] as const,
	orderTypes: ['sales', 'change', 'renewal', 'cancellation', 'migration'] as const,
	subscriptionStatuses: ['pending', 'active', 'hold', 'terminated', 'removed'] as const,
	accountStatuses: ['pending', 'active', 'creditHold', 'adminHold', 'cancelled', 'error'] as const,
	contactTypes: ['admin', 'billing', 'technical'] as const,
};

export const cloudBlueProfile: ProviderProfile = {
	displayName: 'CloudBlue Commerce',
	credentialType: 'cloudBlueCommerceApi',
	baseUrlField: 'baseUrl',
	// "Every response carries an X-Correlation-ID header; send it to support" (SimpleAPI spec v1.15).
	correlationHeader: CLOUDBLUE.correlationHeader,
	// The bearer token comes from the credential's preAuthentication: n8n fetches a new one on a 401.
	refreshTokenOn401: true,
	secretFields: ['subscriptionKey', 'password', 'clientSecret', 'accessToken'],
	accountFields: ['baseUrl', 'subscriptionKey', 'username'],
	classify: (failure) => classifyFailure(failure),
};

interface CloudBlueCall {
	/** Query parameters; empty ones are left out. */
	qs?: IDataObject;
	body?: IDataObject;
	/** A POST that changes nothing (a validation): repeated after a 5xx like a GET. */
	idempotent?: boolean;
}

/** Any SimpleAPI call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function cloudBlueRequest<T = IDataObject>(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CloudBlueCall = {},
): Promise<T> {
	try {
		return await providerJson<T>(request, cloudBlueProfile, {
			method,
			url: path,
			qs: call.qs && compact(call.qs),
			body: call.body,
			idempotent: call.idempotent,
		});
	} catch (error) {
		throw refineError(error, request.n8n.getNode(), cloudBlueProfile.displayName, request.itemIndex);
	}
}

/**
 * One object (a customer, order, report...). The spec says single objects come bare, but its own
 * response links read `$response.body#/data/id` (POST /customers, POST /orders), as if wrapped in
 * `data`: both are accepted (docs/cloudblue.md, Sources and assumptions).
 */
export function singleObject(answer: unknown): IDataObject {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return {};
	const body = answer as IDataObject;
	const data = body.data;
	if (data && typeof data === 'object' && !Array.isArray(data) && body.id === undefined) return data as IDataObject;
	return body;
}

/** A SimpleAPI call that answers one object, bare or in `data`. */
export async function cloudBlueObject(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CloudBlueCall = {},
): Promise<IDataObject> {
	return singleObject(await cloudBlueRequest<unknown>(request, method, path, call));
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * `{data, pagination: {offset, limit, total}}` lists, read so that a server that does not page
 * cannot make the node loop or repeat items: the RDE how-to's answer (`offset` always 0 and
 * `limit` equal to `total`, whatever was asked) is the whole list, and an answer for another window
 * than the one asked for ends the list. A server that ignores `offset` and sends no pagination
 * (Marketplace API 1.1's `/reports`) answers the first page again, with its download links signed
 * anew: a report is the same record by its ID, or without one by its link's blob path, so
 * `eachPage` ends the list there.
 * ASSUMPTION: a server that answers another window than the one asked for does not page at all.
 */
export const cloudBlueEnvelope: Envelope = {
	query: offsetLimitEnvelope.query,
	identity(item) {
		if (item?.id === undefined && typeof item?.downloadUrl === 'string') {
			const { downloadUrl, ...rest } = item;
			return `blob:${downloadUrl.split('?')[0]}:${JSON.stringify(rest)}`;
		}
		return itemIdentity(item);
	},
	read(body, request) {
		const base = offsetLimitEnvelope.read(body, request);
		const b = (body ?? {}) as IDataObject;
		const p = b.pagination && typeof b.pagination === 'object' ? (b.pagination as IDataObject) : undefined;
		if (p) {
			const offset = num(p.offset);
			const limit = num(p.limit);
			const total = num(p.total);
			if (offset !== undefined && offset !== request.offset) return { items: request.offset === 0 ? base.items : [], last: true };
			if (offset === 0 && limit !== undefined && limit === total && limit !== request.size) return { items: base.items, last: true };
		}
		return base;
	},
};

function pageOf(request: RequestContext, path: string, qs: IDataObject) {
	return async (page: IDataObject) => await cloudBlueRequest(request, 'GET', path, { qs: { ...qs, ...page } });
}

/** A list, honouring Return All / Limit. */
export async function cloudBlueList(
	request: RequestContext,
	path: string,
	qs: IDataObject,
	options: CollectOptions,
): Promise<IDataObject[]> {
	return await collectPages(cloudBlueEnvelope, pageOf(request, path, qs), options);
}

/** The same list page by page, for callers that stop once they have what they need. */
export function cloudBlueListPages(
	request: RequestContext,
	path: string,
	qs: IDataObject,
	options: CollectOptions,
): AsyncGenerator<IDataObject[]> {
	return eachPage(cloudBlueEnvelope, pageOf(request, path, qs), options);
}

/** One page of a list for a picker: its items, and whether another page follows. */
export async function cloudBlueListPage(
	request: RequestContext,
	path: string,
	qs: IDataObject,
	page: number,
	size = CLOUDBLUE.pickerPageSize,
): Promise<{ items: IDataObject[]; last: boolean }> {
	const window = { page, offset: (page - 1) * size, size };
	const body = await cloudBlueRequest(request, 'GET', path, { qs: { ...qs, ...cloudBlueEnvelope.query(window) } });
	return cloudBlueEnvelope.read(body, window);
}

/** The query of a download link: the SAS signature and its parameters, never shown in errors. */
export function linkQuery(url: string): string | undefined {
	const at = url.indexOf('?');
	return at === -1 || at === url.length - 1 ? undefined : url.slice(at + 1);
}

/**
 * A report file from its `downloadUrl`, an Azure blob SAS link: fetched anonymously so neither the
 * bearer token nor the subscription key is sent to Azure, as a stream. The link's query (the SAS)
 * is kept out of every error.
 */
export async function cloudBlueDownload(request: RequestContext, downloadUrl: string): Promise<ProviderDownload> {
	const query = linkQuery(downloadUrl);
	const secrets = query ? [query, safeDecode(query)] : [];
	try {
		return await providerDownload(request, cloudBlueProfile, {
			method: 'GET',
			url: downloadUrl,
			anonymous: true,
			secrets,
		});
	} catch (error) {
		throw refineError(error, request.n8n.getNode(), cloudBlueProfile.displayName, request.itemIndex);
	}
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
