/**
 * The Trust simulator with realistic seeded data, for the demo and for trying the node by hand
 * (`node -r ./dev/ts-register.cjs dev/simulators/serve.ts trust [port]`). It runs in real time (a
 * new campaign's notifications are sent within seconds and get their actions within ~20 s), with
 * 30 days of history for companies 1001 and 1002 and tokens that last 2 hours.
 * Credential "Trust API (demo)": Environment Custom, API URL and Atenea URL both `url`, Client ID
 * `demo-client-id`, Client Secret `demo-client-secret`, Default Company ID `1001`.
 */
import type { SimulatorDemo, SimulatorDemoOptions } from '../simulator';
import { TrustSimulator, type TrustClient } from './server';

export const DEMO_CLIENT: TrustClient = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret', companies: ['1001', '1002'] };

export async function startTrustDemo(options: SimulatorDemoOptions = {}): Promise<SimulatorDemo<TrustSimulator>> {
	const simulator = await new TrustSimulator({ timeScale: 1, clients: [DEMO_CLIENT], historyCampaigns: 40, seed: 2026 }).start(options);
	const { url } = simulator;
	return {
		provider: 'Trust',
		credentialType: 'trustApi',
		url,
		credentials: {
			environment: 'custom',
			apiUrl: url,
			ateneaUrl: url,
			clientId: DEMO_CLIENT.clientId,
			clientSecret: DEMO_CLIENT.clientSecret,
			defaultCompanyId: DEMO_CLIENT.companies[0],
		},
		accounts: [{ ...DEMO_CLIENT }],
		simulator,
		stop: async () => await simulator.stop(),
	};
}
