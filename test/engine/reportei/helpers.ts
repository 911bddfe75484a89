import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type InputItem, type WorkflowJson } from '../../harness/engine';
import { FixtureServer } from '../../contract/fixture-server';
import { manualWorkflow } from '../../support/workflow';
import { ReporteiSimulator, type ReporteiSimulatorOptions } from '../../../dev/simulators/reportei/simulator';

export const NODE_TYPE = 'n8n-nodes-reporting.reporteiConnect';
export const TRIGGER_TYPE = 'n8n-nodes-reporting.reporteiConnectTrigger';

export interface NodeOptions {
	continueOnFail?: boolean;
	/** The node version the workflow was saved with; version 1 names the Get Many operations getAll. */
	version?: 1 | 2;
}

/** Manual trigger → one Reportei Connect node with these parameters. */
export function workflow(parameters: INodeParameters, options: NodeOptions = {}): WorkflowJson {
	return manualWorkflow({ name: 'Reportei', type: NODE_TYPE, typeVersion: options.version ?? 2, parameters, continueOnFail: options.continueOnFail });
}

export function credentialsFor(sim: ReporteiSimulator, token = sim.merchantToken): CredentialStore {
	return { reporteiConnectApi: { accessToken: token, baseUrl: sim.apiUrl } };
}

/** Runs one Reportei node over the input items and returns the run. */
export async function runNode(
	sim: ReporteiSimulator,
	parameters: INodeParameters,
	inputItems: InputItem[] = [{}],
	options: NodeOptions & { credentials?: CredentialStore } = {},
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

/** The execution hints the Reportei node left under its output. */
export function hintsOf(run: Awaited<ReturnType<typeof runNode>>): string[] {
	return (run.runData.Reportei?.[0]?.hints ?? []).map((h) => h.message);
}

/**
 * A Laravel list of `total` customers whose page-size maximum drops from 100 to `to` once `after`
 * pages were served (422 above it, as Laravel's validator), answering `headers` on every page.
 */
export async function shrinkingList(total: number, { after, to, headers }: { after: number; to: number; headers?: Record<string, string> }) {
	const all = Array.from({ length: total }, (_, i) => ({ uuid: `${String(i).padStart(8, '0')}-0000-4000-a000-000000000000`, name: `C${i}` }));
	let served = 0;
	const fixture = new FixtureServer();
	fixture.on('GET', '/api/customers', (request) => {
		const page = Number(request.query.get('page'));
		const perPage = Number(request.query.get('per_page'));
		const max = served >= after ? to : 100;
		if (perPage > max) {
			const message = `The per page field must not be greater than ${max}.`;
			return { status: 422, headers, body: { message, errors: { per_page: [message] } } };
		}
		served++;
		const data = all.slice((page - 1) * perPage, page * perPage);
		return { status: 200, headers, body: { data, meta: { current_page: page, last_page: Math.ceil(all.length / perPage), per_page: perPage, total: all.length } } };
	});
	await fixture.start();
	return { all, fixture };
}

/** Runs one Reportei node against a fixture server's `/api`. */
export async function runNodeAt(fixture: FixtureServer, parameters: INodeParameters) {
	return await runWorkflow({
		workflow: workflow(parameters),
		credentials: { reporteiConnectApi: { accessToken: 'merchant-token', baseUrl: `${fixture.url}/api` } },
		inputItems: [{}],
	});
}
