/**
 * Optional jest `globalSetup` for the e2e project: one n8n for the whole run instead of one per test
 * file (`useN8n()` attaches to it). Wire it in jest.config.js's e2e project:
 * `globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts', globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts'`.
 */
import { shareN8n } from './n8n';

export default async function globalSetup(): Promise<void> {
	await shareN8n();
}
