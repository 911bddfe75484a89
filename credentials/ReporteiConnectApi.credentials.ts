import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The merchant's Reportei Connect API key, sent as a Bearer token. Connect documents no token
 * endpoint and no expiry, so it is a static key (research/providers.md section 4, "Base URL and
 * auth"). Customer tokens differ per customer and live in the node, not here.
 */
export class ReporteiConnectApi implements ICredentialType {
	name = 'reporteiConnectApi';

	displayName = 'Reportei Connect API';

	icon: Icon = {
		light: 'file:../nodes/ReporteiConnect/reportei.svg',
		dark: 'file:../nodes/ReporteiConnect/reportei.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-reporting/n8n-nodes-reporting/blob/main/docs/reportei.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Merchant Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The merchant API key Reportei gave you for Connect (sent as "Authorization: Bearer"). It also signs the callback links of Get Data Async, so the trigger must use the same credential.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://connect.reportei.com/api',
			required: true,
			description: 'The Connect API address, including /api',
		},
	];

	// Postman sends Accept: application/json everywhere; without it a Laravel API may answer
	// validation errors with a redirect or HTML (research/providers.md section 4).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				Accept: 'application/json',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/merchants/settings',
		},
	};
}
