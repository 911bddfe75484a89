import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { apiError, failureOf, providerMessage, type HttpFailure } from '../shared/errors';
import { InputError } from '../shared/fields';
import { credentialsOf, providerJson, type ProviderProfile, type RequestContext } from '../shared/http';
import { trustUrls } from './environments';

/** Trust Campaigns API facts, written once (docs/trust.md, "Sources and assumptions"). */
export const TRUST = {
	credentialType: 'trustApi',
	campaignsPath: '/campaigns/api/v1',
	/** The segment endpoint lives in Trust's message persistence service, spelt so in its URL. */
	segmentsPath: '/message-persistance/api/v1/segment',
	/** Without a date range the statistics cover "the last 7 days". */
	defaultStatisticsDays: 7,
	/**
	 * The statistics date-range query parameters. ASSUMPTION: the Campaigns page says a range can be
	 * searched but never names its parameters; Trust's Chronos service names its range `from_date` /
	 * `until_date` as YYYY-MM-DD, so these are the defaults. Statistic > Get lets a user set other
	 * names, and checks whether Trust applied the range (docs/trust.md, "Sources and assumptions").
	 */
	statisticsRange: { from: 'from_date', until: 'until_date' },
	/**
	 * A day no Trust company has notifications on, asked for when a range answer equals the default
	 * window's: Trust answers it with nothing if it reads the range parameters, with its last 7 days
	 * if it ignores them.
	 */
	emptyProbeDay: '2000-01-01',
};

export const trustProfile: ProviderProfile = {
	displayName: 'Trust',
	credentialType: TRUST.credentialType,
	// The Atenea token comes from the credential's preAuthentication: n8n fetches a new one on a 401.
	refreshTokenOn401: true,
	baseUrlLabel: 'API URL',
	secretFields: ['clientSecret', 'accessToken'],
	accountFields: ['environment', 'apiUrl', 'clientId'],
	classify: (failure) => {
		switch (failure.status) {
			case 401:
				return {
					hint: 'Trust refused the access token even after a new one was fetched from Atenea: check that the client ID belongs to the chosen environment and may use the Campaigns API.',
				};
			case 403:
				return { hint: 'This client may not act on that company: check the Company ID (or the Default Company ID of the Trust API credential).' };
			case 404:
				return {
					hint: 'Trust found nothing there: check the Company ID (or the Default Company ID of the Trust API credential) and the IDs used in this operation.',
				};
			default:
				return undefined;
		}
	},
};

export interface TrustCall {
	qs?: IDataObject;
	body?: IDataObject;
}

/** The `{code, resource, data, message}` envelope every Campaigns answer comes in. */
export interface TrustEnvelope {
	code?: number;
	resource?: string;
	data?: unknown;
	message?: string;
}

/**
 * Trust's own words in an error body whatever its shape. No Trust error body is documented (docs/trust.md,
 * "Errors"), so beyond the shapes every provider's errors are read for, this takes OAuth's
 * `error_description`, a `detail` list (`[{msg}]`), `{field: [text]}` validation answers, any other
 * text in the body, and the title of an HTML page.
 */
export function trustWords(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return undefined;
		if (text.startsWith('{') || text.startsWith('[')) {
			try {
				return trustWords(JSON.parse(text));
			} catch {
				// Not JSON after all: read it as text.
			}
		}
		if (/^<|<html|<body/i.test(text)) {
			const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
			return title ? short(title.replace(/<[^>]+>/g, ' ')) : undefined;
		}
		return short(text);
	}
	if (!body || typeof body !== 'object') return undefined;
	const words: string[] = [];
	collect(body, '', words, 0);
	return words.length ? short(words.join('; ')) : undefined;
}

/** Envelope fields that name no failure. */
const NOT_WORDS = new Set(['code', 'resource', 'data', 'status', 'trustid', 'loc', 'type']);

function collect(value: unknown, key: string, words: string[], depth: number): void {
	if (words.length >= 4 || depth > 3) return;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '' || words.includes(text)) return;
		// A field name in front of a validation message ({"name": ["This field is required."]}).
		const named = key && !['message', 'msg', 'detail', 'error', 'error_description', 'errors', 'description', 'title'].includes(key);
		words.push(named ? `${key}: ${text}` : text);
		return;
	}
	if (Array.isArray(value)) {
		for (const entry of value) collect(entry, key, words, depth + 1);
		return;
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).filter(([k]) => !NOT_WORDS.has(k));
		// The usual carriers of a message first, then anything else.
		const first = ['message', 'error', 'error_description', 'detail', 'msg', 'errors', 'description', 'title'];
		entries.sort(([a], [b]) => rank(first, a) - rank(first, b));
		for (const [k, v] of entries) collect(v, /^\d+$/.test(k) ? key : k, words, depth + 1);
	}
}

function rank(order: string[], key: string): number {
	const at = order.indexOf(key);
	return at === -1 ? order.length : at;
}

function short(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

/**
 * Any Trust call: authenticated through Atenea, sent to the environment's API, and answered with
 * the envelope. ASSUMPTION: an envelope whose `code` says failure is an error even when HTTP said
 * 200, because the documents show the status repeated in the body and are silent on error answers
 * (docs/trust.md, "Sources and assumptions").
 */
export async function trustRequest(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: TrustCall = {},
): Promise<TrustEnvelope> {
	const { api } = trustUrls(await credentialsOf(request.n8n, TRUST.credentialType));
	if (!api) {
		throw new InputError(
			'The Trust API credential has no API URL',
			'Open the credential and choose an environment, or enter the API URL of the custom environment.',
		);
	}
	const url = `${api}${path}`;
	let envelope: TrustEnvelope | string;
	try {
		envelope = await providerJson<TrustEnvelope | string>(request, trustProfile, {
			method,
			baseURL: api,
			url: path,
			qs: call.qs,
			body: call.body,
			headers: { 'Content-Type': 'application/json' },
		});
	} catch (error) {
		throw inTrustWords(request, error, method, url);
	}
	if (typeof envelope === 'string') {
		// A web page or text where JSON belongs: a wrong API URL, or a proxy in between.
		const said = trustWords(envelope);
		throw new InputError(
			`Trust answered with ${/^\s*</.test(envelope) ? 'a web page' : 'text'} instead of JSON${said ? `: ${said}` : ''}`,
			`Check the API URL of the Trust API credential (the request was ${method} ${url}).`,
		);
	}
	const code = typeof envelope?.code === 'number' ? envelope.code : Number(envelope?.code);
	if (Number.isFinite(code) && code >= 400) {
		const failure: HttpFailure = { status: code, headers: {}, body: envelope, message: envelope.message ?? '' };
		throw apiError(request.n8n.getNode(), {
			provider: trustProfile.displayName,
			failure,
			method,
			url,
			itemIndex: request.itemIndex,
			reading: trustProfile.classify?.(failure, providerMessage(envelope)),
			headline: providerMessage(envelope) ?? trustWords(envelope),
		});
	}
	return envelope ?? {};
}

/**
 * A failed call whose body the shared reader found no words in, told again with Trust's words
 * (`trustWords`): the same status, fix and request, now saying what Trust said.
 */
function inTrustWords(request: RequestContext, error: unknown, method: string, url: string): unknown {
	const failure = failureOf(error);
	if (!failure || failure.source !== 'api' || failure.said !== undefined || failure.status === undefined) return error;
	const words = trustWords(failure.body);
	if (!words) return error;
	const http: HttpFailure = { status: failure.status, headers: {}, body: failure.body, message: '' };
	return apiError(request.n8n.getNode(), {
		provider: trustProfile.displayName,
		failure: http,
		method,
		url,
		attempts: failure.attempts,
		itemIndex: request.itemIndex,
		reading: trustProfile.classify?.(http, words),
		headline: words,
	});
}

/** The `data` of the envelope; answers without an envelope are taken as the data itself. */
export function unwrap(envelope: TrustEnvelope): unknown {
	if (envelope && typeof envelope === 'object' && !Array.isArray(envelope) && 'data' in envelope) return envelope.data;
	return envelope;
}
