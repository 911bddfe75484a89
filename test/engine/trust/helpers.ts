/** Running the Trust node through n8n-core's engine against one Trust simulator (or any server). */
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import { DEFAULT_CLIENT } from '../../../dev/simulators/trust/server';

export const NODE = 'Trust';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A Trust API credential whose API and Atenea are both at `url`. */
export function trustCredentials(url: string, overrides: IDataObject = {}): CredentialStore {
	return {
		trustApi: {
			environment: 'custom',
			apiUrl: url,
			ateneaUrl: url,
			clientId: DEFAULT_CLIENT.clientId,
			clientSecret: DEFAULT_CLIENT.clientSecret,
			defaultCompanyId: '1',
			accessToken: '',
			...overrides,
		},
	};
}

export function trustWorkflow(parameters: INodeParameters, options: { continueOnFail?: boolean; typeVersion?: number } = {}): WorkflowJson {
	return {
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 't',
				name: NODE,
				type: 'n8n-nodes-reporting.trust',
				typeVersion: options.typeVersion ?? 2,
				position: [200, 0],
				parameters,
				credentials: { trustApi: { id: '1', name: 'Trust API' } },
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: NODE, type: 'main' as never, index: 0 }]] } },
	};
}

export async function runTrust(
	url: string,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; creds?: CredentialStore; continueOnFail?: boolean; typeVersion?: number } = {},
) {
	const result = await runWorkflow({
		workflow: trustWorkflow(parameters, options),
		credentials: options.creds ?? trustCredentials(url),
		inputItems: options.items ?? [{}],
	});
	return Object.assign(result, {
		/** The execution hints the node left (what the editor shows under its output). */
		hints: () => (result.runData[NODE]?.[0]?.hints ?? []) as Array<{ message: string; type?: string }>,
	});
}

/** Today minus `days`, as YYYY-MM-DD (UTC). */
export function day(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A load-options context (the editor asking a picker's list) that sends requests as n8n does for
 * this credential: the Atenea token first, then `<token_type> <access_token>`.
 */
export function loadOptionsContext(url: string, parameters: IDataObject = {}, credentials: IDataObject = trustCredentials(url).trustApi): ILoadOptionsFunctions {
	let token: { access_token: string; token_type: string } | undefined;
	return {
		getNode: () => ({ name: NODE, type: 'n8n-nodes-reporting.trust', typeVersion: 2, parameters }) as unknown as INode,
		getCredentials: async () => credentials,
		getCurrentNodeParameter: (name: string) => parameters[name],
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				token ??= (await fetch(`${url}/oauth/token/`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' }),
				}).then(async (r) => await r.json())) as { access_token: string; token_type: string };
				const target = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) target.searchParams.set(k, String(v));
				const response = await fetch(target, { headers: { authorization: `${token.token_type} ${token.access_token}` } });
				const text = await response.text();
				const body = text ? (JSON.parse(text) as unknown) : '';
				if (response.status >= 400) {
					throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
						response: { status: response.status, headers: Object.fromEntries(response.headers), data: body },
					});
				}
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
