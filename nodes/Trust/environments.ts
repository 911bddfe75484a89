import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * Where each Trust environment lives: the Campaigns API and the Atenea token service. Production
 * hosts come from https://docs.trust.lat, the test hosts from Trust's own Android SDK
 * (`RestClientIdentify.java` and `RestClientAccessToken.java`, linked in docs/trust.md, "Sources and
 * assumptions").
 */
export const TRUST_ENVIRONMENTS = {
	production: { api: 'https://api.trust.lat', atenea: 'https://atenea.trust.lat' },
	test: { api: 'https://api-tst.trust.lat', atenea: 'https://atenea-tst.trust.lat' },
} as const;

export type TrustEnvironment = keyof typeof TRUST_ENVIRONMENTS | 'custom';

/** Atenea's client-credentials endpoint; the trailing slash is part of the documented path. */
export const ATENEA_TOKEN_PATH = '/oauth/token/';

function trimmed(value: unknown): string {
	return typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
}

/** The API and Atenea base URLs of one credential, without trailing slashes. */
export function trustUrls(credentials: ICredentialDataDecryptedObject | undefined): { api: string; atenea: string } {
	const environment = (credentials?.environment as TrustEnvironment | undefined) ?? 'production';
	if (environment === 'custom') {
		return { api: trimmed(credentials?.apiUrl), atenea: trimmed(credentials?.ateneaUrl) };
	}
	return { ...(TRUST_ENVIRONMENTS[environment] ?? TRUST_ENVIRONMENTS.production) };
}

/** The token answer as an object: a JSON text (an Atenea that labels JSON as text) is parsed. */
export function tokenAnswer(body: unknown): IDataObject {
	if (typeof body === 'string') {
		try {
			const parsed = JSON.parse(body) as unknown;
			return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : {};
		} catch {
			return {};
		}
	}
	return body && typeof body === 'object' ? (body as IDataObject) : {};
}

/**
 * The scheme of the Authorization header: Atenea's `token_type`, as Trust's iOS SDK sends it
 * (`"<token_type> <access_token>"`), or Bearer as the docs write it when the answer has none.
 */
export function tokenTypeOf(value: unknown): string {
	return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(value.trim()) ? value.trim() : 'Bearer';
}
