import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Where each Trust environment lives: the Campaigns API and the Atenea token service. Production
 * hosts come from docs.trust.lat, the test hosts from Trust's own SDK constants
 * (research/providers.md section 3, "Atenea token").
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

/**
 * The same choice as an n8n expression over `$credentials`, for the credential test, which can only
 * use expressions.
 */
export function ateneaUrlExpression(): string {
	const { production, test } = TRUST_ENVIRONMENTS;
	return (
		'={{ $credentials.environment === "custom" ? String($credentials.ateneaUrl).trim().replace(/\\/+$/, "") : ' +
		`($credentials.environment === "test" ? "${test.atenea}" : "${production.atenea}") }}`
	);
}
