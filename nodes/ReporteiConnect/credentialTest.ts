import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { probeUrls, type ProbeAnswer } from '../shared/credentialTest';
import { REPORTEI, reporteiWords } from './transport';

/** ` ("Connect's words")` of an answer, when it said something. */
function said(body: unknown): string {
	const words = reporteiWords(body);
	return words ? `, "${words}"` : '';
}

/** What an answer to `GET /merchants/settings` says about the Base URL and the Merchant Token. */
function merchantSettingsCheck({ status, body }: ProbeAnswer): string | undefined {
	if (status >= 200 && status < 300) {
		if (body && typeof body === 'object') return undefined;
		return 'with a web page instead of the Connect API: enter the API address, which ends in /api';
	}
	if (status === 401 || status === 403) return `it refused the Merchant Token (HTTP ${status}${said(body)}): check the Merchant Token`;
	if (status === 404 || status === 405) return `there is no Connect API there (HTTP ${status}${said(body)}): check the Base URL, which ends in /api`;
	if (status >= 300 && status < 400) return `it redirects elsewhere (HTTP ${status}): enter the address it redirects to instead`;
	if (status === 429) return `the merchant is over its rate limit right now (HTTP 429), so the Merchant Token could not be checked: test again in a minute`;
	if (status >= 500) return `it had a problem on its side (HTTP ${status}${said(body)}): test again later, or check the Base URL`;
	return `it answered HTTP ${status}${said(body)}: check the Base URL and the Merchant Token`;
}

/**
 * The credential test (`testedBy` of both Reportei nodes): the merchant's own settings, which only
 * answer at the right Base URL with a valid Merchant Token
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/merchants.md). A failure names
 * the field and says why in words.
 */
export async function reporteiConnectApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const base = String(data.baseUrl ?? '').trim().replace(/\/+$/, '');
	const token = String(data.accessToken ?? '');
	return await probeUrls(
		this,
		[
			{
				field: 'Base URL',
				url: `${base}${REPORTEI.merchantSettingsPath}`,
				// As the credential authenticates every call (ReporteiConnectApi.authenticate).
				headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
				check: merchantSettingsCheck,
			},
		],
		{ secrets: [token] },
	);
}
