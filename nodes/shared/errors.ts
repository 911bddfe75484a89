import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

/** The fields a provider puts its human message in, in the shapes research/providers.md lists. */
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
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid: check the fields of this operation.',
	401: 'The credential was not accepted: check it in the node\'s credential settings and test it there.',
	403: 'The credential is valid but not allowed to do this: check the account\'s permissions.',
	404: 'Nothing was found at that ID: check that it exists and belongs to this account.',
	409: 'The request conflicts with the current state of the resource.',
	422: 'The request was understood but a field is invalid: check the values of this operation.',
	429: 'The provider\'s rate limit was still exceeded after waiting: try again later, or process fewer items at once.',
};

export interface ApiErrorInput {
	provider: string;
	failure: HttpFailure;
	method?: string;
	url?: string;
	attempts?: number;
	correlationHeader?: string;
	secrets?: readonly string[];
	itemIndex?: number;
	/** A provider-specific hint for this failure, preferred to the generic one. */
	hint?: string;
}

/**
 * One readable NodeApiError from a failed call: what happened (the provider's own message and HTTP
 * status), how to fix it, the correlation id to quote to support, and nothing secret. The raw client
 * error (which carries request headers) is deliberately not attached.
 */
export function apiError(node: INode, input: ApiErrorInput): NodeApiError {
	const { failure, provider, secrets = [] } = input;
	const status = failure.status;
	const correlationId = input.correlationHeader
		? (failure.headers[input.correlationHeader.toLowerCase()] as string | undefined)
		: undefined;
	const said = providerMessage(failure.body);
	const network = !status && !!failure.code;
	const what = status
		? `${provider} answered ${status}${said ? `: ${said}` : ''}`
		: network
			? `${provider} could not be reached: ${NETWORK_WORDS[failure.code ?? ''] ?? failure.message}`
			: `The request to ${provider} failed: ${failure.message}`;
	const attempts = input.attempts && input.attempts > 1 ? ` (after ${input.attempts} attempts)` : '';
	const hint =
		input.hint ??
		(status
			? (STATUS_HINTS[status] ?? (status >= 500 ? `${provider} had a problem on its side: try again later.` : undefined))
			: network
				? `Check the Base URL in the credential and the network between n8n and ${provider} (${failure.code}).`
				: undefined);
	const where = input.method && input.url ? `${input.method} ${redact(input.url, secrets)}` : undefined;
	const description = [hint, correlationId ? `Correlation ID: ${correlationId}.` : undefined, where ? `Request: ${where}.` : undefined]
		.filter(Boolean)
		.join(' ');
	const response: JsonObject = {
		message: redact(what, secrets),
		httpCode: status ? String(status) : null,
		...(correlationId ? { correlationId } : {}),
		...(failure.body !== undefined && !isStream(failure.body)
			? { body: redactValue(failure.body as JsonObject, secrets) }
			: {}),
	};
	const error = new NodeApiError(node, response, {
		message: redact(`${what}${attempts}`, secrets),
		description: redact(description, secrets),
		httpCode: status ? String(status) : undefined,
		itemIndex: input.itemIndex,
	});
	if (correlationId) error.context.correlationId = correlationId;
	if (input.attempts) error.context.attempts = input.attempts;
	return error;
}

function isStream(value: unknown): boolean {
	return !!value && typeof (value as { pipe?: unknown }).pipe === 'function';
}

/** A mistake in the node's own input, with how to fix it. */
export function inputError(node: INode, message: string, description: string, itemIndex?: number) {
	return new NodeOperationError(node, message, { description, itemIndex });
}
