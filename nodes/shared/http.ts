import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiError, describeHttpFailure, type HttpFailure } from './errors';
import { exhaustedUntil, pacerFor, retryAfterMs } from './pacing';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

/** What the shared request function needs to know about one provider; written once per provider. */
export interface ProviderProfile {
	/** Name used in messages, e.g. "4YouSee Manager". */
	displayName: string;
	/** The credential type every call of this provider authenticates with. */
	credentialType: string;
	/** The credential field holding the API's base URL, prefixed to relative request URLs. */
	baseUrlField?: string;
	/** Minimum spacing between two requests to one account, when the provider publishes one. */
	minIntervalMs?: number;
	/** Response header carrying the id support asks for. */
	correlationHeader?: string;
	/** Whether to slow down when rate-limit headers say the budget is spent. */
	honourRateLimitHeaders?: boolean;
	/** Credential fields holding secrets: their values never appear in an error. */
	secretFields: string[];
	/**
	 * Credential fields that identify one account for pacing (hashed, never stored in clear).
	 * Leave out fields that change on their own, such as a cached access token.
	 */
	accountFields: string[];
	/** A provider-specific fix for a failure, when the generic hint would mislead. */
	hint?: (failure: HttpFailure) => string | undefined;
}

export interface RetryPolicy {
	/** Attempts in all, including the first (at least 1). */
	maxAttempts: number;
	/** First backoff delay; doubles each attempt, with jitter. */
	baseDelayMs: number;
	/** Ceiling for one backoff delay. */
	maxDelayMs: number;
	/** A Retry-After longer than this fails the call instead of blocking the workflow. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

export interface ProviderRequest extends IHttpRequestOptions {
	/**
	 * The provider guarantees this request is idempotent (an idempotency key, a PUT of a full
	 * object): it may be repeated after a 5xx or a broken connection like a GET.
	 */
	idempotent?: boolean;
	/** Extra values to keep out of errors (node fields such as a customer token). */
	secrets?: string[];
	/** Send without the credential: for files on the provider's storage (S3, Azure blob links). */
	anonymous?: boolean;
	itemIndex?: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Failures where the request never reached the server, so repeating it cannot duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	...NOT_SENT_CODES,
]);

/**
 * Whether one failure may be retried. A 429 was refused before any work was done, and a refused
 * connection never reached the server, so both are safe for any method; a 5xx, reset or timeout
 * may have happened after the server acted, so only a request that is safe to repeat is retried.
 */
export function isRetryable(failure: HttpFailure, method: string, idempotent = false): boolean {
	const repeatable = idempotent || SAFE_METHODS.has(method.toUpperCase());
	if (failure.status !== undefined) {
		if (failure.status === 429) return true;
		return repeatable && RETRY_STATUS.has(failure.status);
	}
	if (failure.code && NOT_SENT_CODES.has(failure.code)) return true;
	return repeatable && !!failure.code && TRANSIENT_CODES.has(failure.code);
}

/** Exponential backoff with "equal jitter": half fixed, half random. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function accountKey(profile: ProviderProfile, credentials: ICredentialDataDecryptedObject | undefined) {
	const hash = createHash('sha256').update(profile.credentialType);
	for (const field of profile.accountFields) hash.update(`${field}=${String(credentials?.[field] ?? '')};`);
	return hash.digest('hex').slice(0, 24);
}

function secretsOf(profile: ProviderProfile, credentials: ICredentialDataDecryptedObject | undefined) {
	return profile.secretFields
		.map((field) => credentials?.[field])
		.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/**
 * The credential as one node run sees it, read once per run and type: n8n decrypts it on every
 * read, which a Return All of a hundred pages would otherwise pay a hundred times (bench/).
 */
const credentialsPerRun = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject | undefined>>>();

async function credentialsOf(ctx: RequestContext, type: string) {
	let byType = credentialsPerRun.get(ctx);
	if (!byType) {
		byType = new Map();
		credentialsPerRun.set(ctx, byType);
	}
	let pending = byType.get(type);
	if (!pending) {
		// A missing credential resolves to undefined: the request reports it with n8n's own message.
		pending = ctx.getCredentials(type).then(
			(credentials) => credentials,
			() => undefined,
		);
		byType.set(type, pending);
	}
	return await pending;
}

/**
 * The one way this package talks HTTP: authenticated with the provider's credential (or anonymous
 * for storage links), paced per account, retried on 429/5xx/network failures with backoff that
 * honours Retry-After, and failing with a redacted NodeApiError that says what to do.
 */
export async function providerRequest(
	ctx: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
	policy: Partial<RetryPolicy> = {},
): Promise<IN8nHttpFullResponse> {
	const { idempotent, secrets: extraSecrets = [], anonymous, itemIndex, ...options } = request;
	const retry: RetryPolicy = { ...DEFAULT_RETRY, ...policy };
	const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
	const method = (options.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
	const credentials = await credentialsOf(ctx, profile.credentialType);
	const secrets = [...secretsOf(profile, credentials), ...extraSecrets];
	const pacer =
		(profile.minIntervalMs || profile.honourRateLimitHeaders) && !anonymous
			? pacerFor(accountKey(profile, credentials), profile.minIntervalMs ?? 0)
			: undefined;
	if (!anonymous && !options.baseURL && profile.baseUrlField && !/^https?:\/\//i.test(options.url)) {
		const base = credentials?.[profile.baseUrlField];
		if (typeof base === 'string' && base.trim() !== '') options.baseURL = base.trim().replace(/\/+$/, '');
	}
	const url = `${options.baseURL ?? ''}${options.url}`;

	for (let attempt = 1; ; attempt++) {
		if (pacer) await pacer.wait();
		try {
			const full: IHttpRequestOptions = {
				...options,
				method,
				returnFullResponse: true,
				sendCredentialsOnCrossOriginRedirect: false,
			};
			const response = (
				anonymous
					? await ctx.helpers.httpRequest(full)
					: await ctx.helpers.httpRequestWithAuthentication.call(ctx, profile.credentialType, full)
			) as IN8nHttpFullResponse;
			pacer?.finished();
			if (profile.honourRateLimitHeaders && pacer) {
				const until = exhaustedUntil(lowercase(response.headers));
				if (until) pacer.holdUntil(until);
			}
			return response;
		} catch (error) {
			pacer?.finished();
			const failure = describeHttpFailure(error);
			const retryable = isRetryable(failure, method, idempotent);
			const waitHint = retryAfterMs(failure.headers['retry-after']);
			const tooLong = waitHint !== undefined && waitHint > retry.maxRetryAfterMs;
			if (!retryable || attempt >= maxAttempts || tooLong) {
				throw apiError(ctx.getNode(), {
					provider: profile.displayName,
					failure,
					method,
					url,
					attempts: attempt,
					correlationHeader: profile.correlationHeader,
					secrets,
					itemIndex,
					hint:
						profile.hint?.(failure) ??
						(tooLong
							? `${profile.displayName} asked to wait ${Math.round(waitHint / 1000)} s before the next request, longer than this node waits: run the workflow again later.`
							: undefined),
				});
			}
			const delay = waitHint ?? backoffMs(attempt, retry);
			if (pacer && waitHint !== undefined) pacer.holdUntil(Date.now() + delay);
			if (!pacer || waitHint === undefined) await sleep(delay);
		}
	}
}

/** `providerRequest` for JSON APIs: the parsed body. */
export async function providerJson<T = IDataObject>(
	ctx: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
	policy?: Partial<RetryPolicy>,
): Promise<T> {
	const response = await providerRequest(ctx, profile, { json: true, ...request }, policy);
	return parseBody(response.body) as T;
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed === '') return {};
		try {
			return JSON.parse(trimmed);
		} catch {
			return body;
		}
	}
	if (body === undefined || body === null) return {};
	return body;
}

function lowercase(headers: IDataObject | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
	return out;
}

/** The "Max Attempts" value of a node's Request Options, validated (defaults where a node has none). */
export function retryPolicyFrom(ctx: RequestContext, itemIndex = 0): Partial<RetryPolicy> {
	let options: IDataObject = {};
	try {
		options = (ctx as IExecuteFunctions).getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	} catch {
		// Triggers have no Request Options: the defaults apply.
	}
	const maxAttempts = Number(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
	return { maxAttempts: Number.isFinite(maxAttempts) && maxAttempts >= 1 ? maxAttempts : DEFAULT_RETRY.maxAttempts };
}

/**
 * One URL path segment from a user-supplied ID: encoded, and refused when it would change the
 * path (`.`/`..` or empty), so an ID can never reach another endpoint.
 */
export function pathSegment(id: unknown): string {
	const text = String(id ?? '').trim();
	if (text === '' || text === '.' || text === '..') {
		throw new Error(`"${text}" is not a valid ID`);
	}
	return encodeURIComponent(text);
}
