import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { TOKEN_FAILURE_CODE } from './auth';
import { collectPages, offsetLimitEnvelope, type CollectOptions } from '../shared/pagination';
import {
	pathSegment,
	providerJson,
	providerRequest,
	retryPolicyFrom,
	type ProviderProfile,
	type RequestContext,
} from '../shared/http';

/** CloudBlue Commerce SimpleAPI v1.15 facts, written once (research/providers.md section 2). */
export const CLOUDBLUE = {
	/**
	 * The spec's default `limit` is 10 and no maximum is documented (the existing community node uses
	 * up to 500 and notes the maximum is not enforced): 100 keeps pages small enough for a gateway.
	 */
	pageSize: 100,
	correlationHeader: 'X-Correlation-ID',
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
	// "Every response carries an X-Correlation-ID header; send it to support" (spec).
	correlationHeader: CLOUDBLUE.correlationHeader,
	secretFields: ['subscriptionKey', 'password', 'clientSecret', 'accessToken'],
	accountFields: ['baseUrl', 'subscriptionKey', 'username'],
	hint: (failure) => {
		const body = (failure.body ?? {}) as IDataObject;
		if (body.code === TOKEN_FAILURE_CODE && typeof body.fix === 'string') return body.fix;
		const said = JSON.stringify(failure.body ?? '').toLowerCase();
		if ((failure.status === 401 || failure.status === 403) && said.includes('subscription key')) {
			return 'The API gateway refused the Subscription Key: copy it again from the reseller control panel (Marketplace API) into the credential.';
		}
		if (failure.status === 401) {
			return 'The bearer token was refused even after a new one was fetched: check that the API user may use the Marketplace API, then test the credential.';
		}
		if (failure.status === 429) {
			// No numbers are published: the limits belong to the reseller's API gateway subscription.
			return 'The API gateway subscription allows only so many requests per period and it is still exhausted: try again later, or process fewer items at once.';
		}
		return undefined;
	},
};

export interface CloudBlueCall {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** A POST that changes nothing (a validation): repeated after a 5xx like a GET. */
	idempotent?: boolean;
}

function cleanQuery(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) if (value !== undefined && value !== '') out[key] = value;
	return out;
}

/** Any SimpleAPI call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function cloudBlueRequest<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: CloudBlueCall = {},
): Promise<T> {
	return await providerJson<T>(
		ctx,
		cloudBlueProfile,
		{ method, url: path, qs: cleanQuery(call.qs), body: call.body, itemIndex: call.itemIndex, idempotent: call.idempotent },
		retryPolicyFrom(ctx, call.itemIndex),
	);
}

/**
 * A list answered as `{data, pagination: {offset, limit, total}}`, honouring Return All / Limit. The
 * envelope also accepts servers that ignore offset/limit (older `GET /reports`, RDE how-to).
 */
export async function cloudBlueList(
	ctx: RequestContext,
	path: string,
	qs: IDataObject,
	options: CollectOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(
		offsetLimitEnvelope,
		async (page) => await cloudBlueRequest(ctx, 'GET', path, { qs: { ...qs, ...page }, itemIndex }),
		options,
	);
}

/** `/<collection>/<id>` with the ID encoded as one path segment. */
export function itemPath(collection: string, id: unknown, ...rest: string[]): string {
	return [`/${collection}`, pathSegment(id), ...rest].join('/');
}

/**
 * A report file from its `downloadUrl`, an Azure blob SAS link: fetched anonymously so neither the
 * bearer token nor the subscription key is sent to Azure, as a stream.
 */
export async function downloadReportFile(
	ctx: RequestContext,
	downloadUrl: string,
	itemIndex?: number,
): Promise<IN8nHttpFullResponse> {
	return await providerRequest(
		ctx,
		cloudBlueProfile,
		{ method: 'GET', url: downloadUrl, anonymous: true, encoding: 'stream', json: false, itemIndex },
		retryPolicyFrom(ctx, itemIndex),
	);
}
