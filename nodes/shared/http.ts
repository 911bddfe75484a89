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

import { ExecutionCancelledError, isCancellation, onCancel, pause, throwIfCancelled } from './cancel';
import {
	apiError,
	describeHttpFailure,
	isTimeoutFailure,
	providerMessage,
	tokenFailureOf,
	type FailureClass,
	type HttpFailure,
} from './errors';
import { declaredLength, guardedBytes, type BodyReadOptions } from './ndjson';
import { exhaustedUntil, pacerFor, PacerQueueFullError, retryAfterMs, type PacerLane, type PacerSlot } from './pacing';

/** The n8n functions a request can be made from: a node run, a list search, a trigger. */
export type N8nFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

/**
 * What every request of one input item (or one trigger call) shares, read once and passed down to
 * the provider's transport: the n8n functions, the item errors are reported on, and the node's
 * Request Options.
 */
export interface RequestContext {
	readonly n8n: N8nFunctions;
	/** The input item the requests are made for; undefined in triggers and list searches. */
	readonly itemIndex?: number;
	readonly retry: RetryPolicy;
	/** Fires when the user stops the execution: every wait, retry, request and download ends then. */
	readonly signal?: AbortSignal;
	/** The node runs as an AI agent's or MCP client's tool: answers should be compact. */
	readonly asTool: boolean;
	/**
	 * The node's Timeout (Seconds) option in milliseconds, when the user set it; otherwise each
	 * request uses its own default (API_TIMEOUT_MS, DOWNLOAD_TIMEOUT_MS).
	 */
	readonly timeoutMs?: number;
	/**
	 * The lane every request of this context asks the account's pacer for (a request's own
	 * `priority` wins): `{ ...requestContext(this), priority: 'background' }` in a trigger makes all
	 * the reads it does through the provider's transport background reads.
	 */
	readonly priority?: PacerLane;
}

/** What the shared request function needs to know about one provider; written once per provider. */
export interface ProviderProfile {
	/** Name used in messages, e.g. "4YouSee Manager". */
	displayName: string;
	/** The credential type every call of this provider authenticates with. */
	credentialType: string;
	/** The credential field holding the API's base URL, prefixed to relative request URLs. */
	baseUrlField?: string;
	/** How that field is labelled in the credential, for messages (default "Base URL"). */
	baseUrlLabel?: string;
	/** Minimum spacing between two requests to one account, when the provider publishes one. */
	minIntervalMs?: number;
	/** Response header carrying the id support asks for. */
	correlationHeader?: string;
	/** Whether to slow down when rate-limit headers say the budget is spent. */
	honourRateLimitHeaders?: boolean;
	/**
	 * The credential fetches its token in `preAuthentication` (a hidden expirable field), so a 401
	 * means "token expired": n8n then fetches a new token and sends the request once more. Leave it
	 * off for static keys: the shared layer then reads every status itself, so n8n never repeats a
	 * refused request behind the pacer's back.
	 */
	refreshTokenOn401?: boolean;
	/** Credential fields holding secrets: their values never appear in an error. */
	secretFields: string[];
	/**
	 * Credential fields that identify one account for pacing (hashed, never stored in clear).
	 * Leave out fields that change on their own, such as a cached access token.
	 */
	accountFields: string[];
	/**
	 * The provider's reading of a failure: a fix when the generic hint for the status would mislead,
	 * and whether the answer means "not found" whatever its status.
	 */
	classify?: (failure: HttpFailure, said: string | undefined) => FailureClass | undefined;
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

/** How long an API call waits for its answer unless the node's Timeout option says otherwise. */
export const API_TIMEOUT_MS = 60_000;
/** How long a file download may go without receiving data unless the Timeout option says otherwise. */
export const DOWNLOAD_TIMEOUT_MS = 600_000;
/** Redirects to the same host followed for one authenticated request. */
export const MAX_REDIRECTS = 5;
/** A request that timed out is sent at most this many times, whatever Max Attempts says. */
const MAX_TIMED_OUT_ATTEMPTS = 2;

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
	/**
	 * A file download: the body comes as a stream (unless `encoding` says otherwise), the default
	 * timeout is DOWNLOAD_TIMEOUT_MS, and it counts from the last data received (read the body with
	 * `readOptionsFor` or use `providerDownload`).
	 */
	download?: boolean;
	/**
	 * `background` for reads nobody waits on (a trigger reading what a notification points at): they
	 * get a bounded share of the account's rate limit and can never hold an action node back.
	 */
	priority?: PacerLane;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
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

export async function credentialsOf(ctx: N8nFunctions, type: string): Promise<ICredentialDataDecryptedObject | undefined> {
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
 * The timeout one request runs with: the node's Timeout option when the user set it, else the
 * request's own `timeout`, else the default for API calls or downloads.
 */
export function timeoutFor(context: Pick<RequestContext, 'timeoutMs'>, request: Pick<ProviderRequest, 'timeout' | 'download'> = {}): number {
	return context.timeoutMs ?? request.timeout ?? (request.download ? DOWNLOAD_TIMEOUT_MS : API_TIMEOUT_MS);
}

/** Where `providerRequest` leaves, on a streamed response, the way to end the request behind it. */
const END_REQUEST = Symbol('endRequest');

type Endable = { [END_REQUEST]?: (complete: boolean) => void };

/**
 * How to read the body of a streamed response (`forEachLine`, `autoGunzip`, `bytes`,
 * `verifiedBytes`, `readVerifiedFile`): stop at once on Stop, fail when no data arrives for the
 * download timeout, fail when fewer bytes arrive than the response's Content-Length announced, and
 * close the connection when the read ends early.
 */
export function readOptionsFor(
	context: Pick<RequestContext, 'signal' | 'timeoutMs'>,
	response: Pick<IN8nHttpFullResponse, 'headers'>,
	request: Pick<ProviderRequest, 'timeout'> = {},
): BodyReadOptions {
	return {
		signal: context.signal,
		idleTimeoutMs: timeoutFor(context, { ...request, download: true }),
		expectedBytes: declaredLength(response.headers),
		onEnd: (response as Endable)[END_REQUEST],
	};
}

/** A streamed download and how to read its body safely. */
export interface ProviderDownload extends IN8nHttpFullResponse {
	/** Pass to the body readers of ndjson.ts: Stop, the idle timeout and the declared length. */
	readOptions: BodyReadOptions;
}

/**
 * `providerRequest` for a file: `download: true`, the body as a stream, and the options to read it
 * with. The body is not read here; read it once, with `readOptions`, or destroy it.
 */
export async function providerDownload(
	context: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
): Promise<ProviderDownload> {
	const response = await providerRequest(context, profile, { encoding: 'stream', json: false, ...request, download: true });
	return Object.assign(response, { readOptions: readOptionsFor(context, response, request) });
}

/** A streamed response body as n8n's client hands it over (a Node readable stream). */
type StreamBody = AsyncIterable<Uint8Array> & {
	destroy?: (error?: Error) => void;
	destroyed?: boolean;
	once?: (event: 'close', listener: () => void) => void;
	on?: (event: 'error', listener: (error: Error) => void) => void;
};

function isStreamLike(value: unknown): value is StreamBody {
	return !!value && typeof value === 'object' && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** The first bytes of an error answer's body, as text or JSON; a streamed body is read and closed. */
async function errorBody(body: unknown, context: RequestContext): Promise<unknown> {
	let bytes: Uint8Array | undefined;
	if (isStreamLike(body)) {
		const parts: Uint8Array[] = [];
		let size = 0;
		const read = async () => {
			for await (const chunk of guardedBytes(body as AsyncIterable<Uint8Array>, { signal: context.signal, idleTimeoutMs: Math.min(timeoutFor(context), 30_000) })) {
				parts.push(chunk);
				size += chunk.length;
				if (size >= 64 * 1024) break;
			}
		};
		// An unreadable error body still leaves the status to report; Stop does not.
		const failed = await read().then(
			() => undefined,
			(error: unknown) => error,
		);
		if (isCancellation(failed)) throw new ExecutionCancelledError();
		body = undefined;
		bytes = Buffer.concat(parts);
	} else if (body instanceof Uint8Array) {
		bytes = body;
	} else if (body instanceof ArrayBuffer) {
		bytes = new Uint8Array(body);
	}
	if (bytes === undefined) return body;
	const text = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function closeBody(response: IN8nHttpFullResponse | undefined) {
	const body = response?.body as { destroy?: () => void } | undefined;
	if (isStreamLike(body)) body.destroy?.();
	(response as Endable | undefined)?.[END_REQUEST]?.(false);
}

function header(headers: IDataObject | Record<string, unknown> | undefined, name: string): string | undefined {
	const value = lowercase(headers as IDataObject)[name];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}

/**
 * Where a redirect may take an authenticated request: the same origin, or the same host moved
 * from http to https (the credential then travels better protected than it did).
 */
function sameOrigin(from: URL, to: URL): boolean {
	if (from.origin === to.origin) return true;
	return from.protocol === 'http:' && to.protocol === 'https:' && from.hostname === to.hostname;
}

/**
 * The one way this package talks HTTP: authenticated with the provider's credential (or anonymous
 * for storage links), paced per account, retried on 429/5xx/network failures with backoff that
 * honours Retry-After, and failing with a redacted NodeApiError that says what to do.
 *
 * - Stop (`context.signal`) ends the wait for a slot, the backoff and the request itself; a stopped
 *   request is never retried.
 * - Authenticated requests never follow a redirect on their own: a redirect to the same origin is
 *   followed here (at most MAX_REDIRECTS, each through the pacer), one to another host fails
 *   before anything is sent there. Anonymous requests follow redirects (they carry no secret).
 * - Unless the profile refreshes its token on 401, every status is read here, so n8n never sends
 *   a refused request a second time outside the pacer; a 401 is reported after one attempt.
 * - Each attempt has a timeout (`timeoutFor`); a request that timed out is sent twice at most.
 */
export async function providerRequest(
	context: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
): Promise<IN8nHttpFullResponse> {
	const { n8n: ctx, itemIndex, retry, signal } = context;
	const { idempotent, secrets: extraSecrets = [], anonymous, download, priority, ...options } = request;
	throwIfCancelled(signal);
	const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
	let method = (options.method ?? 'GET').toUpperCase() as IHttpRequestMethods;
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
	const timeout = timeoutFor(context, { timeout: options.timeout, download });
	if (download && options.encoding === undefined) options.encoding = 'stream';
	// Without token refresh every status comes back as an answer: n8n re-sends a request that got a
	// 401 (even for static keys) only when its client threw.
	const readsStatus = anonymous || !profile.refreshTokenOn401;
	// A caller that asked for every status gets every answer back, as before.
	const callerReadsStatus = options.ignoreHttpStatusErrors === true;
	let url = `${options.baseURL ?? ''}${options.url}`;
	let redirects = 0;
	let timedOut = 0;

	const fail = (failure: HttpFailure, attempts: number, extra: { token?: ReturnType<typeof tokenFailureOf>; hint?: string; message?: string } = {}) => {
		const { token } = extra;
		return apiError(ctx.getNode(), {
			provider: profile.displayName,
			failure: token ? { ...failure, message: token.summary } : failure,
			source: token ? 'token' : anonymous ? 'storage' : 'api',
			method: token ? 'POST' : method,
			url: token ? token.providerFailure.request?.replace(/^POST /, '') : url,
			attempts,
			correlationHeader: token ? 'x-correlation-id' : profile.correlationHeader,
			secrets,
			itemIndex,
			reading: token ? { hint: token.fix } : profile.classify?.(failure, providerMessage(failure.body)),
			headline: token?.summary,
			hint: extra.hint,
			message: extra.message,
			timeoutMs: timeout,
			baseUrlLabel: profile.baseUrlLabel,
		});
	};

	/** Follows a redirect to the same origin (true), or throws when it leads elsewhere. */
	const followed = (status: number | undefined, location: string | undefined, attempts: number): boolean => {
		if (anonymous || status === undefined || !REDIRECT_STATUS.has(status) || !location) return false;
		let from: URL;
		let to: URL;
		try {
			from = new URL(url);
			to = new URL(location, from);
		} catch {
			return false;
		}
		const failure: HttpFailure = { status, headers: {}, message: `redirect to ${to.host}` };
		if (!sameOrigin(from, to)) {
			throw fail(failure, attempts, {
				message: `${profile.displayName} redirected the request to ${to.host}, another host; the credential is not sent there`,
				hint: `Check the ${profile.baseUrlLabel ?? 'Base URL'} in the credential: enter the address the API answers on itself, not one that forwards elsewhere.`,
			});
		}
		if (++redirects > MAX_REDIRECTS) {
			throw fail(failure, attempts, {
				message: `${profile.displayName} redirected the request more than ${MAX_REDIRECTS} times`,
				hint: `Check the ${profile.baseUrlLabel ?? 'Base URL'} in the credential: the API keeps sending the request on to another address.`,
			});
		}
		// What browsers and n8n's own client do: 303 (and 301/302 after a POST) become a GET without body.
		if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
			method = 'GET';
			delete options.body;
		} else if (isStreamLike(options.body)) {
			throw fail(failure, attempts, {
				message: `${profile.displayName} redirected an upload to another address, where it cannot be sent again`,
				hint: `Check the ${profile.baseUrlLabel ?? 'Base URL'} in the credential: enter the address the API answers on itself.`,
			});
		}
		// The Location is the whole new address, query included.
		url = to.href;
		options.url = to.href;
		delete options.baseURL;
		delete options.qs;
		return true;
	};

	for (let attempt = 1; ; attempt++) {
		let slot: PacerSlot | undefined;
		if (pacer) {
			const admitted = await pacer.acquire({ lane: priority ?? context.priority, signal, retry: attempt > 1 || redirects > 0 }).then(
				(value) => ({ value, refused: undefined }),
				(refused: unknown) => ({ value: undefined, refused }),
			);
			if (admitted.refused instanceof PacerQueueFullError) {
				throw fail({ headers: {}, code: 'QUEUE_FULL', message: admitted.refused.message }, attempt, {
					message: `${profile.displayName}: ${admitted.refused.waiting} background requests are already waiting for this account's rate limit, so this one was refused`,
					hint: 'Too many notifications arrived at once; the sender may repeat them, or run the workflow again later.',
				});
			}
			if (admitted.refused !== undefined) throw new ExecutionCancelledError();
			slot = admitted.value;
		}
		let response: IN8nHttpFullResponse | undefined;
		let thrown: unknown;
		// Each attempt can be ended on its own (a download read that stalls or stops early), and ends
		// on Stop. n8n 2.41 replaces it with Stop's signal for authenticated requests; older versions
		// and anonymous requests use this one.
		const attemptController = new AbortController();
		const unlink = onCancel(signal, () => attemptController.abort());
		try {
			const full: IHttpRequestOptions = {
				...options,
				method,
				returnFullResponse: true,
				timeout,
				abortSignal: attemptController.signal,
				...(anonymous ? {} : { disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false }),
				...(readsStatus ? { ignoreHttpStatusErrors: true } : {}),
			};
			response = (
				anonymous
					? await ctx.helpers.httpRequest(full)
					: await ctx.helpers.httpRequestWithAuthentication.call(ctx, profile.credentialType, full)
			) as IN8nHttpFullResponse;
		} catch (error) {
			thrown = error;
		} finally {
			slot?.release();
		}
		if (response && isStreamLike(response.body)) {
			// The request lives as long as its body. On Stop the body fails with ExecutionCancelledError
			// before the request is aborted, so whichever reader holds it (with or without
			// `readOptions`) ends as stopped, not as a cut download, and no further byte is read.
			unlink();
			const body = response.body as StreamBody;
			const stopBody = onCancel(signal, () => {
				if (!body.destroyed) {
					// Its reader, if one is reading, gets the error through its own listener; without one,
					// an 'error' event nobody listens to would end the n8n process.
					body.on?.('error', () => undefined);
					body.destroy?.(new ExecutionCancelledError());
				}
				attemptController.abort();
			});
			// A body read to its end (or closed by its reader) no longer listens for Stop.
			body.once?.('close', stopBody);
			Object.defineProperty(response, END_REQUEST, {
				value: (complete: boolean) => {
					stopBody();
					if (!complete) attemptController.abort();
				},
				enumerable: false,
				configurable: true,
			});
		} else {
			unlink();
		}
		if (signal?.aborted) {
			closeBody(response);
			throw new ExecutionCancelledError();
		}

		let failure: HttpFailure;
		let token: ReturnType<typeof tokenFailureOf> = undefined;
		if (response) {
			const headers = lowercase(response.headers);
			if (profile.honourRateLimitHeaders && pacer) {
				const until = exhaustedUntil(headers);
				if (until) pacer.holdUntil(until);
			}
			if (followed(response.statusCode, header(headers, 'location'), attempt)) {
				closeBody(response);
				attempt--;
				continue;
			}
			if (!(response.statusCode >= 400) || callerReadsStatus) return response;
			failure = {
				status: response.statusCode,
				headers: headers as IDataObject,
				body: await errorBody(response.body, context),
				message: response.statusMessage ?? `HTTP ${response.statusCode}`,
			};
			closeBody(response);
		} else {
			// A failed token request (the credential's preAuthentication) carries its own answer and fix.
			token = tokenFailureOf(thrown);
			failure = token ? token.http : describeHttpFailure(thrown);
			if (profile.honourRateLimitHeaders && pacer) {
				const until = exhaustedUntil(failure.headers);
				if (until) pacer.holdUntil(until);
			}
			if (!token && followed(failure.status, header(failure.headers, 'location'), attempt)) {
				attempt--;
				continue;
			}
		}

		if (isTimeoutFailure(failure)) timedOut++;
		// A token request can always be repeated: it changes nothing on the provider's side.
		const retryable = isRetryable(failure, token ? 'POST' : method, !!token || idempotent) && timedOut < MAX_TIMED_OUT_ATTEMPTS;
		const waitHint = retryAfterMs(failure.headers['retry-after']);
		const tooLong = waitHint !== undefined && waitHint > retry.maxRetryAfterMs;
		if (!retryable || attempt >= maxAttempts || tooLong) {
			throw fail(failure, attempt, {
				token,
				hint: tooLong
					? `${profile.displayName} asked to wait ${Math.round(waitHint / 1000)} s before the next request, longer than this node waits: run the workflow again later.`
					: undefined,
			});
		}
		const delay = waitHint ?? backoffMs(attempt, retry);
		// With a pacer, the wait for the next slot is the backoff: nobody else sends before it either.
		if (pacer && waitHint !== undefined) pacer.holdUntil(Date.now() + delay);
		else await pause(delay, signal);
	}
}

/** `providerRequest` for JSON APIs: the parsed body. */
export async function providerJson<T = IDataObject>(
	context: RequestContext,
	profile: ProviderProfile,
	request: ProviderRequest,
): Promise<T> {
	const response = await providerRequest(context, profile, { json: true, ...request });
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
	const source =
		headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? ((headers as unknown as { toJSON: () => IDataObject }).toJSON() ?? {})
			: (headers ?? {});
	for (const [k, v] of Object.entries(source)) out[k.toLowerCase()] = v;
	return out;
}

/**
 * The request context of one input item (or, without an index, of a trigger or list search): the
 * node's Request Options are read here, once, and validated. Triggers have none: defaults apply.
 */
export function requestContext(n8n: N8nFunctions, itemIndex?: number): RequestContext {
	let options: IDataObject = {};
	try {
		options = ((n8n as IExecuteFunctions).getNodeParameter('requestOptions', itemIndex ?? 0, {}) as IDataObject | undefined) ?? {};
	} catch {
		// Triggers and list searches have no Request Options.
	}
	const maxAttempts = Number(options.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
	const timeoutSeconds = Number(options.timeout);
	const cancellable = n8n as Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;
	return {
		n8n,
		itemIndex,
		signal: typeof cancellable.getExecutionCancelSignal === 'function' ? cancellable.getExecutionCancelSignal() : undefined,
		// n8n runs a node that is used as a tool under its tool variant's type, `<name>Tool`.
		asTool: /Tool$/.test(n8n.getNode().type),
		retry: {
			...DEFAULT_RETRY,
			maxAttempts: Number.isFinite(maxAttempts) && maxAttempts >= 1 ? Math.floor(maxAttempts) : DEFAULT_RETRY.maxAttempts,
		},
		...(options.timeout !== undefined && Number.isFinite(timeoutSeconds) && timeoutSeconds > 0
			? { timeoutMs: Math.round(timeoutSeconds * 1000) }
			: {}),
	};
}
