/**
 * Workflows and simulator set-up shared by the queue-mode tests. Node types are the packed
 * package's (`n8n-nodes-reporting.*`), exactly as a user's installed package names them.
 */
import { randomUUID } from 'node:crypto';

import type { RouteHandler } from '../../dev/simulators/simulator';
import { FourYouSeeSimulator, FOURYOUSEE_SIM_TOKEN, STORAGE_PREFIX, type FourYouSeeSimulatorOptions } from '../../dev/simulators/fouryousee/server';
import type { Cluster, JsonObject } from './cluster';

export const PKG = 'n8n-nodes-reporting';

export interface QueueFixture {
	sim: FourYouSeeSimulator;
	credential: { id: string; name: string; type: string };
}

/**
 * The 4YouSee simulator plus one test hook: `hold(reportId)` makes downloads of that report's file
 * wait until `release(reportId)`, so a test knows a run is in the middle of its download.
 */
export class QueueSimulator extends FourYouSeeSimulator {
	private held?: Map<string, { promise: Promise<void>; open: () => void }>;

	override route(...args: Parameters<FourYouSeeSimulator['route']>): this {
		const [method, pattern, handler, options] = args;
		if (method !== 'GET' || !pattern.startsWith(STORAGE_PREFIX)) return super.route(method, pattern, handler, options);
		const gated: RouteHandler = async (req, res) => {
			const id = /^(\d+)-/.exec(req.params.file ?? '')?.[1];
			const gate = id ? this.held?.get(id) : undefined;
			if (gate) await gate.promise;
			await handler(req, res);
		};
		return super.route(method, pattern, gated, options);
	}

	hold(reportId: number | string): void {
		this.held ??= new Map();
		let open = () => {};
		const promise = new Promise<void>((r) => (open = r));
		this.held.set(String(reportId), { promise, open });
	}

	release(reportId: number | string): void {
		this.held?.get(String(reportId))?.open();
		this.held?.delete(String(reportId));
	}

	override async stop(): Promise<void> {
		for (const id of [...(this.held?.keys() ?? [])]) this.release(id);
		await super.stop();
	}
}

/**
 * The 4YouSee simulator for queue tests: no per-token rate limit (100 deliveries at once each make
 * the trigger read the report back; the 1 request/s limit is tested elsewhere), reports ready in
 * 60 ms, and every notification delivered 4 times on 4YouSee's schedule (2, 6, 18 min, scaled
 * 1:1000) even when acknowledged, which is what a provider retrying after a lost 2xx looks like.
 */
export async function startSimulator(options: FourYouSeeSimulatorOptions = {}): Promise<QueueSimulator> {
	const sim = new QueueSimulator({
		timeScale: 0.001,
		rateLimitMs: 0,
		rateLimitToleranceMs: 0,
		playlogLines: 200,
		alwaysRepeatNotifications: true,
		...options,
	});
	return await sim.start();
}

export async function importCredential(cluster: Cluster, sim: FourYouSeeSimulator): Promise<QueueFixture['credential']> {
	return await cluster.importCredential({
		name: '4YouSee Manager (queue)',
		type: 'fourYouSeeApi',
		data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl },
	});
}

const cred = (c: QueueFixture['credential']) => ({ fourYouSeeApi: { id: c.id, name: c.name } });

/** Webhook (n8n's own) -> 4YouSee Manager Player > Get Many. */
export function playersWorkflow(credential: QueueFixture['credential'], path: string): JsonObject {
	return {
		name: `queue: players via webhook ${path}`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Players',
				type: `${PKG}.fourYouSee`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'player', operation: 'getAll', returnAll: true, filters: {} },
				credentials: cred(credential),
			},
		],
		connections: { Webhook: { main: [[{ node: 'Players', type: 'main', index: 0 }]] } },
	};
}

/**
 * 4YouSee Manager Trigger (report succeeded) -> Report > Get Playlogs. `output: 'file'` puts the
 * gzip file in binary data (database mode in queue mode); `summary` counts plays.
 */
export function reportWorkflow(
	credential: QueueFixture['credential'],
	webhookId: string,
	output: 'summary' | 'file' = 'summary',
): JsonObject {
	const playlogs: JsonObject =
		output === 'file'
			? { resource: 'report', operation: 'getPlaylogs', reportId: '={{ $json.id }}', output: 'file', fileFormat: 'gzip', binaryPropertyName: 'data' }
			: { resource: 'report', operation: 'getPlaylogs', reportId: '={{ $json.id }}', output: 'summary', groupBy: [] };
	return {
		name: `queue: report trigger ${webhookId.slice(0, 8)} (${output})`,
		nodes: [
			{
				id: randomUUID(),
				name: 'Report Ready',
				type: `${PKG}.fourYouSeeTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { event: 'success' },
				credentials: cred(credential),
			},
			{
				id: randomUUID(),
				name: 'Playlogs',
				type: `${PKG}.fourYouSee`,
				typeVersion: 1,
				position: [220, 0],
				parameters: playlogs,
				credentials: cred(credential),
			},
		],
		connections: { 'Report Ready': { main: [[{ node: 'Playlogs', type: 'main', index: 0 }]] } },
	};
}

/** The report ID an execution of `reportWorkflow` was started for (the trigger's output). */
export function reportIdOfExecution(e: { nodes: Record<string, JsonObject[]> }): string | undefined {
	const item = e.nodes['Report Ready']?.[0];
	return item?.id === undefined ? undefined : String(item.id);
}

/** How many times each report's file was requested from the simulator's storage. */
export function downloadsPerReport(sim: FourYouSeeSimulator): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of sim.find({ method: 'GET', path: '/s3/4yousee-playlogs-reports/:account/:file' })) {
		const id = /\/(\d+)-[0-9a-f]+\.gz$/.exec(r.path)?.[1];
		if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return counts;
}
