/**
 * The CloudBlue Commerce simulator with realistic seeded data, for the demo and for trying the node
 * by hand (`node -r ./dev/ts-register.cjs dev/simulators/serve.ts cloudblue [port]`): real time, a
 * new report completed 10 s after it is scheduled, tokens lasting 25 minutes, 250 customers, 12
 * completed daily reports, 429 above 50 requests a second. Credential "CloudBlue Commerce API
 * (demo)": the native token method, Base URL `<url>` (the `/marketplace` API).
 */
import type { SimulatorDemo, SimulatorDemoOptions } from '../simulator';
import { CloudBlueSimulator, DEFAULT_ACCOUNT, type CloudBlueAccount } from './server';

export const DEMO_ACCOUNT: CloudBlueAccount = { ...DEFAULT_ACCOUNT, username: 'demo@reseller.example', password: 'demo-password', subscriptionKey: 'demo-subscription-key' };

export async function startCloudBlueDemo(options: SimulatorDemoOptions = {}): Promise<SimulatorDemo<CloudBlueSimulator>> {
	const simulator = await new CloudBlueSimulator({
		account: DEMO_ACCOUNT,
		customers: 250,
		reportTimings: { submittedMs: 3000, processingMs: 7000 },
		tokenLifetimeSeconds: 1500,
		rateLimit: { max: 50, windowMs: 1000, retryAfterSeconds: 1 },
		seed: 2026,
	}).start(options);
	return {
		provider: 'CloudBlue Commerce',
		credentialType: 'cloudBlueCommerceApi',
		url: simulator.baseUrl,
		credentials: simulator.tokenCredentials(),
		accounts: [
			{
				username: DEMO_ACCOUNT.username,
				password: DEMO_ACCOUNT.password,
				subscriptionKey: DEMO_ACCOUNT.subscriptionKey,
				marketplace: DEMO_ACCOUNT.marketplace,
			},
		],
		simulator,
		stop: async () => await simulator.stop(),
	};
}
