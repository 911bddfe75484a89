import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The merchant's Reportei Connect API key, sent as a Bearer token
 * (https://github.com/reportei/connect-docs/blob/3151871/README.md). ASSUMPTION: it is a static
 * key, as Connect documents no token endpoint and no expiry. Customer tokens differ per customer
 * and live in the node, not here.
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
			// ASSUMPTION: the API lives under /api, as the Postman baseURL and the paginator's meta.path
			// say, although the cURL examples of connect-docs leave it out.
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://connect.reportei.com/api',
			required: true,
			description: 'The Connect API address, including /api',
		},
	];

	// The lp-connect Postman collection sends Accept: application/json (docs/reportei.md, "Sources
	// and assumptions"). ASSUMPTION: without it this Laravel API may answer validation errors with a
	// redirect or HTML.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				Accept: 'application/json',
			},
		},
	};

	// Tested by the nodes (nodes/ReporteiConnect/credentialTest.ts), so that a failure names the field
	// and the reason in words rather than a bare network code.
}
