/**
 * Every webhook trigger of the package over its seeded corpus of malformed and forged requests
 * (test/support/fuzz.ts), through the engine's webhook runner, with what n8n's body reader makes of
 * each request: webhook() never throws, never answers 5xx, and starts a run only for a delivery
 * the provider vouches for (a report the 4YouSee account has; never for a forged Reportei token).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';
import { runWebhook, type CredentialStore } from '../../harness/engine';
import { asN8nDelivers, FUZZ_TARGETS, fuzzRequests, type FuzzTarget } from '../../support/fuzz';
import { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator, ReporteiSimulator } from './simulators';

jest.setTimeout(300_000);

const SEED = 20240501;

interface Trigger {
	target: FuzzTarget;
	type: string;
	parameters: INodeParameters;
	start(): Promise<{ stop(): Promise<unknown>; credentials: CredentialStore; vouchesFor(body: unknown): boolean }>;
}

function idsIn(body: unknown): string[] {
	if (!body || typeof body !== 'object') return [];
	const b = body as IDataObject;
	return [b.id, b.reportId, (b.report as IDataObject | undefined)?.id].filter((v) => v !== undefined && v !== null).map(String);
}

const TRIGGERS: Trigger[] = [
	{
		target: FUZZ_TARGETS.fourYouSeeTrigger,
		type: 'n8n-nodes-reporting.fourYouSeeTrigger',
		parameters: { event: 'any' },
		async start() {
			fourYouSeeProfile.minIntervalMs = 2;
			const sim = await new FourYouSeeSimulator({ timeScale: 0.02, rateLimitMs: 2, rateLimitToleranceMs: 2 }).start();
			return {
				stop: async () => await sim.stop(),
				credentials: { fourYouSeeApi: { baseUrl: sim.apiUrl, secretToken: FOURYOUSEE_SIM_TOKEN } },
				vouchesFor: (body) => idsIn(body).some((id) => sim.store.reports.some((r) => String(r.id) === id.trim())),
			};
		},
	},
	{
		target: FUZZ_TARGETS.reporteiConnectTrigger,
		type: 'n8n-nodes-reporting.reporteiConnectTrigger',
		parameters: {},
		async start() {
			const sim = await new ReporteiSimulator({ timeScale: 0.001, sessionTimeScale: 1 }).start();
			return {
				stop: async () => await sim.stop(),
				credentials: { reporteiConnectApi: { accessToken: sim.merchantToken, baseUrl: sim.apiUrl } },
				// Every token of the corpus is forged: none was signed with this credential.
				vouchesFor: () => false,
			};
		},
	},
];

describe.each(TRIGGERS.map((t) => [t.target.name, t] as const))('%s over its fuzz corpus', (_name, trigger) => {
	it('never throws, never answers 5xx, and starts nothing the provider does not vouch for', async () => {
		const started = await trigger.start();
		const problems: string[] = [];
		let reached = 0;
		try {
			for (const request of fuzzRequests(trigger.target, { seed: SEED })) {
				const delivered = asN8nDelivers(request);
				if ('refusedBy' in delivered) continue;
				reached++;
				try {
					const hit = await runWebhook({
						node: { type: trigger.type, name: 'Fuzzed Trigger', parameters: trigger.parameters },
						credentials: started.credentials,
						staticData: {},
						request: { method: request.method, headers: request.headers, query: request.query, rawBody: delivered.rawBody, body: delivered.body },
					});
					const status = hit.response.statusCode;
					if (status === undefined || status >= 500) problems.push(`${request.label}: answered ${String(status)}`);
					if (hit.workflowData && !started.vouchesFor(delivered.body)) problems.push(`${request.label}: started a run`);
				} catch (error) {
					problems.push(`${request.label}: threw ${(error as Error).message}`);
				}
			}
		} finally {
			await started.stop();
		}
		expect(problems).toEqual([]);
		expect(reached).toBeGreaterThan(500);
	});
});
