import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiError, inputError } from '../shared/errors';
import { providerJson, retryPolicyFrom, type ProviderProfile, type RequestContext } from '../shared/http';
import { trustUrls } from './environments';

/** Trust Campaigns API facts, written once (research/providers.md section 3). */
export const TRUST = {
	credentialType: 'trustApi',
	campaignsPath: '/campaigns/api/v1',
	segmentsPath: '/message-persistance/api/v1/segment',
	/** Without a date range the statistics cover "the last 7 days". */
	defaultStatisticsDays: 7,
	/**
	 * The statistics date-range query parameters. The Campaigns docs cut off before naming them
	 * (research open question 1, Trust); Trust's Chronos service names its range `from_date` /
	 * `until_date` as YYYY-MM-DD, so these are the most likely names. Change them here only.
	 */
	statisticsRange: { from: 'from_date', until: 'until_date' },
};

export const trustProfile: ProviderProfile = {
	displayName: 'Trust',
	credentialType: TRUST.credentialType,
	secretFields: ['clientSecret', 'accessToken'],
	accountFields: ['environment', 'apiUrl', 'clientId'],
	hint: (failure) => {
		switch (failure.status) {
			case 401:
				return 'Trust refused the access token even after a new one was fetched from Atenea: check that the client ID belongs to the chosen environment and may use the Campaigns API.';
			case 403:
				return 'This client may not act on that company: check the Company ID (or the Default Company ID of the Trust API credential).';
			case 404:
				return 'Trust found nothing there: check the Company ID (or the Default Company ID of the Trust API credential) and the IDs used in this operation.';
			default:
				return undefined;
		}
	},
};

export interface TrustCall {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

/** The `{code, resource, data, message}` envelope every Campaigns answer comes in [SRC: docs]. */
export interface TrustEnvelope {
	code?: number;
	resource?: string;
	data?: unknown;
	message?: string;
}

/**
 * A failure met while n8n fetched the Atenea token (thrown by the credential's preAuthentication):
 * shown as Atenea's refusal with how to fix the credential, not as an unreachable API.
 */
function ateneaFailure(ctx: RequestContext, error: unknown, itemIndex?: number): Error {
	const message = (error as Error)?.message ?? '';
	const at = message.indexOf('Atenea (');
	if (!(error instanceof NodeApiError) || at === -1) return error as Error;
	return new NodeApiError(
		ctx.getNode(),
		{ message: message.slice(at) },
		{
			message: message.slice(at),
			description: 'Open the Trust API credential, correct it and use "Test" there before running the workflow again.',
			httpCode: '401',
			itemIndex,
		},
	);
}

/**
 * Any Trust call: authenticated through Atenea, sent to the environment's API, and answered with
 * the envelope. An envelope whose `code` says failure is an error even when HTTP said 200, because
 * the documents show the status repeated in the body and are silent on error answers
 * (research/providers.md section 3, "Pagination, errors").
 */
export async function trustRequest(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: TrustCall = {},
): Promise<TrustEnvelope> {
	const credentials = await ctx.getCredentials(TRUST.credentialType);
	const { api } = trustUrls(credentials);
	if (!api) {
		throw inputError(
			ctx.getNode(),
			'The Trust API credential has no API URL',
			'Open the credential and choose an environment, or enter the API URL of the custom environment.',
			call.itemIndex,
		);
	}
	let envelope: TrustEnvelope;
	try {
		envelope = await providerJson<TrustEnvelope>(
			ctx,
			trustProfile,
			{
				method,
				baseURL: api,
				url: path,
				qs: call.qs,
				body: call.body,
				headers: { 'Content-Type': 'application/json' },
				itemIndex: call.itemIndex,
			},
			retryPolicyFrom(ctx, call.itemIndex),
		);
	} catch (error) {
		throw ateneaFailure(ctx, error, call.itemIndex);
	}
	const code = typeof envelope?.code === 'number' ? envelope.code : Number(envelope?.code);
	if (Number.isFinite(code) && code >= 400) {
		throw apiError(ctx.getNode(), {
			provider: trustProfile.displayName,
			failure: { status: code, headers: {}, body: envelope, message: envelope.message ?? '' },
			method,
			url: `${api}${path}`,
			itemIndex: call.itemIndex,
			hint: trustProfile.hint?.({ status: code, headers: {}, message: '' }),
		});
	}
	return envelope ?? {};
}

/** The `data` of the envelope; answers without an envelope are taken as the data itself. */
export function unwrap(envelope: TrustEnvelope): unknown {
	if (envelope && typeof envelope === 'object' && !Array.isArray(envelope) && 'data' in envelope) return envelope.data;
	return envelope;
}

/** The company an item acts on: the node's Company ID, else the credential's Default Company ID. */
export async function companyIdFor(ctx: IExecuteFunctions, itemIndex: number, required = true): Promise<string> {
	const own = String(ctx.getNodeParameter('companyId', itemIndex, '') ?? '').trim();
	if (own) return own;
	const credentials = await ctx.getCredentials(TRUST.credentialType);
	const fallback = String(credentials?.defaultCompanyId ?? '').trim();
	if (!fallback && required) {
		throw inputError(
			ctx.getNode(),
			'No company ID to use',
			'Enter a Company ID in the node, or set a Default Company ID in the Trust API credential.',
			itemIndex,
		);
	}
	return fallback;
}

const DAY = /^(\d{4}-\d{2}-\d{2})/;

function asDate(value: unknown, field: string, ctx: IExecuteFunctions, itemIndex: number): Date {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value ?? '');
	// n8n's date picker gives "2026-11-30T10:00:00" without an offset: Trust works in UTC+0, so read it as UTC.
	const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !/T|\s\d/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
	const date = new Date(DAY.test(withZone) && withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
	if (text === '' || Number.isNaN(date.getTime())) {
		throw inputError(ctx.getNode(), `"${text}" is not a valid ${field}`, `Enter ${field} as YYYY-MM-DD or pick it in the date picker.`, itemIndex);
	}
	return date;
}

/** A day as the statistics range wants it: YYYY-MM-DD, the day written by the user when there is one. */
export function statisticsDay(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const written = typeof value === 'string' ? DAY.exec(value.trim()) : null;
	if (written) {
		asDate(written[1], field, ctx, itemIndex);
		return written[1];
	}
	return asDate(value, field, ctx, itemIndex).toISOString().slice(0, 10);
}

/**
 * A campaign finish date as Trust wants it: "YYYY-MM-DD h-m-s" in UTC+0 per the
 * create_campaign_segmentation page, written YYYY-MM-DD HH:mm:ss.
 */
export function finishDate(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const iso = asDate(value, 'Finish Date', ctx, itemIndex).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
