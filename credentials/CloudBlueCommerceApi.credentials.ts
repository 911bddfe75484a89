import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { fetchAccessToken } from '../nodes/CloudBlueCommerce/auth';

/**
 * CloudBlue Commerce SimpleAPI: every call carries a bearer token and the API gateway's
 * X-Subscription-Key (SimpleAPI introduction and spec v1.15, docs/cloudblue.md). The token (25 minutes, no refresh
 * token) is fetched in preAuthentication and kept in the hidden expirable field; n8n fetches a new
 * one whenever a call answers 401.
 */
export class CloudBlueCommerceApi implements ICredentialType {
	name = 'cloudBlueCommerceApi';

	displayName = 'CloudBlue Commerce API';

	icon: Icon = {
		light: 'file:../nodes/CloudBlueCommerce/cloudblue.svg',
		dark: 'file:../nodes/CloudBlueCommerce/cloudblue.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-reporting/n8n-nodes-reporting/blob/main/docs/cloudblue.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://api.cloud.im/marketplace/eu',
			description:
				'The Marketplace API address shown in the reseller control panel (Marketplace API menu), the prefix of every path. Examples: https://simpleapiprod.azure-api.net/marketplace, https://api.cloud.im/marketplace/eu or /na, a lab such as https://api-lab.cloud.im/marketplace/dev.',
		},
		// The gateway key sent as X-Subscription-Key on every call is a secret, so it stays masked; the
		// rule guesses secrets from field names and does not know "subscriptionKey".
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The key of your API gateway subscription, sent as the X-Subscription-Key header on every call',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'token',
			options: [
				{
					name: 'Token (Username and Password)',
					value: 'token',
					description: 'POST /token with Basic authentication, the native SimpleAPI method',
				},
				{
					name: 'OAuth2 Password Grant (Keycloak)',
					value: 'oAuth2Password',
					description: "The reseller's Keycloak realm, with a client ID and secret from CloudBlue",
				},
			],
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://idp.example.com/auth/realms/sr1234/protocol/openid-connect/token',
			description: "The Keycloak realm's token endpoint (or the realm's openid-connect address, /token is then added)",
			displayOptions: { show: { authentication: ['oAuth2Password'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Keycloak client ID your CloudBlue account manager gave you',
			displayOptions: { show: { authentication: ['oAuth2Password'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The secret of that Keycloak client',
			displayOptions: { show: { authentication: ['oAuth2Password'] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The API user of the reseller account',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The password of the API user',
		},
		{
			displayName: 'Marketplace',
			name: 'marketplace',
			type: 'string',
			default: '',
			placeholder: 'e.g. us',
			description: 'The marketplace code sent when asking for a token; it appears in the reseller control panel address',
			displayOptions: { show: { authentication: ['token'] } },
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
		return { accessToken: await fetchAccessToken(this.helpers, credentials) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'X-Subscription-Key': '={{$credentials.subscriptionKey}}',
			},
		},
	};

	// After preAuthentication has proved the secrets, one cheap authenticated list call proves the URL and the key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/customers',
			qs: { limit: 1 },
		},
	};
}
