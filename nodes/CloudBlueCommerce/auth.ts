import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

/**
 * Getting the bearer token every SimpleAPI call needs, in the two ways the SimpleAPI introduction
 * describes (research/providers.md section 2, "Auth"). Used by the credential's preAuthentication,
 * so n8n caches the token in the credential and fetches a new one when a call answers 401.
 */

export type AuthenticationMethod = 'token' | 'oAuth2Password';

/** Marks an error body as coming from the token request, so the node error can say which secret is wrong. */
export const TOKEN_FAILURE_CODE = 'TOKEN_REQUEST_FAILED';

interface ResponseLike {
	status?: number;
	headers?: IDataObject;
	data?: unknown;
}

/** What a failed token request looked like, reduced to what decides the message. */
export interface TokenFailure {
	method: AuthenticationMethod;
	status?: number;
	body?: unknown;
	/** Network error code (ENOTFOUND, ECONNREFUSED...) when no response came. */
	networkCode?: string;
	/** Where the token was asked for, without query. */
	url: string;
}

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

/**
 * Network failures in words: n8n replaces a message that contains a raw code such as ECONNREFUSED
 * with its own generic text, which would drop the fix.
 */
function networkReason(code: string | undefined): string {
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name was not found';
	if (code && /TIMEDOUT|TIMEOUT/.test(code)) return 'it timed out';
	if (code === 'ECONNRESET') return 'the connection was closed';
	return 'network error';
}

/** The readable reason and fix for a failed token request: wrong secret, wrong key or wrong URL. */
export function explainTokenFailure(failure: TokenFailure): { message: string; fix: string } {
	const { method, status, body, url } = failure;
	const said = text(body).toLowerCase();
	if (status === undefined) {
		return {
			message: `The token request to ${url} got no answer (${networkReason(failure.networkCode)})`,
			fix:
				method === 'token'
					? 'Check the Base URL in the credential: it is shown in the reseller control panel under Marketplace API (for example https://api.cloud.im/marketplace/eu).'
					: 'Check the Token URL in the credential: it is the Keycloak realm address given by your CloudBlue account manager.',
		};
	}
	if (status === 404 || status === 405 || (status < 300 && said.trim() === '')) {
		return {
			message: `There is no token endpoint at ${url} (HTTP ${status})`,
			fix:
				method === 'token'
					? 'Check the Base URL in the credential: it must be the Marketplace API prefix of all paths (for example https://simpleapiprod.azure-api.net/marketplace), without /token.'
					: 'Check the Token URL: it looks like https://<host>/auth/realms/<realm>/protocol/openid-connect/token.',
		};
	}
	if (status === 429 || status >= 500) {
		return {
			message:
				status === 429
					? 'The API gateway refused the token request: too many requests (HTTP 429)'
					: `The token endpoint had a problem on its side (HTTP ${status})`,
			fix: 'Try again later; the credential itself may be fine.',
		};
	}
	if (said.includes('subscription key') || said.includes('subscription-key')) {
		return {
			message: `The Subscription Key was refused by the API gateway (HTTP ${status})`,
			fix: 'Copy the Subscription Key again from the reseller control panel (Marketplace API) into the credential; the key must belong to an active API subscription.',
		};
	}
	if (method === 'oAuth2Password') {
		if (said.includes('client') && (status === 400 || status === 401)) {
			return {
				message: `The Client ID or Client Secret was refused (HTTP ${status})`,
				fix: 'Check the Client ID and Client Secret in the credential; they come from your CloudBlue account manager.',
			};
		}
		if (said.includes('invalid_grant') || status === 401) {
			return {
				message: `The username or password was refused (HTTP ${status})`,
				fix: 'Check the Username and Password of the API user in the credential, and that the user is enabled.',
			};
		}
	} else {
		if (status === 401 || status === 403) {
			return {
				message: `The username or password was refused (HTTP ${status})`,
				fix: 'Check the Username and Password of the API user in the credential (the user of the reseller control panel allowed to use the Marketplace API).',
			};
		}
		if (status === 400 && said.includes('marketplace')) {
			return {
				message: `The Marketplace code was refused (HTTP ${status})`,
				fix: 'Check the Marketplace in the credential: it is the code in the reseller control panel address, for example "us" or "eu".',
			};
		}
	}
	if (status >= 200 && status < 300) {
		return {
			message: `The token request to ${url} answered without a token`,
			fix:
				method === 'token'
					? 'Check the Base URL: it must point at the Marketplace API, whose POST /token answers {"token": ...}.'
					: 'Check the Token URL: it must be the Keycloak token endpoint, which answers {"access_token": ...}.',
		};
	}
	return {
		message: `The token request failed (HTTP ${status})`,
		fix: 'Check every field of the credential; if they are right, CloudBlue may have a problem: try again later.',
	};
}

/** What the token endpoint answered, as the node's HTTP layer reads a failed call. */
export interface TokenResponse {
	status?: number;
	headers: IDataObject;
	data: IDataObject;
}

/**
 * A failed token request. Its own message is the readable one (n8n's credential test shows it). The
 * HTTP answer sits one level deeper, under `cause.response`, where the node's HTTP layer finds the
 * status, the correlation id and a `{message, code, fix}` body, but n8n's error class does not look:
 * if it found a 401 there it would replace the message with its generic "Authorization failed", and
 * n8n would ask for a token a second time with the same wrong secret.
 */
export class TokenRequestError extends Error {
	constructor(failure: TokenFailure, correlationId?: string, retryAfter?: string) {
		const { message, fix } = explainTokenFailure(failure);
		const full = `${message}. ${fix}${correlationId ? ` Correlation ID: ${correlationId}.` : ''}`;
		const response: TokenResponse = {
			status: failure.status,
			headers: {
				...(correlationId ? { 'x-correlation-id': correlationId } : {}),
				// A busy token endpoint's Retry-After is honoured like the API's.
				...(retryAfter ? { 'retry-after': retryAfter } : {}),
			},
			data: { message, code: TOKEN_FAILURE_CODE, fix },
		};
		super(full, { cause: { response } });
		this.name = 'TokenRequestError';
	}
}

/** A TokenRequestError, for throwing from a catch block. */
export function tokenRequestError(failure: TokenFailure, correlationId?: string, retryAfter?: string): TokenRequestError {
	return new TokenRequestError(failure, correlationId, retryAfter);
}

function responseOf(error: unknown): ResponseLike | undefined {
	let current = error as { response?: ResponseLike; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.response && typeof current.response === 'object') return current.response;
		current = current.cause as typeof current;
	}
	return undefined;
}

function codeOf(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

function trimBase(url: unknown): string {
	return String(url ?? '').trim().replace(/\/+$/, '');
}

/** The Keycloak token endpoint from what the user typed: the endpoint itself or the realm's openid-connect address. */
export function keycloakTokenUrl(value: unknown): string {
	const url = trimBase(value);
	return /\/token$/.test(url) ? url : `${url}/token`;
}

/** Fetches a bearer token with the credential's method; throws a TokenRequestError that says what is wrong. */
export async function fetchAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const method = (credentials.authentication as AuthenticationMethod) ?? 'token';
	const url = method === 'token' ? `${trimBase(credentials.baseUrl)}/token` : keycloakTokenUrl(credentials.tokenUrl);
	let body: unknown;
	let headers: IDataObject | undefined;
	let status: number | undefined;
	try {
		const response =
			method === 'token'
				? // Native method: Basic username:password plus the gateway key, JSON {marketplace} (spec generateAuthToken).
					await helpers.httpRequest({
						method: 'POST',
						url,
						auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
						headers: { 'X-Subscription-Key': String(credentials.subscriptionKey ?? '') },
						body: credentials.marketplace ? { marketplace: credentials.marketplace } : {},
						json: true,
						returnFullResponse: true,
					})
				: // Keycloak password grant, as the existing community node does it (CloudBlueApiService.ts).
					await helpers.httpRequest({
						method: 'POST',
						url,
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body: new URLSearchParams({
							grant_type: 'password',
							client_id: String(credentials.clientId ?? ''),
							client_secret: String(credentials.clientSecret ?? ''),
							username: String(credentials.username ?? ''),
							password: String(credentials.password ?? ''),
							scope: 'openid',
						}).toString(),
						json: true,
						returnFullResponse: true,
					});
		const full = response as { statusCode?: number; headers?: IDataObject; body?: unknown };
		status = full.statusCode;
		headers = full.headers;
		body = typeof full.body === 'string' ? safeJson(full.body) : full.body;
	} catch (error) {
		const response = responseOf(error);
		if (!response) {
			throw tokenRequestError({ method, url, networkCode: codeOf(error) ?? (error as Error).message });
		}
		throw tokenRequestError(
			{ method, url, status: response.status, body: response.data },
			header(response.headers, 'x-correlation-id'),
			header(response.headers, 'retry-after'),
		);
	}
	const token = method === 'token' ? (body as IDataObject)?.token : (body as IDataObject)?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw new TokenRequestError({ method, url, status: status ?? 200, body }, header(headers, 'x-correlation-id'));
	}
	return token;
}

function safeJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}
