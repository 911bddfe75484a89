import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * 4YouSee Manager has no token endpoint: the Secret-Token is created in the Manager UI and sent as
 * a header on every call (https://documenter.getpostman.com/view/3815648/S1EMTyVA?version=latest).
 */
export class FourYouSeeApi implements ICredentialType {
	name = 'fourYouSeeApi';

	displayName = '4YouSee Manager API';

	icon: Icon = { light: 'file:../nodes/FourYouSee/fouryousee.svg', dark: 'file:../nodes/FourYouSee/fouryousee.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-reporting/n8n-nodes-reporting/blob/main/docs/fouryousee.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Token',
			name: 'secretToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API token created in 4YouSee Manager (sent as the Secret-Token header)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.4yousee.com.br/v1',
			required: true,
			description: 'The Manager API address, including /v1',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'Secret-Token': '={{$credentials.secretToken}}',
			},
		},
	};

	// One cheap authenticated list call: it proves both the URL and the token.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/users/groups',
			qs: { limit: 1 },
		},
	};
}
