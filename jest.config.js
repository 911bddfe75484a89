/** Three depths: pure units, workflows through n8n-core's engine, and a real n8n. Type checking is
 * `npm run typecheck`'s job, so tests are transpiled file by file (isolatedModules), which is fast. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'engine', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'] },
		{ ...base, displayName: 'queue', testMatch: ['<rootDir>/test/queue/**/*.queue.test.ts'] },
	],
};
