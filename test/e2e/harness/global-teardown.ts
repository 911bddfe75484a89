/** Optional jest `globalTeardown` for the e2e project: stops the run's shared n8n (see global-setup.ts). */
import { unshareN8n } from './n8n';

export default async function globalTeardown(): Promise<void> {
	await unshareN8n();
}
