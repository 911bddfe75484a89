/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * n8n's three On Error settings for every action node of the package, through n8n-core's engine:
 * one operation per node, over two items of which the second names an object the provider's
 * simulator does not have (it answers 404). "Continue (using error output)" must put that item on
 * the error output, "Continue" beside the first on the main output, "Stop Workflow" must stop.
 * What routes an item is the shared per-item loop (`itemFailure`): no provider code is involved.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import {
	CloudBlueSimulator,
	FOURYOUSEE_SIM_TOKEN,
	FourYouSeeSimulator,
	ReporteiSimulator,
	TRUST_CLIENT,
	TrustSimulator,
} from './simulators';

jest.setTimeout(60_000);

interface Started {
	stop(): Promise<unknown>;
	credentials: CredentialStore;
	/** The first input item names an object that exists, the second one that does not. */
	items: IDataObject[];
}

interface NodeCase {
	type: string;
	parameters: INodeParameters;
	credentialName: string;
	start(): Promise<Started>;
}

const CASES: Record<string, NodeCase> = {
	FourYouSee: {
		type: 'n8n-nodes-reporting.fourYouSee',
		parameters: { resource: 'player', operation: 'get', playerId: '={{ $json.id }}' },
		credentialName: 'fourYouSeeApi',
		async start() {
			const sim = await new FourYouSeeSimulator({ timeScale: 0.02, rateLimitMs: 100, rateLimitToleranceMs: 50 }).start();
			return {
				stop: async () => await sim.stop(),
				credentials: { fourYouSeeApi: { baseUrl: sim.apiUrl, secretToken: FOURYOUSEE_SIM_TOKEN } },
				items: [{ id: '101' }, { id: '999999' }],
			};
		},
	},
	CloudBlueCommerce: {
		type: 'n8n-nodes-reporting.cloudBlueCommerce',
		parameters: { resource: 'reseller', operation: 'get', resellerId: '={{ $json.id }}' },
		credentialName: 'cloudBlueCommerceApi',
		async start() {
			const sim = await new CloudBlueSimulator({ timeScale: 0.001, customers: 10 }).start();
			return {
				stop: async () => await sim.stop(),
				credentials: { cloudBlueCommerceApi: sim.tokenCredentials() as ICredentialDataDecryptedObject },
				items: [{ id: '2000001' }, { id: '42' }],
			};
		},
	},
	Trust: {
		type: 'n8n-nodes-reporting.trust',
		parameters: { resource: 'statistics', operation: 'get', companyId: '={{ $json.id }}' },
		credentialName: 'trustApi',
		async start() {
			const sim = await new TrustSimulator({ timeScale: 0.001 }).start();
			return {
				stop: async () => await sim.stop(),
				credentials: {
					trustApi: {
						environment: 'custom',
						apiUrl: sim.url,
						ateneaUrl: sim.url,
						clientId: TRUST_CLIENT.clientId,
						clientSecret: TRUST_CLIENT.clientSecret,
						defaultCompanyId: '1',
						accessToken: '',
					},
				},
				items: [{ id: '1' }, { id: '99' }],
			};
		},
	},
	ReporteiConnect: {
		type: 'n8n-nodes-reporting.reporteiConnect',
		parameters: { resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' },
		credentialName: 'reporteiConnectApi',
		async start() {
			const sim = await new ReporteiSimulator({ timeScale: 0.001, sessionTimeScale: 1, seedCustomers: 1 }).start();
			const [customer] = [...sim.customers.values()];
			return {
				stop: async () => await sim.stop(),
				credentials: { reporteiConnectApi: { accessToken: sim.merchantToken, baseUrl: sim.apiUrl } },
				// A well-formed customer ID that does not exist: the API answers 404.
				items: [{ id: customer.uuid }, { id: '00000000-0000-4000-8000-000000000000' }],
			};
		},
	},
};

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

function workflow(c: NodeCase, onError: OnError): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Node', type: c.type, parameters: c.parameters, onError, credentials: { [c.credentialName]: { id: '1', name: 'Simulator' } } },
			{ name: 'Succeeded', type: 'n8n-nodes-base.noOp' },
			{ name: 'Failed', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] },
			Node: { main: [[{ node: 'Succeeded', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]] },
		},
	};
}

describe.each(Object.entries(CASES))('%s', (_name, c) => {
	let started: Started;

	beforeAll(async () => {
		started = await c.start();
	});

	afterAll(async () => {
		await started.stop();
	});

	async function run(onError: OnError) {
		const result = await runWorkflow({ workflow: workflow(c, onError), credentials: started.credentials, inputItems: started.items });
		const outputs = (result.runData.Node?.[0]?.data?.main ?? []) as INodeExecutionData[][];
		return { result, success: outputs[0] ?? [], error: outputs[1] ?? [] };
	}

	it('"Continue (using error output)" puts the 404 on the error output and the other item on the success output', async () => {
		const { result, success, error } = await run('continueErrorOutput');
		expect(result.status).toBe('success');
		expect(success.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(success[0].json.error).toBeUndefined();
		expect(error).toHaveLength(1);
		expect(error[0].pairedItem).toEqual({ item: 1 });
		expect(error[0].json).toEqual({ error: expect.stringMatching(/answered 404.*\. [A-Z]/) });
		expect(error[0].error).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(result.output('Failed')).toHaveLength(1);
	});

	it('"Continue" keeps both on the main output, the failure with its details', async () => {
		const { result, success, error } = await run('continueRegularOutput');
		expect(result.status).toBe('success');
		expect(success.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(success[1].json).toMatchObject({ error: expect.stringMatching(/answered 404/), httpCode: '404', description: expect.any(String) });
		expect(error).toEqual([]);
	});

	it('"Stop Workflow" stops at the 404', async () => {
		const { result } = await run('stopWorkflow');
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/answered 404/);
		expect(result.executedNodes).not.toContain('Succeeded');
	});
});

it('covers every action node the package declares', () => {
	const declared = (require('../../../package.json') as { n8n: { nodes: string[] } }).n8n.nodes
		.map((file) => /\/([A-Za-z]+)\.node\.js$/.exec(file)?.[1] ?? file)
		.filter((name) => !name.endsWith('Trigger'));
	expect(Object.keys(CASES).sort()).toEqual(declared.sort());
});
