import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { TokenRequestError, type HttpFailure } from '../nodes/shared/errors';
import { ATENEA_TOKEN_PATH, tokenAnswer, tokenTypeOf, TRUST_ENVIRONMENTS, trustUrls } from '../nodes/Trust/environments';
import { trustProfile } from '../nodes/Trust/transport';

/** What Atenea said when it refused the client, and how to fix the credential. */
function ateneaRefusal(atenea: string, response: IN8nHttpFullResponse): { summary: string; fix: string } {
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	const said = [body.error, body.error_description, body.message, body.detail]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join(': ');
	return {
		summary: `Atenea (${atenea}) refused the client credentials with HTTP ${response.statusCode}${said ? ` (${said})` : ''}`,
		fix:
			response.statusCode === 401 || response.statusCode === 400
				? 'Check the Client ID and Client Secret in the Trust API credential, and that they belong to the chosen environment.'
				: 'Check the Environment (or the Atenea URL) in the Trust API credential, or try again later.',
	};
}

/**
 * Trust's Campaigns API takes a Bearer token from Atenea's client-credentials flow, whose JSON body
 * n8n's generic OAuth2 credential (form-encoded) cannot send
 * (https://docs.trust.lat/docs/api/atenea/create_access_token/client_credentials_flow). So the
 * token is fetched in `preAuthentication` and kept in a hidden expirable field: n8n fetches it when
 * empty and again after a 401, which is how Trust signals an expired token (Trust's SDKs do so;
 * docs/trust.md, "Sources and assumptions"). The header is `<token_type> <access_token>` from the answer.
 * The Trust node tests it (nodes/Trust/credentialTest.ts): a token from Atenea, then an answer of the
 * Campaigns API to it, so that both addresses are proven and a failure names the field.
 */
export class TrustApi implements ICredentialType {
	name = 'trustApi';

	displayName = 'Trust API';

	icon: Icon = { light: 'file:../nodes/Trust/trust.svg', dark: 'file:../nodes/Trust/trust.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-reporting/n8n-nodes-reporting/blob/main/docs/trust.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: `${TRUST_ENVIRONMENTS.production.api} with Atenea at ${TRUST_ENVIRONMENTS.production.atenea}`,
				},
				{
					name: 'Test',
					value: 'test',
					description: `${TRUST_ENVIRONMENTS.test.api} with Atenea at ${TRUST_ENVIRONMENTS.test.atenea}`,
				},
				{ name: 'Custom', value: 'custom', description: 'Enter both addresses yourself' },
			],
			default: 'production',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.trust.lat',
			required: true,
			description: 'Base address of the Trust API, without /campaigns',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Atenea URL',
			name: 'ateneaUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://atenea.trust.lat',
			required: true,
			description: 'Base address of the Atenea token service, without /oauth/token/',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The client ID Trust gave you for the client-credentials flow',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret that goes with the client ID',
		},
		{
			displayName: 'Default Company ID',
			name: 'defaultCompanyId',
			type: 'string',
			default: '',
			description: 'Company used by the Trust node when its Company ID field is left empty',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Type',
			name: 'tokenType',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { atenea } = trustUrls(credentials);
		const secrets = [String(credentials.clientSecret ?? '')];
		const ask = async (path: string) =>
			(await this.helpers.httpRequest({
				method: 'POST',
				url: `${atenea}${path}`,
				body: { client_id: credentials.clientId, client_secret: secrets[0], grant_type: 'client_credentials' },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
		let url = `${atenea}${ATENEA_TOKEN_PATH}`;
		let response = await ask(ATENEA_TOKEN_PATH);
		// The docs and the iOS SDK post to /oauth/token/, Trust's Android SDK to /oauth/token: an Atenea
		// that knows only the other spelling is asked there.
		if (response.statusCode === 404 || response.statusCode === 405) {
			const other = ATENEA_TOKEN_PATH.endsWith('/') ? ATENEA_TOKEN_PATH.replace(/\/+$/, '') : `${ATENEA_TOKEN_PATH}/`;
			const retry = await ask(other);
			if (retry.statusCode < 400) {
				response = retry;
				url = `${atenea}${other}`;
			}
		}
		const answer: HttpFailure = { status: response.statusCode, headers: response.headers ?? {}, body: response.body, message: '' };
		if (response.statusCode >= 400) {
			const { summary, fix } = ateneaRefusal(atenea, response);
			throw new TokenRequestError(answer, summary, fix, trustProfile.displayName, url, secrets);
		}
		const body = tokenAnswer(response.body);
		const token = body.access_token;
		if (typeof token !== 'string' || token === '') {
			// Atenea did not fail at the HTTP level, so the failure carries no status: the run shows this
			// summary as it is and does not repeat the request.
			throw new TokenRequestError(
				{ ...answer, status: undefined },
				`Atenea (${atenea}) answered without an access_token`,
				'Check the Atenea URL in the Trust API credential.',
				trustProfile.displayName,
				url,
				secrets,
			);
		}
		// `expires_in` and `created_at` are not read (Trust's Android SDK types them as strings, the docs
		// as numbers): n8n asks for a new token when Trust answers 401.
		return { accessToken: token, tokenType: tokenTypeOf(body.token_type) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{$credentials.tokenType || "Bearer"}} {{$credentials.accessToken}}',
			},
		},
	};
}
