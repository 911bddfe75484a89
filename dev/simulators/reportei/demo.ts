/**
 * The Reportei Connect simulator with realistic seeded data, for the demo and for trying the node
 * by hand (`node -r ./dev/ts-register.cjs dev/simulators/serve.ts reportei [port]`): customers
 * paying, in trial and with the trial ended, their integrations, and a relaxed rate limit.
 * Credential: Merchant Token `rc-merchant-demo-token`, Base URL `<url>` (the `/api` API). Each
 * account is a customer with its api_token (the Customer Token of the node) and integrations.
 */
import type { SimulatorDemo, SimulatorDemoOptions } from '../simulator';
import { ReporteiSimulator } from './simulator';

const DAY = 24 * 3600_000;

const SEED: Array<{ name: string; isPaying: boolean; ageDays: number; integrations: string[] }> = [
	{ name: 'Padaria Pão Quente', isPaying: true, ageDays: 40, integrations: ['instagram_business', 'facebook', 'google_my_business'] },
	{ name: 'Clínica Sorriso', isPaying: true, ageDays: 30, integrations: ['instagram_business', 'google_analytics_4'] },
	{ name: 'Loja Verde Moda', isPaying: false, ageDays: 2, integrations: ['instagram_business', 'facebook_ads'] },
	{ name: 'Academia Forte', isPaying: false, ageDays: 12, integrations: ['instagram_business'] },
	{ name: 'Café Aroma', isPaying: true, ageDays: 90, integrations: ['instagram_business', 'tiktok', 'youtube'] },
	{ name: 'Escritório Lima Advogados', isPaying: false, ageDays: 0, integrations: [] },
];

export async function startReporteiDemo(options: SimulatorDemoOptions = {}): Promise<SimulatorDemo<ReporteiSimulator>> {
	const simulator = new ReporteiSimulator({ seed: 'demo', rateLimitPerMinute: 120, callbackDelayMs: 2000 });
	const accounts = SEED.map((entry) => {
		const { customer, apiToken } = simulator.addCustomer(entry.name, { isPaying: entry.isPaying, createdAt: Date.now() - entry.ageDays * DAY });
		const integrations = entry.integrations.map((slug) => simulator.addIntegration(customer.uuid, slug).uuid);
		return { name: entry.name, uuid: customer.uuid, apiToken, isPaying: entry.isPaying, integrations };
	});
	await simulator.start(options);
	return {
		provider: 'Reportei Connect',
		credentialType: 'reporteiConnectApi',
		url: simulator.apiUrl,
		credentials: { accessToken: simulator.merchantToken, baseUrl: simulator.apiUrl },
		accounts,
		simulator,
		stop: async () => await simulator.stop(),
	};
}
