import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { redact } from '../nodes/shared/errors';
import { ATENEA_TOKEN_PATH, ateneaUrlExpression, TRUST_ENVIRONMENTS, trustUrls } from '../nodes/Trust/environments';

/** What Atenea said when it refused the client, readable and without the secret. */
function ateneaRefusal(atenea: string, response: IN8nHttpFullResponse, secret: string): string {
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	const said = [body.error, body.error_description, body.message, body.detail]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join(': ');
	const what = `Atenea (${atenea}) refused the client credentials with HTTP ${response.statusCode}${said ? ` (${said})` : ''}`;
	const fix =
		response.statusCode === 401 || response.statusCode === 400
			? 'Check the Client ID and Client Secret in the Trust API credential, and that they belong to the chosen environment.'
			: 'Check the Environment (or the Atenea URL) in the Trust API credential, or try again later.';
	return redact(`${what}. ${fix}`, [secret]);
}

/**
 * Trust's Campaigns API takes a Bearer token from Atenea's client-credentials flow, whose JSON body
 * n8n's generic OAuth2 credential (form-encoded) cannot send (research/providers.md section 3,
 * "Atenea token"). So the token is fetched in `preAuthentication` and kept in a hidden expirable
 * field: n8n fetches it when empty and again after a 401, which is how Trust signals an expired token.
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
			placeholder: 'https://api.trust.lat',
			required: true,
			description: 'Base address of the Trust API, without /campaigns',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Atenea URL',
			name: 'ateneaUrl',
			type: 'string',
			default: '',
			placeholder: 'https://atenea.trust.lat',
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
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { atenea } = trustUrls(credentials);
		const secret = String(credentials.clientSecret ?? '');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${atenea}${ATENEA_TOKEN_PATH}`,
			body: { client_id: credentials.clientId, client_secret: secret, grant_type: 'client_credentials' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		if (response.statusCode >= 400) throw new Error(ateneaRefusal(atenea, response, secret));
		const token = (response.body as IDataObject | undefined)?.access_token;
		if (typeof token !== 'string' || token === '') {
			throw new Error(`Atenea (${atenea}) answered without an access_token: check the Atenea URL in the Trust API credential.`);
		}
		return { accessToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// The token request itself proves the client ID and secret; the Campaigns API has no endpoint
	// that works without a company ID (research/providers.md section 3, "Credential test").
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: ateneaUrlExpression(),
			url: ATENEA_TOKEN_PATH,
			body: {
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
				grant_type: 'client_credentials',
			},
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Atenea refused the Client ID or Client Secret: check both values and the environment they belong to.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'Atenea rejected the token request: check the Client ID and Client Secret and the environment they belong to.',
				},
			},
		],
	};
}
