/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode, INodeParameters, IRunData } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import { manualWorkflow } from '../../support/workflow';
import type { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';

export const NODE = 'CloudBlue Commerce';
export const NODE_TYPE = 'n8n-nodes-reporting.cloudBlueCommerce';
export const TRIGGER_TYPE = 'n8n-nodes-reporting.cloudBlueCommerceTrigger';

export function tokenCredentials(sim: CloudBlueSimulator, overrides: IDataObject = {}): CredentialStore {
	return { cloudBlueCommerceApi: sim.tokenCredentials(overrides) as ICredentialDataDecryptedObject };
}

export function keycloakCredentials(sim: CloudBlueSimulator, overrides: IDataObject = {}): CredentialStore {
	return { cloudBlueCommerceApi: sim.keycloakCredentials(overrides) as ICredentialDataDecryptedObject };
}

export function workflow(parameters: INodeParameters, continueOnFail = false): WorkflowJson {
	const credentials = { cloudBlueCommerceApi: { id: '1', name: 'CloudBlue Commerce API' } };
	return manualWorkflow({ name: NODE, type: NODE_TYPE, parameters, credentials, continueOnFail });
}

export async function run(
	sim: CloudBlueSimulator,
	parameters: INodeParameters,
	options: { items?: IDataObject[]; creds?: CredentialStore; continueOnFail?: boolean } = {},
) {
	const result = await runWorkflow({
		workflow: workflow(parameters, options.continueOnFail),
		credentials: options.creds ?? tokenCredentials(sim),
		inputItems: options.items ?? [{}],
	});
	return { ...result, items: result.status === 'success' ? result.output(NODE) : [] };
}

// n8n-core's own copy of @n8n/di holds the container the harness filled (see test/harness/engine.ts).
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core/package.json'))] })) as {
	Container: { get<T>(type: abstract new (...args: never[]) => T): T };
};

/** The bytes n8n stored for a binary property. */
export async function binaryBuffer(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** The rows as a CSV reader gives them back: every value a string. */
export function asStrings(rows: IDataObject[]): IDataObject[] {
	return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));
}

/** The execution hints the node left after its run (shown under its output in the editor). */
export function hintsOf(result: { runData: IRunData }): string[] {
	return (result.runData[NODE]?.[0]?.hints ?? []).map((hint) => hint.message);
}

/**
 * A list-search ("From List") context whose requests carry the credential like n8n's do: a token
 * from the simulator's /token, the subscription key, and n8n's error for a failed answer.
 */
export async function pickerContext(sim: CloudBlueSimulator): Promise<ILoadOptionsFunctions> {
	const basic = Buffer.from(`${sim.account.username}:${sim.account.password}`).toString('base64');
	const issued = await fetch(`${sim.baseUrl}/token`, {
		method: 'POST',
		headers: { authorization: `Basic ${basic}`, 'x-subscription-key': sim.account.subscriptionKey, 'content-type': 'application/json' },
		body: JSON.stringify({ marketplace: sim.account.marketplace }),
	});
	const { token } = (await issued.json()) as { token: string };
	const credentials = { ...sim.tokenCredentials(), accessToken: token };
	return {
		getNode: () => ({ name: NODE, type: NODE_TYPE, typeVersion: 1, parameters: {} }) as unknown as INode,
		getCredentials: async () => credentials,
		getNodeParameter: () => ({}),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const url = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
				const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-subscription-key': sim.account.subscriptionKey } });
				const text = await response.text();
				const headers = Object.fromEntries(response.headers);
				let body: unknown = text;
				try {
					body = text ? (JSON.parse(text) as unknown) : {};
				} catch {
					// An HTML page stays text, as n8n hands it over.
				}
				if (response.status >= 400) throw Object.assign(new Error(`Request failed with status code ${response.status}`), { response: { status: response.status, headers, data: body } });
				return { statusCode: response.status, headers, body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
