import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { describeHttpFailure, TokenRequestError, type HttpFailure } from '../shared/errors';
import { bodyCorrelationId, cloudBlueSaid, htmlPage } from './errors';
import { cloudBlueProfile } from './transport';

/**
 * Getting the bearer token every SimpleAPI call needs, in the two ways the SimpleAPI introduction
 * describes (https://docs.cloudblue.com/cbc/21.0/Simple-API/Introduction.htm). Used by the
 * credential's preAuthentication, so n8n caches the token in the credential and fetches a new one
 * when a call answers 401.
 */

type AuthenticationMethod = 'token' | 'oAuth2Password';

/** What a failed token request looked like, reduced to what decides the message. */
interface TokenFailure {
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

/** The endpoint's own words after the status: `(HTTP 401: "Invalid user credentials")`. */
function statusAndWords(status: number, body: unknown): string {
	const page = htmlPage(body);
	if (page) return `HTTP ${status}, an HTML error page${page.title ? `: "${page.title}"` : ''}`;
	const said = cloudBlueSaid(body);
	return said ? `HTTP ${status}: "${said.slice(0, 200)}"` : `HTTP ${status}`;
}

/** The readable reason and fix for a failed token request: wrong secret, wrong key or wrong URL. */
export function explainTokenFailure(failure: TokenFailure): { message: string; fix: string } {
	const explained = explainTokenStatus(failure);
	if (failure.status === undefined || failure.status < 300) return explained;
	return { ...explained, message: explained.message.replace(`(HTTP ${failure.status})`, `(${statusAndWords(failure.status, failure.body)})`) };
}

function explainTokenStatus(failure: TokenFailure): { message: string; fix: string } {
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

/** A failed token request: its readable reason and fix, with what the endpoint answered kept as data. */
function tokenError(method: AuthenticationMethod, url: string, http: HttpFailure, credentials: ICredentialDataDecryptedObject) {
	const { message, fix } = explainTokenFailure({
		method,
		url,
		status: http.status,
		body: http.body,
		networkCode: http.status === undefined ? (http.code ?? http.message) : undefined,
	});
	const secrets = cloudBlueProfile.secretFields.map((field) => credentials[field]).filter((v): v is string => typeof v === 'string');
	// The Marketplace API 1.1 error body carries the correlation ID too; the header may be missing.
	const correlationId = bodyCorrelationId(http.body);
	const headers = correlationId && http.headers['x-correlation-id'] === undefined ? { ...http.headers, 'x-correlation-id': correlationId } : http.headers;
	return new TokenRequestError({ ...http, headers }, message, fix, cloudBlueProfile.displayName, url, secrets);
}

function lowerKeys(headers: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
	return out;
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
	let full: { statusCode?: number; headers?: IDataObject; body?: unknown };
	try {
		const response =
			method === 'token'
				? // Native method: Basic username:password plus the gateway key, JSON {marketplace} (SimpleAPI spec v1.15, generateAuthToken).
					await helpers.httpRequest({
						method: 'POST',
						url,
						auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
						headers: { 'X-Subscription-Key': String(credentials.subscriptionKey ?? '') },
						body: credentials.marketplace ? { marketplace: credentials.marketplace } : {},
						json: true,
						returnFullResponse: true,
					})
				: // Keycloak password grant, as the existing community node does it (docs/cloudblue.md, Sources and assumptions).
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
		full = response as typeof full;
	} catch (error) {
		throw tokenError(method, url, describeHttpFailure(error), credentials);
	}
	const body = typeof full.body === 'string' ? safeJson(full.body) : full.body;
	const token = method === 'token' ? (body as IDataObject)?.token : (body as IDataObject)?.access_token;
	if (typeof token !== 'string' || token === '') {
		const http = { status: full.statusCode ?? 200, headers: lowerKeys(full.headers), body, message: 'No token in the answer' };
		throw tokenError(method, url, http, credentials);
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
