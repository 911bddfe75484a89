/** Three depths: pure units, workflows through n8n-core's engine, and a real n8n. Type checking is
 * `npm run typecheck`'s job, so tests are transpiled file by file (isolatedModules), which is fast. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
const base = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
	modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.tmp'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'engine', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
		// Recorded public exchanges replayed through the nodes by a server that knows no provider rules.
		{ ...base, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
		{
			...base,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
			// One real n8n for the whole run (about 45 s to start), shared by every e2e file.
			globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
		},
		{ ...base, displayName: 'queue', testMatch: ['<rootDir>/test/queue/**/*.queue.test.ts'] },
	],
};
