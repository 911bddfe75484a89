/** The long reliability suites in a real n8n (`npm run test:reliability`, scripts/test-reliability.mjs). */
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	displayName: 'reliability',
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.tmp'],
	testMatch: ['<rootDir>/test/reliability/**/*.reliability.test.ts'],
};
