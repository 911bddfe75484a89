/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Shared pieces of the 4YouSee library engine tests (players, playlists, medias, ...): a simulator,
 * a fresh Secret-Token per test (the 1 request/second rule and the node's pacing both count per
 * token, so tests do not wait for each other), and a one-node workflow.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type InputItem, type WorkflowJson, type WorkflowRunResult } from '../../harness/engine';
import { manualWorkflow } from '../../support/workflow';
import { FourYouSeeSimulator, type FourYouSeeSimulatorOptions } from '../../../dev/simulators/fouryousee/server';

export const NODE_TYPE = 'n8n-nodes-reporting.fourYouSee';
export const NODE_NAME = '4YouSee';

export async function startLibrarySimulator(options: FourYouSeeSimulatorOptions = {}): Promise<FourYouSeeSimulator> {
	return await new FourYouSeeSimulator({ timeScale: 0.001, ...options }).start();
}

let tokens = 0;

/** Credentials with a token of its own for the seeded account. */
export function freshCredentials(sim: FourYouSeeSimulator): { credentials: CredentialStore; token: string } {
	const token = `lib-test-token-${process.pid}-${++tokens}`;
	sim.tokens.set(token, sim.store.account);
	return { credentials: { fourYouSeeApi: { baseUrl: sim.apiUrl, secretToken: token } }, token };
}

export interface NodeOptions {
	continueOnFail?: boolean;
	/** The node version the workflow was saved with; version 1 saved Get Many as `getAll`. */
	typeVersion?: 1 | 2;
}

export function libraryWorkflow(parameters: INodeParameters, options: NodeOptions = {}): WorkflowJson {
	const credentials = { fourYouSeeApi: { id: '1', name: '4YouSee Manager (demo)' } };
	return manualWorkflow({
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: options.typeVersion ?? 2,
		parameters,
		credentials,
		continueOnFail: options.continueOnFail,
	});
}

export interface NodeRun {
	run: WorkflowRunResult;
	items: INodeExecutionData[];
	json: IDataObject[];
	/** Requests this run made with its own token. */
	requests: FourYouSeeSimulator['requests'];
}

/** Runs one node with its own token; `items` is the node's output ([] when the run failed). */
export async function runNode(
	sim: FourYouSeeSimulator,
	parameters: INodeParameters,
	options: NodeOptions & { inputItems?: InputItem[] } = {},
): Promise<NodeRun> {
	const { credentials, token } = freshCredentials(sim);
	const run = await runWorkflow({
		workflow: libraryWorkflow(parameters, options),
		credentials,
		inputItems: options.inputItems ?? [{}],
	});
	const items = run.status === 'success' ? run.output(NODE_NAME) : [];
	return {
		run,
		items,
		json: items.map((i) => i.json),
		requests: sim.requests.filter((r) => r.headers['secret-token'] === token),
	};
}

/** A binary input item as an earlier node (Read File, HTTP Request) would hand it over. */
export function binaryItem(bytes: Buffer, fileName: string, mimeType: string, property = 'data', json: IDataObject = {}): INodeExecutionData {
	return {
		json,
		binary: {
			[property]: {
				data: bytes.toString('base64'),
				mimeType,
				fileName,
				fileExtension: fileName.split('.').pop(),
			},
		},
	};
}
