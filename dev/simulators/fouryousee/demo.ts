/**
 * The 4YouSee Manager simulator with its seeded account, for the demo and for trying the node by
 * hand (`node -r ./dev/ts-register.cjs dev/simulators/serve.ts fouryousee [port]`): real time but
 * reports ready after 5 s (not a minute), 20,000-line playlog files. Credential "4YouSee Manager
 * API (demo)": Base URL `<url>` (the `/v1` API), Secret-Token FOURYOUSEE_SIM_TOKEN.
 */
import type { SimulatorDemo, SimulatorDemoOptions } from '../simulator';
import { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator } from './server';

export async function startFourYouSeeDemo(options: SimulatorDemoOptions = {}): Promise<SimulatorDemo<FourYouSeeSimulator>> {
	const simulator = await new FourYouSeeSimulator({ timeScale: 5_000 / 60_000, playlogLines: 20_000 }).start(options);
	return {
		provider: '4YouSee Manager',
		credentialType: 'fourYouSeeApi',
		url: simulator.apiUrl,
		credentials: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: simulator.apiUrl },
		accounts: [{ account: simulator.store.account, secretToken: FOURYOUSEE_SIM_TOKEN }],
		simulator,
		stop: async () => await simulator.stop(),
	};
}
