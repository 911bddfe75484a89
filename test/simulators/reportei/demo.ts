/**
 * The Reportei Connect simulator with realistic seeded data, for the demo and manual tries:
 *
 *   <a TypeScript runner> test/simulators/reportei/demo.ts [port]
 *
 * or `await startDemo(port)` from a script (the package's demo command). Credential: Merchant Token `rc-merchant-demo-token`,
 * Base URL `<url>/api`. Prints each customer's api_token (the Customer Token of the node).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';

import { ReporteiSimulator } from './simulator';

export interface ReporteiDemo {
	sim: ReporteiSimulator;
	/** Where to point the credential's Base URL. */
	baseUrl: string;
	merchantToken: string;
	customers: Array<{ name: string; uuid: string; apiToken: string; isPaying: boolean; integrations: string[] }>;
	stop(): Promise<void>;
}

const DAY = 24 * 3600_000;

const SEED: Array<{ name: string; isPaying: boolean; ageDays: number; integrations: string[] }> = [
	{ name: 'Padaria Pão Quente', isPaying: true, ageDays: 40, integrations: ['instagram_business', 'facebook', 'google_my_business'] },
	{ name: 'Clínica Sorriso', isPaying: true, ageDays: 30, integrations: ['instagram_business', 'google_analytics_4'] },
	{ name: 'Loja Verde Moda', isPaying: false, ageDays: 2, integrations: ['instagram_business', 'facebook_ads'] },
	{ name: 'Academia Forte', isPaying: false, ageDays: 12, integrations: ['instagram_business'] },
	{ name: 'Café Aroma', isPaying: true, ageDays: 90, integrations: ['instagram_business', 'tiktok', 'youtube'] },
	{ name: 'Escritório Lima Advogados', isPaying: false, ageDays: 0, integrations: [] },
];

/** Starts the simulator with seeded customers, integrations and a relaxed rate limit. */
export async function startDemo(port?: number): Promise<ReporteiDemo> {
	const sim = new ReporteiSimulator({ seed: 'demo', rateLimitPerMinute: 120, callbackDelayMs: 2000 });
	const customers: ReporteiDemo['customers'] = [];
	for (const entry of SEED) {
		const { customer, apiToken } = sim.addCustomer(entry.name, { isPaying: entry.isPaying, createdAt: Date.now() - entry.ageDays * DAY });
		const integrations = entry.integrations.map((slug) => sim.addIntegration(customer.uuid, slug).uuid);
		customers.push({ name: entry.name, uuid: customer.uuid, apiToken, isPaying: entry.isPaying, integrations });
	}
	await sim.start();
	let proxy: Server | undefined;
	let url = sim.url;
	if (port !== undefined) {
		// The harness Simulator listens on a free port; a fixed demo port forwards to it.
		const target = new URL(sim.url);
		proxy = createServer((req, res) => {
			const forward = httpRequest(
				{ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.writeHead(502).end());
			req.pipe(forward);
		});
		await new Promise<void>((resolve, reject) => {
			proxy!.once('error', reject);
			proxy!.listen(port, '127.0.0.1', () => resolve());
		});
		url = `http://127.0.0.1:${port}`;
		sim.publicUrl = url;
	}
	return {
		sim,
		baseUrl: `${url}/api`,
		merchantToken: sim.merchantToken,
		customers,
		async stop() {
			if (proxy) {
				proxy.closeAllConnections();
				await new Promise<void>((resolve) => proxy!.close(() => resolve()));
			}
			await sim.stop();
		},
	};
}

if (require.main === module) {
	void startDemo(process.argv[2] ? Number(process.argv[2]) : undefined).then((demo) => {
		console.log(`Reportei Connect simulator: Base URL ${demo.baseUrl}, Merchant Token ${demo.merchantToken}`);
		for (const c of demo.customers) {
			console.log(`  ${c.name} (${c.isPaying ? 'paying' : 'trial'}): uuid ${c.uuid}, api_token ${c.apiToken}, integrations ${c.integrations.join(', ') || '-'}`);
		}
	});
}
