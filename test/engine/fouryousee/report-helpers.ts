/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/** Shared pieces of the 4YouSee engine tests: the simulator, credentials and one-node workflows. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';
import { runWebhook, type CredentialStore, type WorkflowJson } from '../../harness/engine';
import { manualWorkflow } from '../../support/workflow';
import {
	FOURYOUSEE_SIM_TOKEN,
	FourYouSeeSimulator,
	type FourYouSeeSimulatorOptions,
} from '../../../dev/simulators/fouryousee/server';

export const NODE_TYPE = 'n8n-nodes-reporting.fourYouSee';
export const TRIGGER_TYPE = 'n8n-nodes-reporting.fourYouSeeTrigger';

/**
 * Reports are ready after "60 s" of provider time = 1.2 s here; notification retries 2.4/7.2/21.6 s.
 * `rateLimitMs` scales 4YouSee's one request per second on both sides, the simulator's limit and the
 * node's pacing (the same module instance the engine loads), so functional tests do not spend a
 * second per request; report-pacing.test.ts keeps the real second.
 */
export async function startSimulator(options: FourYouSeeSimulatorOptions = {}): Promise<FourYouSeeSimulator> {
	const rateLimitMs = options.rateLimitMs ?? 100;
	fourYouSeeProfile.minIntervalMs = rateLimitMs;
	return await new FourYouSeeSimulator({ timeScale: 0.02, rateLimitToleranceMs: Math.min(50, rateLimitMs / 2), ...options, rateLimitMs }).start();
}

export function credentialsFor(sim: FourYouSeeSimulator, token = FOURYOUSEE_SIM_TOKEN): CredentialStore {
	return { fourYouSeeApi: { baseUrl: sim.apiUrl, secretToken: token } };
}

/** Manual trigger -> one 4YouSee Manager node with the given parameters. */
export function reportWorkflow(parameters: INodeParameters, options: { continueOnFail?: boolean } = {}): WorkflowJson {
	const credentials = { fourYouSeeApi: { id: '1', name: '4YouSee Manager (demo)' } };
	return manualWorkflow({
		name: '4YouSee',
		type: NODE_TYPE,
		typeVersion: 2,
		parameters: { resource: 'report', ...parameters },
		credentials,
		continueOnFail: options.continueOnFail,
	});
}

export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}

/** Drops `reportId` from summary rows to compare them with the simulator's ground truth. */
export function countsOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map(({ json }) => {
		const { reportId: _reportId, ...row } = json;
		return row;
	});
}

/** A report that is finished in the simulator, created directly in its store (no HTTP). */
export async function finishedReport(
	sim: FourYouSeeSimulator,
	filter: IDataObject = {},
	options: { webhook?: string } = {},
): Promise<number> {
	const report = sim.createReport({
		type: 'detailed',
		...(options.webhook ? { webhook: options.webhook } : {}),
		filter: { startDate: '2026-11-01', startTime: '00:00:00', endDate: '2026-11-07', endTime: '23:59:59', mediaId: [], playerId: [], sort: -1, ...filter },
	});
	if (typeof report === 'string') throw new Error(`create report: ${report}`);
	await sim.whenFinished(report.id);
	return report.id;
}

/**
 * An HTTP endpoint standing in for n8n's production webhook URL: each POST runs the trigger's
 * webhook() through the engine (one shared static data, like one published workflow) and answers
 * with what n8n would answer. Emissions are collected.
 */
let receivers = 0;

export async function webhookReceiver(
	credentials: CredentialStore,
	parameters: INodeParameters = { event: 'any' },
): Promise<{ url: string; emitted: IDataObject[]; statuses: number[]; staticData: IDataObject; close: () => Promise<void> }> {
	const staticData: IDataObject = {};
	const emitted: IDataObject[] = [];
	const statuses: number[] = [];
	const triggerName = `Report Trigger ${++receivers}`;
	let queue = Promise.resolve();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			// n8n handles deliveries one after another per request; keep them ordered for the test.
			queue = queue.then(async () => {
				const rawBody = Buffer.concat(chunks);
				const hit = await runWebhook({
					// Each receiver stands for its own saved trigger (its own delivery ledger).
					node: { type: TRIGGER_TYPE, name: triggerName, parameters },
					credentials,
					staticData,
					request: { headers: { 'content-type': String(req.headers['content-type'] ?? '') }, rawBody, body: rawBody.toString('utf8') },
				});
				for (const item of hit.workflowData?.[0] ?? []) emitted.push(item.json);
				const status = hit.response.statusCode ?? 500;
				statuses.push(status);
				res.statusCode = status;
				res.end(JSON.stringify(hit.response.body ?? {}));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/abc/webhook`,
		emitted,
		statuses,
		staticData,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
