/**
 * The Trust simulator with realistic seeded data, for the demo and manual tries:
 *
 *   <a TypeScript runner> test/simulators/trust/demo.ts [port]
 *
 * or `await startDemo(port)` from a script (the package's demo command). It runs in real time
 * (a new campaign's notifications are sent within seconds and get their actions within ~20 s), with
 * 30 days of history for companies 1001 and 1002 and tokens that last 2 hours.
 * Credential "Trust API (demo)": Environment Custom, API URL and Atenea URL both `url`, Client ID
 * `demo-client-id`, Client Secret `demo-client-secret`, Default Company ID `1001`.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';

import { TrustSimulator, type TrustClient } from './server';

export const DEMO_CLIENT: TrustClient = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret', companies: ['1001', '1002'] };

export interface TrustDemo {
	simulator: TrustSimulator;
	/** Where to point both the API URL and the Atenea URL of the credential. */
	url: string;
	/** The data of the "Trust API (demo)" credential. */
	credentials: Record<string, string>;
	stop(): Promise<void>;
}

export async function startDemo(port?: number): Promise<TrustDemo> {
	const simulator = await new TrustSimulator({ timeScale: 1, clients: [DEMO_CLIENT], historyCampaigns: 40, seed: 2026 }).start();
	let proxy: Server | undefined;
	let url = simulator.url;
	if (port !== undefined) {
		// The harness Simulator listens on a free port; a fixed demo port forwards to it.
		const target = new URL(simulator.url);
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
	}
	return {
		simulator,
		url,
		credentials: {
			environment: 'custom',
			apiUrl: url,
			ateneaUrl: url,
			clientId: DEMO_CLIENT.clientId,
			clientSecret: DEMO_CLIENT.clientSecret,
			defaultCompanyId: DEMO_CLIENT.companies[0],
		},
		async stop() {
			if (proxy) {
				proxy.closeAllConnections();
				await new Promise<void>((resolve) => proxy!.close(() => resolve()));
			}
			await simulator.stop();
		},
	};
}

if (require.main === module) {
	void startDemo(process.argv[2] ? Number(process.argv[2]) : undefined).then((demo) => {
		console.log(`Trust simulator at ${demo.url} (API URL and Atenea URL of a "Custom" Trust API credential)`);
		console.log(`  Client ID ${DEMO_CLIENT.clientId}, Client Secret ${DEMO_CLIENT.clientSecret}, companies ${DEMO_CLIENT.companies.join(', ')}`);
	});
}
