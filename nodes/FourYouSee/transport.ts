import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { compact } from '../shared/fields';
import { providerDownload, providerJson, type ProviderDownload, type ProviderProfile, type ProviderRequest, type RequestContext } from '../shared/http';
import { collectPages, pageLimitEnvelope, type CollectOptions } from '../shared/pagination';

/** 4YouSee Manager facts, written once (docs/fouryousee.md, Sources and assumptions). */
export const FOURYOUSEE = {
	/** "Default and maximum page size is 100"; larger limits are treated as 100. */
	pageSize: 100,
	/** "1 call per second per IP/URI combination". ASSUMPTION: counted per token for all paths, the stricter reading. */
	minIntervalMs: 1000,
	/** The longest report range the API accepts. */
	maxReportDays: 30,
	/** The status of a report whose file can be read. */
	reportReady: 'success',
	/** The other final status. ASSUMPTION: any status but these two means "still generating". */
	reportFailed: 'failed',
};

/** The `error` code some Manager error bodies carry next to their message. */
function managerCode(body: unknown): unknown {
	return body && typeof body === 'object' ? (body as IDataObject).error : undefined;
}

export const fourYouSeeProfile: ProviderProfile = {
	displayName: '4YouSee Manager',
	credentialType: 'fourYouSeeApi',
	baseUrlField: 'baseUrl',
	minIntervalMs: FOURYOUSEE.minIntervalMs,
	secretFields: ['secretToken'],
	accountFields: ['baseUrl', 'secretToken'],
	classify: (failure, said) => {
		// `{"error":"C004","message":"Resource not found."}` is the Manager's other "not found" answer:
		// status 400 on DELETE /medias/{id}, unrecorded on GET /news/{id} (docs/fouryousee.md, Sources
		// and assumptions). It means "not found" whatever the status and path.
		if (String(managerCode(failure.body) ?? '').toUpperCase() === 'C004') {
			return { notFound: true, hint: 'Nothing was found at that ID (4YouSee code C004): check that it exists and belongs to this account.' };
		}
		// "... does not belong to current user" is an object of another account, not a bad token; its
		// status is not recorded, so the words decide.
		if (said && /does not belong/i.test(said)) {
			return { notFound: true, hint: 'That object belongs to another 4YouSee account: check the ID, or use the credential of the account that owns it.' };
		}
		// "<Thing> with ID n was not found", "Upload file not found": not found, whatever status came with it.
		if (failure.status !== undefined && failure.status >= 400 && failure.status < 500 && failure.status !== 429 && said && /\bnot found\b/i.test(said)) {
			return { notFound: true, hint: 'Nothing was found at that ID: check that it exists and belongs to this account.' };
		}
		if (failure.status === 401 || failure.status === 403) {
			return { hint: 'The Secret-Token was refused: create a new token in 4YouSee Manager and paste it into the credential.' };
		}
		if (failure.status === 429) {
			return { hint: '4YouSee allows one request per second per account and this account is still over it (another workflow or tool may be using the same token): try again later.' };
		}
		return undefined;
	},
};

/**
 * The playlog file lives on S3 behind a public object URL (docs/fouryousee.md, Credential): it is fetched
 * anonymously, so the Secret-Token never leaves for another host, and its failures are about the
 * link, not the token. The credential is still read so its token is redacted from any error.
 */
export const fourYouSeeStorageProfile: ProviderProfile = {
	displayName: '4YouSee report storage',
	credentialType: 'fourYouSeeApi',
	secretFields: ['secretToken'],
	accountFields: ['baseUrl', 'secretToken'],
	classify: (failure) => {
		if (failure.status === 403 || failure.status === 404 || failure.status === 410) {
			return { hint: 'The link to the playlog file was refused or no longer exists: read the report again (Get) for a fresh link, or create the report again.' };
		}
		return undefined;
	},
};

export interface FourYouSeeCall {
	/** Query parameters; empty ones are left out. */
	qs?: IDataObject;
	body?: ProviderRequest['body'];
	headers?: IDataObject;
}

/** Any 4YouSee Manager call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function fourYouSeeRequest<T = IDataObject>(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: FourYouSeeCall = {},
): Promise<T> {
	return await providerJson<T>(request, fourYouSeeProfile, {
		method,
		url: path,
		qs: call.qs && compact(call.qs),
		body: call.body,
		headers: call.headers,
	});
}

/** A paginated list (`results/total/currentPage/totalPages`), honouring Return All / Limit. */
export async function fourYouSeeList(
	request: RequestContext,
	path: string,
	qs: IDataObject,
	options: CollectOptions,
): Promise<IDataObject[]> {
	return await collectPages(
		pageLimitEnvelope,
		async (page) => await fourYouSeeRequest(request, 'GET', path, { qs: { ...qs, ...page } }),
		options,
	);
}

/**
 * The playlog file at a report's `url`, as a stream, without the credential, with the options to
 * read it by (Stop, the idle timeout and its Content-Length, so a short body fails).
 */
export async function fourYouSeeDownload(request: RequestContext, url: string): Promise<ProviderDownload> {
	return await providerDownload(request, fourYouSeeStorageProfile, {
		method: 'GET',
		url,
		anonymous: true,
		encoding: 'stream',
		json: false,
	});
}
