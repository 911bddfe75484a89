/**
 * Every provider's demo, by the short name `serve.ts` takes. A fifth provider adds its
 * `<provider>/demo.ts` here and the demo (`npm start`) gives it a credential.
 */
import { startCloudBlueDemo } from './cloudblue/demo';
import { startFourYouSeeDemo } from './fouryousee/demo';
import { startReporteiDemo } from './reportei/demo';
import type { SimulatorDemo, SimulatorDemoOptions } from './simulator';
import { startTrustDemo } from './trust/demo';

export type { SimulatorDemo, SimulatorDemoOptions };

export const DEMOS: Record<string, (options?: SimulatorDemoOptions) => Promise<SimulatorDemo>> = {
	fouryousee: startFourYouSeeDemo,
	cloudblue: startCloudBlueDemo,
	trust: startTrustDemo,
	reportei: startReporteiDemo,
};

/** Starts every provider's demo; when one fails, those already running are stopped. */
export async function startSimulatorDemos(): Promise<SimulatorDemo[]> {
	const started = await Promise.allSettled(Object.values(DEMOS).map(async (start) => await start()));
	const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
	if (failed) {
		await Promise.allSettled(running.map(async (demo) => await demo.stop()));
		throw failed.reason;
	}
	return running;
}
