import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { collectPages, pageLimitEnvelope, type CollectOptions } from '../shared/pagination';
import {
	providerJson,
	providerRequest,
	retryPolicyFrom,
	type ProviderProfile,
	type ProviderRequest,
	type RequestContext,
} from '../shared/http';

/** 4YouSee Manager facts, written once (research/providers.md section 1). */
export const FOURYOUSEE = {
	defaultBaseUrl: 'https://api.4yousee.com.br/v1',
	/** "Default and maximum page size is 100"; larger limits are treated as 100. */
	pageSize: 100,
	/** "1 call per second per IP/URI combination"; pacing per account is the stricter reading. */
	minIntervalMs: 1000,
	/** The longest report range the API accepts. */
	maxReportDays: 30,
	reportStatuses: ['waiting', 'success', 'failed'] as const,
	/** The status of a report whose file can be read. */
	reportReady: 'success',
	/** The other final status; any status but these two means "still generating". */
	reportFailed: 'failed',
};

export const fourYouSeeProfile: ProviderProfile = {
	displayName: '4YouSee Manager',
	credentialType: 'fourYouSeeApi',
	baseUrlField: 'baseUrl',
	minIntervalMs: FOURYOUSEE.minIntervalMs,
	secretFields: ['secretToken'],
	accountFields: ['baseUrl', 'secretToken'],
	hint: (failure) => {
		if (failure.status === 401 || failure.status === 403) {
			return 'The Secret-Token was refused: create a new token in 4YouSee Manager and paste it into the credential.';
		}
		if (failure.status === 429) {
			return '4YouSee allows one request per second per account and this account is still over it (another workflow or tool may be using the same token): try again later.';
		}
		return undefined;
	},
};

/**
 * The playlog file lives on S3 behind a public object URL (research "Report file"): it is fetched
 * anonymously, so the Secret-Token never leaves for another host, and its failures are about the
 * link, not the token. The credential is still read so its token is redacted from any error.
 */
export const fourYouSeeStorageProfile: ProviderProfile = {
	displayName: '4YouSee report storage',
	credentialType: 'fourYouSeeApi',
	secretFields: ['secretToken'],
	accountFields: ['baseUrl', 'secretToken'],
	hint: (failure) => {
		if (failure.status === 403 || failure.status === 404 || failure.status === 410) {
			return 'The link to the playlog file was refused or no longer exists: read the report again (Get) for a fresh link, or create the report again.';
		}
		return undefined;
	},
};

export interface FourYouSeeCall {
	qs?: IDataObject;
	body?: ProviderRequest['body'];
	headers?: IDataObject;
	itemIndex?: number;
}

/** Any 4YouSee Manager call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function fourYouSeeRequest<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: FourYouSeeCall = {},
): Promise<T> {
	return await providerJson<T>(
		ctx,
		fourYouSeeProfile,
		{ method, url: path, qs: call.qs, body: call.body, headers: call.headers, itemIndex: call.itemIndex },
		retryPolicyFrom(ctx, call.itemIndex),
	);
}

/** The full response (status, headers, raw or streamed body), for deletes and binary bodies. */
export async function fourYouSeeRaw(
	ctx: RequestContext,
	request: ProviderRequest,
): Promise<IN8nHttpFullResponse> {
	return await providerRequest(ctx, fourYouSeeProfile, request, retryPolicyFrom(ctx, request.itemIndex));
}

/** A paginated list (`results/total/currentPage/totalPages`), honouring Return All / Limit. */
export async function fourYouSeeList(
	ctx: RequestContext,
	path: string,
	qs: IDataObject,
	options: CollectOptions,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(
		pageLimitEnvelope,
		async (page) => await fourYouSeeRequest(ctx, 'GET', path, { qs: { ...qs, ...page }, itemIndex }),
		options,
	);
}

/** The playlog file at a report's `url`, as a stream, without the credential. */
export async function fourYouSeeDownload(
	ctx: RequestContext,
	url: string,
	itemIndex?: number,
): Promise<IN8nHttpFullResponse> {
	return await providerRequest(
		ctx,
		fourYouSeeStorageProfile,
		{ method: 'GET', url, anonymous: true, encoding: 'stream', json: false, itemIndex },
		retryPolicyFrom(ctx, itemIndex),
	);
}
