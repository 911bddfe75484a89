import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryData, ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import type { CloudBlueSimulator } from '../../simulators/cloudblue/server';

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
	return {
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'c',
				name: NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { cloudBlueCommerceApi: { id: '1', name: 'CloudBlue Commerce API' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: NODE, type: 'main' as never, index: 0 }]] } },
	};
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
