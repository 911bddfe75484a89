import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { probeUrls, type ProbeAnswer } from '../shared/credentialTest';
import { ATENEA_TOKEN_PATH, tokenAnswer, tokenTypeOf, TRUST_ENVIRONMENTS, trustUrls, type TrustEnvironment } from './environments';
import { TRUST, trustWords } from './transport';

/**
 * The company asked for when the credential has no Default Company ID: one no client owns.
 * ASSUMPTION: Trust answers a company it does not know (or the client may not use) with a JSON
 * 404 or 403, as it does any unknown ID, which still proves the API URL and the token.
 */
export const PROBE_COMPANY_ID = '0';

function said(body: unknown): string {
	const words = trustWords(body);
	return words ? `, "${words}"` : '';
}

function isJson(body: unknown): boolean {
	return !!body && typeof body === 'object';
}

function other(status: number, body: unknown, field: string): string {
	if (status >= 300 && status < 400) return `it redirects elsewhere (HTTP ${status}): enter the address it redirects to instead`;
	if (status >= 500) return `it had a problem on its side (HTTP ${status}${said(body)}): test again later, or check the ${field}`;
	return `it answered HTTP ${status}${said(body)}: check the ${field}`;
}

/**
 * The credential test (`testedBy` of the Trust node), which proves both addresses: Atenea gives a
 * token for the Client ID and Secret (`POST {atenea}/oauth/token/`, the Android SDK's
 * `/oauth/token` when that path is unknown, as preAuthentication does), then the Campaigns API
 * accepts that token for the statistics of the Default Company ID (or of PROBE_COMPANY_ID). A
 * failure names the field and says why in words.
 */
export async function trustApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const environment = (data.environment as TrustEnvironment | undefined) ?? 'production';
	const { api, atenea } = trustUrls(data);
	const preset = environment === 'custom' ? undefined : environment in TRUST_ENVIRONMENTS ? environment : 'production';
	const named = preset ? `${preset === 'test' ? 'Test' : 'Production'} environment` : undefined;
	const ateneaField = named ? `${named}'s Atenea URL` : 'Atenea URL';
	const apiField = named ? `${named}'s API URL` : 'API URL';
	const pair = `the Client ID and Client Secret (and that they belong to ${named ? `the ${named}` : 'this Atenea'})`;
	const secrets = [String(data.clientSecret ?? '')];
	let token: { value: string; type: string } | undefined;
	let unknownPath = false;

	const ateneaCheck = ({ status, body }: ProbeAnswer): string | undefined => {
		unknownPath = status === 404 || status === 405;
		if (status >= 200 && status < 300) {
			const answer = tokenAnswer(body);
			if (typeof answer.access_token !== 'string' || answer.access_token === '') {
				return `without an access_token${said(body)}: check the ${ateneaField}`;
			}
			token = { value: answer.access_token, type: tokenTypeOf(answer.token_type) };
			secrets.push(answer.access_token);
			return undefined;
		}
		if (status === 400 || status === 401 || status === 403) return `it refused the Client ID and Client Secret (HTTP ${status}${said(body)}): check ${pair}`;
		if (unknownPath) return `there is no Atenea token service there (HTTP ${status}${said(body)}): check the ${ateneaField}`;
		return other(status, body, ateneaField);
	};
	const tokenProbe = (path: string) => ({
		field: ateneaField,
		url: `${atenea}${path}`,
		method: 'POST' as const,
		body: { client_id: data.clientId, client_secret: secrets[0], grant_type: 'client_credentials' },
		check: ateneaCheck,
	});
	let result = await probeUrls(this, [tokenProbe(ATENEA_TOKEN_PATH)], { secrets });
	if (result.status === 'Error' && unknownPath) {
		const retry = await probeUrls(this, [tokenProbe(ATENEA_TOKEN_PATH.replace(/\/+$/, ''))], { secrets });
		if (retry.status === 'OK') result = retry;
	}
	if (result.status === 'Error' || !token) return result;

	const defaultCompany = String(data.defaultCompanyId ?? '').trim();
	const company = defaultCompany || PROBE_COMPANY_ID;
	const apiCheck = ({ status, body }: ProbeAnswer): string | undefined => {
		if (status >= 200 && status < 300) return isJson(body) ? undefined : `with a web page instead of the Campaigns API: check the ${apiField}`;
		if (status === 401) {
			return `it refused the token Atenea gave (HTTP 401${said(body)}): the API URL and the Atenea URL must belong to the same environment, and the client must be allowed to use the Campaigns API`;
		}
		if (status === 403 || status === 404) {
			// A JSON refusal of the company is the Campaigns API answering with the token accepted.
			if (!isJson(body)) return `there is no Campaigns API there (HTTP ${status}${said(body)}): check the ${apiField}`;
			if (!defaultCompany) return undefined;
			return status === 403
				? `this client may not use company ${company} (HTTP 403${said(body)}): check the Default Company ID`
				: `Trust does not know company ${company} (HTTP 404${said(body)}): check the Default Company ID`;
		}
		if (status === 405) return `there is no Campaigns API there (HTTP 405): check the ${apiField}`;
		return other(status, body, apiField);
	};
	return await probeUrls(
		this,
		[
			{
				field: apiField,
				url: `${api}${TRUST.campaignsPath}/company/${encodeURIComponent(company)}/statistics`,
				headers: { Authorization: `${token.type} ${token.value}` },
				check: apiCheck,
			},
		],
		{ secrets },
	);
}
