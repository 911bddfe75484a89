import type { INodeParameters } from 'n8n-workflow';

import { MANUAL_TRIGGER_TYPE, runWorkflow, type CredentialStore, type InputItem, type WorkflowJson } from '../../harness/engine';
import { ReporteiSimulator, type ReporteiSimulatorOptions } from '../../simulators/reportei/simulator';

export const NODE_TYPE = 'n8n-nodes-reporting.reporteiConnect';
export const TRIGGER_TYPE = 'n8n-nodes-reporting.reporteiConnectTrigger';

/** Manual trigger → one Reportei Connect node with these parameters. */
export function workflow(parameters: INodeParameters, options: { continueOnFail?: boolean } = {}): WorkflowJson {
	return {
		name: 'reportei test',
		nodes: [
			{ id: 'start', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'reportei',
				name: 'Reportei',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Reportei', type: 'main', index: 0 }]] } },
	};
}

export function credentialsFor(sim: ReporteiSimulator, token = sim.merchantToken): CredentialStore {
	return { reporteiConnectApi: { accessToken: token, baseUrl: sim.apiUrl } };
}

/** Runs one Reportei node over the input items and returns the run. */
export async function runNode(
	sim: ReporteiSimulator,
	parameters: INodeParameters,
	inputItems: InputItem[] = [{}],
	options: { continueOnFail?: boolean; credentials?: CredentialStore } = {},
) {
	return await runWorkflow({
		workflow: workflow(parameters, options),
		credentials: options.credentials ?? credentialsFor(sim),
		inputItems,
	});
}

export async function startSim(options: ReporteiSimulatorOptions = {}): Promise<ReporteiSimulator> {
	// Provider delays 1000x faster; sessions keep their 5 real minutes (tests expire them with advance()).
	return await new ReporteiSimulator({ timeScale: 0.001, sessionTimeScale: 1, ...options }).start();
}
