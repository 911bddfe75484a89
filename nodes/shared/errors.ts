import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

const REDACTED = '[redacted]';

/** Query parameters and headers whose values are secrets wherever they appear (Azure SAS `sig`, tokens). */
const SECRET_NAME = /(token|secret|password|passwd|api[-_]?key|subscription[-_]?key|authorization|sig|signature|credential)/i;

/**
 * Removes every credential value from a text: the exact values the caller knows, and the values of
 * query parameters or `name: value` pairs whose name says they are secret.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 4) continue;
		out = out.split(secret).join(REDACTED);
		const encoded = encodeURIComponent(secret);
		if (encoded !== secret) out = out.split(encoded).join(REDACTED);
	}
	out = out.replace(/([?&])([^=&#\s]+)=([^&#\s"']*)/g, (match, sep: string, name: string) =>
		SECRET_NAME.test(name) ? `${sep}${name}=${REDACTED}` : match,
	);
	out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${REDACTED}`);
	return out;
}

/** Deep copy of a JSON value with every string redacted and secret-named keys blanked. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets)) as T;
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			out[key] = SECRET_NAME.test(key) && typeof v === 'string' ? REDACTED : redactValue(v, secrets);
		}
		return out as T;
	}
	return value;
}

/** Where an HTTP error carries its response, whichever client produced it. */
export interface HttpFailure {
	status?: number;
	headers: IDataObject;
	body?: unknown;
	code?: string;
	message: string;
}

function lowerKeys(headers: unknown): IDataObject {
	const out: IDataObject = {};
	if (!headers || typeof headers !== 'object') return out;
	const source =
		typeof (headers as { toJSON?: () => unknown }).toJSON === 'function'
			? ((headers as { toJSON: () => unknown }).toJSON() as IDataObject)
			: (headers as IDataObject);
	for (const [k, v] of Object.entries(source)) out[k.toLowerCase()] = v as IDataObject[string];
	return out;
}

/**
 * Reads status, headers and body out of what n8n's request helpers throw: a NodeApiError whose
 * `cause` is the HTTP client's error (axios style `response.{status,headers,data}`), or that error
 * itself, or a response-like object.
 */
export function describeHttpFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	let current: unknown = error;
	let code: string | undefined;
	let status: number | undefined;
	let message = error instanceof Error ? error.message : String(error);
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const e = current as {
			response?: { status?: number; statusCode?: number; headers?: unknown; data?: unknown; body?: unknown };
			code?: unknown;
			httpCode?: unknown;
			cause?: unknown;
			errorResponse?: unknown;
			message?: string;
		};
		if (!code && typeof e.code === 'string' && /^[A-Z_]+$/.test(e.code)) code = e.code;
		const response = e.response;
		if (response && typeof response === 'object') {
			const s = response.status ?? response.statusCode;
			if (typeof s === 'number') {
				return {
					status: s,
					headers: lowerKeys(response.headers),
					body: response.data ?? response.body,
					code,
					message: e.message ?? message,
				};
			}
		}
		if (status === undefined && typeof e.httpCode === 'string' && /^\d{3}$/.test(e.httpCode)) {
			status = Number(e.httpCode);
		}
		if (e.message && current !== error) message = e.message;
		current = e.cause ?? e.errorResponse;
	}
	return { status, headers: {}, code, message };
}

/**
 * The provider's own words in an error body: `{message}`, `{error}`, `{error: {message, details}}`,
 * `{message, detail}` and Laravel's `{message, errors: {field: [...]}}` (docs/*.md, Sources).
 */
export function providerMessage(body: unknown): string | undefined {
	if (!body) return undefined;
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{')) {
			try {
				return providerMessage(JSON.parse(trimmed));
			} catch {
				return trimmed.slice(0, 300);
			}
		}
		return trimmed.length > 0 && trimmed.length <= 300 && !trimmed.startsWith('<') ? trimmed : undefined;
	}
	if (typeof body !== 'object') return undefined;
	const b = body as IDataObject;
	const nested = b.error && typeof b.error === 'object' ? (b.error as IDataObject) : undefined;
	const parts: string[] = [];
	const main = (nested?.message ?? b.message ?? (typeof b.error === 'string' ? b.error : undefined)) as
		| string
		| undefined;
	if (typeof main === 'string') parts.push(main);
	const details = (nested?.details ?? b.details ?? b.errors) as unknown;
	if (details && typeof details === 'object') {
		for (const value of Object.values(details as IDataObject)) {
			const first = Array.isArray(value) ? value[0] : value;
			if (typeof first === 'string' && !parts.includes(first)) parts.push(first);
		}
	}
	if (typeof b.detail === 'string') parts.push(b.detail);
	return parts.length ? parts.join(' ') : undefined;
}

/** In words: n8n rewrites messages that contain a bare error code into a generic sentence. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was closed before an answer came',
	EPIPE: 'the connection was closed before an answer came',
	UND_ERR_SOCKET: 'the connection was closed before an answer came',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection was aborted',
	ESOCKETTIMEDOUT: 'the request timed out',
	UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate could not be verified',
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
	EPROTO: 'the secure connection failed',
};

/** Failures that happened on the way there: the address or the network, not the provider's answer. */
const ADDRESS_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** A network error code in words ("the connection was refused"), or undefined for an unknown code. */
export function networkWords(code: string | undefined): string | undefined {
	return code ? NETWORK_WORDS[code] : undefined;
}

/**
 * Whether a failure is this package's own timeout: no answer within the request's timeout. A TCP
 * connect timeout of the operating system (`connect ETIMEDOUT 10.0.0.1:443`) is not: the address
 * could not be reached at all.
 */
export function isTimeoutFailure(failure: Pick<HttpFailure, 'status' | 'code' | 'message'>): boolean {
	if (failure.status !== undefined) return false;
	const code = failure.code ?? '';
	if (code === 'ESOCKETTIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return true;
	return (code === 'ECONNABORTED' || code === 'ETIMEDOUT') && /timeout/i.test(failure.message) && !/^connect /i.test(failure.message);
}

function seconds(ms: number): string {
	const s = ms / 1000;
	return Number.isInteger(s) ? String(s) : s.toFixed(1);
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid: check the fields of this operation.',
	401: 'The credential was not accepted: check it in the node\'s credential settings and test it there.',
	403: 'The credential is valid but not allowed to do this: check the account\'s permissions.',
	404: 'Nothing was found at that ID: check that it exists and belongs to this account.',
	409: 'The request conflicts with the current state of the resource.',
	422: 'The request was understood but a field is invalid: check the values of this operation.',
	429: 'The provider\'s rate limit was still exceeded after waiting: try again later, or process fewer items at once.',
};

/** What a failed call leaves on its error as data, for code that has to react to it. */
export interface ProviderFailure {
	/** The provider's display name. */
	provider: string;
	/** The provider's API, the credential's token endpoint, or a file on the provider's storage. */
	source: FailureSource;
	/** HTTP status, when the provider answered. */
	status?: number;
	/** Network error code (ECONNREFUSED, ETIMEDOUT...), when it did not. */
	code?: string;
	/** The provider's own message, when its body had one. */
	said?: string;
	/** The answer's body, redacted. */
	body?: unknown;
	correlationId?: string;
	/** `METHOD url`, redacted. */
	request?: string;
	/** Attempts made in all. */
	attempts: number;
	/** The provider profile's reading: nothing exists there (or not for this account). */
	notFound: boolean;
}

export type FailureSource = 'api' | 'token' | 'storage';

/** A provider profile's reading of one failure. */
export interface FailureClass {
	/** How to fix it, when the generic hint for the status would mislead. */
	hint?: string;
	/** The answer means "no such object for this account" whatever its status. */
	notFound?: boolean;
}

/**
 * The NodeApiError of a failed provider call, with the failure kept as data. It stays a plain
 * NodeApiError (n8n names errors after their class and treats that name specially).
 */
export type ProviderApiError = NodeApiError & { readonly providerFailure: ProviderFailure };

export function providerApiError(
	node: INode,
	response: JsonObject,
	options: NodeApiErrorOptions,
	failure: ProviderFailure,
): ProviderApiError {
	const error = new NodeApiError(node, response, options);
	Object.defineProperty(error, 'providerFailure', { value: failure, enumerable: false });
	return error as ProviderApiError;
}

function isFailure(value: unknown): value is ProviderFailure {
	return !!value && typeof value === 'object' && typeof (value as ProviderFailure).provider === 'string' && typeof (value as ProviderFailure).source === 'string';
}

/** The failure a provider call left on an error, however n8n wrapped it since. */
export function failureOf(error: unknown): ProviderFailure | undefined {
	const seen = new Set<unknown>();
	for (let current = error; current && typeof current === 'object' && !seen.has(current); ) {
		seen.add(current);
		const failure = (current as { providerFailure?: unknown }).providerFailure;
		if (isFailure(failure)) return failure;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * A credential's token request failed (thrown from `preAuthentication`). Its message is the whole
 * readable reason and fix, which n8n's credential test shows. The HTTP answer is kept as data, not
 * as a `response`, so n8n neither rewrites the message nor asks for a token again with the same
 * wrong secret; the shared request layer reads it through `tokenFailureOf`.
 * The failure is `providerFailure`: n8n's own `failure` field names a cause, not an answer.
 */
export class TokenRequestError extends Error {
	readonly providerFailure: ProviderFailure;

	constructor(
		readonly http: HttpFailure,
		readonly summary: string,
		readonly fix: string,
		provider: string,
		url: string,
		secrets: readonly string[] = [],
	) {
		const correlationId = typeof http.headers['x-correlation-id'] === 'string' ? http.headers['x-correlation-id'] : undefined;
		super(redact(`${summary}. ${fix}${correlationId ? ` Correlation ID: ${correlationId}.` : ''}`, secrets));
		this.name = 'TokenRequestError';
		this.providerFailure = {
			provider,
			source: 'token',
			status: http.status,
			code: http.code,
			said: providerMessage(http.body),
			body: http.body === undefined ? undefined : redactValue(http.body, secrets),
			correlationId,
			request: redact(`POST ${url}`, secrets),
			attempts: 1,
			notFound: false,
		};
	}
}

/** The token failure behind an error n8n raised while authenticating a request. */
export function tokenFailureOf(error: unknown): TokenRequestError | undefined {
	const seen = new Set<unknown>();
	for (let current = error; current && typeof current === 'object' && !seen.has(current); ) {
		seen.add(current);
		if (current instanceof TokenRequestError) return current;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

export interface ApiErrorInput {
	provider: string;
	failure: HttpFailure;
	source?: FailureSource;
	method?: string;
	url?: string;
	attempts?: number;
	correlationHeader?: string;
	secrets?: readonly string[];
	itemIndex?: number;
	/** The provider profile's reading of this failure. */
	reading?: FailureClass;
	/** A hint that replaces both the profile's and the generic one (a Retry-After too long to wait). */
	hint?: string;
	/** What to say after the status instead of the provider's own words: a token failure's summary. */
	headline?: string;
	/** What happened, replacing "<provider> answered <status>" (a redirect to another host). */
	message?: string;
	/** The request's timeout, for "<provider> did not answer within N s". */
	timeoutMs?: number;
	/** How the credential labels the API address, for network hints (default "Base URL"). */
	baseUrlLabel?: string;
}

/**
 * One readable error from a failed call: what happened (the provider's own message and HTTP
 * status), how to fix it, the correlation id to quote to support, and nothing secret, with the
 * failure kept as data on `failure`. The raw client error (which carries request headers) is
 * deliberately not attached.
 */
export function apiError(node: INode, input: ApiErrorInput): ProviderApiError {
	const { failure, provider, secrets = [] } = input;
	const status = failure.status;
	const header = input.correlationHeader ? failure.headers[input.correlationHeader.toLowerCase()] : undefined;
	const correlationId = typeof header === 'string' ? header : Array.isArray(header) ? String(header[0]) : undefined;
	const said = providerMessage(failure.body);
	const network = !status && !!failure.code;
	const timedOut = !status && isTimeoutFailure(failure);
	const baseUrl = input.baseUrlLabel ?? 'Base URL';
	const headline = input.headline ?? said;
	const what =
		input.message ??
		(status
			? `${provider} answered ${status}${headline ? `: ${headline}` : ''}`
			: timedOut
				? `${provider} did not answer within ${input.timeoutMs ? `${seconds(input.timeoutMs)} s` : 'the timeout'}`
				: network
					? `${provider} could not be reached: ${NETWORK_WORDS[failure.code ?? ''] ?? failure.message}`
					: `The request to ${provider} failed: ${failure.message}`);
	const attempts = input.attempts && input.attempts > 1 ? ` (after ${input.attempts} attempts)` : '';
	const hint =
		input.hint ??
		input.reading?.hint ??
		(status
			? (STATUS_HINTS[status] ?? (status >= 500 ? `${provider} had a problem on its side: try again later.` : undefined))
			: timedOut
				? `${provider} may be busy, or the request asks for a lot of data: try again later, ask for less (a shorter period, a lower Limit), or raise Timeout (Seconds) under Request Options.`
				: network
					? ADDRESS_CODES.has(failure.code ?? '')
						? `Check the ${baseUrl} in the credential and the network between n8n and ${provider} (${failure.code}).`
						: NETWORK_WORDS[failure.code ?? '']?.startsWith('its TLS') || failure.code === 'EPROTO'
							? `Check the ${baseUrl} in the credential (https and the exact host name), or the proxy between n8n and ${provider} (${failure.code}).`
							: `Try again; if it keeps happening, a proxy or firewall between n8n and ${provider} may be closing the connection (${failure.code}).`
					: undefined);
	const where = input.method && input.url ? redact(`${input.method} ${input.url}`, secrets) : undefined;
	const description = [hint, correlationId ? `Correlation ID: ${correlationId}.` : undefined, where ? `Request: ${where}.` : undefined]
		.filter(Boolean)
		.join(' ');
	const body = failure.body !== undefined && !isStream(failure.body) ? redactValue(failure.body as JsonObject, secrets) : undefined;
	const response: JsonObject = {
		message: redact(what, secrets),
		httpCode: status ? String(status) : null,
		...(correlationId ? { correlationId } : {}),
		...(body !== undefined ? { body } : {}),
	};
	const notFound = input.reading?.notFound ?? status === 404;
	const error = providerApiError(
		node,
		response,
		{
			message: redact(`${what}${attempts}`, secrets),
			description: redact(description, secrets),
			httpCode: status ? String(status) : undefined,
			itemIndex: input.itemIndex,
			failure: n8nCause(status, notFound, input.source ?? 'api', failure.headers['retry-after']),
		},
		{
			provider,
			source: input.source ?? 'api',
			status,
			// An answered request's client code (ERR_BAD_REQUEST) says nothing the status does not.
			code: status ? undefined : failure.code,
			said: said === undefined ? undefined : redact(said, secrets),
			body,
			correlationId,
			request: where,
			attempts: input.attempts ?? 1,
			notFound,
		},
	);
	if (correlationId) error.context.correlationId = correlationId;
	if (input.attempts) error.context.attempts = input.attempts;
	return error;
}

/** The cause n8n 2.x lets a node declare on its errors (n8n-workflow `Failure`), where one applies. */
function n8nCause(
	status: number | undefined,
	notFound: boolean,
	source: FailureSource,
	retryAfter: unknown,
): NodeApiErrorOptions['failure'] {
	if (status === 429) {
		const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
		return { cause: 'rate-limited', ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {}) };
	}
	if (status === 502 || status === 503 || status === 504) return { cause: 'temporarily-unavailable' };
	if (status === 401 || (source === 'token' && (status === 400 || status === 403))) return { cause: 'credential-invalid' };
	if (notFound) return { cause: 'configuration-invalid' };
	return undefined;
}

function isStream(value: unknown): boolean {
	return !!value && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** What the download readers of ndjson.ts throw (SourceReadError), as far as a message needs it. */
export interface DownloadFailure {
	message: string;
	/** How to fix it, in one sentence. */
	hint?: string;
	/** Lines completely read before the failure, for line-based files. */
	linesRead?: number;
}

/**
 * The node error of a file that could not be read to its end: what failed and why in one
 * sentence ("Report 42: The connection was cut during the download, after 1.2 MB of 3.4 MB."),
 * the fix as its description. Use it for SourceReadError in every output mode, File included,
 * instead of wrapping the message again.
 */
export function downloadError(
	node: INode,
	failure: DownloadFailure,
	input: { what: string; itemIndex?: number; secrets?: readonly string[] },
): NodeOperationError {
	const lines = failure.linesRead ? ` It failed after line ${failure.linesRead}.` : '';
	return new NodeOperationError(node, redact(`${input.what}: ${failure.message}`, input.secrets), {
		description: redact(`${failure.hint ?? 'Run the node again.'}${lines}`, input.secrets),
		itemIndex: input.itemIndex,
	});
}

/** A mistake in the node's own input, with how to fix it. */
export function inputError(node: INode, message: string, description: string, itemIndex?: number) {
	return new NodeOperationError(node, message, { description, itemIndex });
}
