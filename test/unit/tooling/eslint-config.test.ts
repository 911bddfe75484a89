/**
 * eslint.config.mjs gives the shipped code exactly n8n's default community-node config (what
 * `n8n-node lint` applies in strict mode), except the one documented rule switched off for the
 * CloudBlue credential, and gives tests and tools the recommended rules only.
 *
 * ESLint loads the config with a dynamic import(), which jest's module system does not support, so
 * the configs are computed by a small Node script in a child process.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** The one difference from n8n's default config, and why: see eslint.config.mjs. */
const EXPECTED_OVERRIDES: Record<string, string[]> = {
	'credentials/CloudBlueCommerceApi.credentials.ts': ['@n8n/community-nodes/credential-unnecessary-password'],
};

const SCRIPT = `
import { ESLint } from 'eslint';
import fg from 'fast-glob';
import { config as n8nDefault } from '@n8n/node-cli/eslint';
const [shippedGlobs, restFiles, ignoredFiles] = JSON.parse(process.argv[1]);
const ours = new ESLint();
const theirs = new ESLint({ overrideConfigFile: true, overrideConfig: n8nDefault });
const severity = (v) => (Array.isArray(v) ? v[0] : v);
const on = (rules) => Object.fromEntries(Object.entries(rules ?? {}).filter(([, v]) => severity(v) !== 0 && severity(v) !== 'off'));
const shipped = {};
for (const file of await fg(shippedGlobs, { ignore: ['**/node_modules/**'] })) {
	const a = on((await ours.calculateConfigForFile(file))?.rules);
	const b = on((await theirs.calculateConfigForFile(file))?.rules);
	const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((r) => JSON.stringify(a[r]) !== JSON.stringify(b[r])).sort();
	shipped[file] = { rules: Object.keys(b).length, differ };
}
const rest = {};
for (const file of restFiles) rest[file] = Object.keys(on((await ours.calculateConfigForFile(file))?.rules)).sort();
const ignored = {};
for (const file of ignoredFiles) ignored[file] = await ours.isPathIgnored(file);
console.log(JSON.stringify({ shipped, rest, ignored }));
`;

const REST = [
	'test/unit/tooling/lint.test.ts',
	'test/harness/fixtures/nodes/EchoTest/EchoTest.node.ts',
	'scripts/demo.ts',
	'scripts/lint.mjs',
	'jest.config.js',
	'dev/simulators/fouryousee/server.ts',
	'dev/e2e/harness/n8n.ts',
	'dev/bench/run.mjs',
];
const IGNORED = ['dist/nodes/Trust/Trust.node.js', '.tmp/x/nodes/A.node.ts', 'coverage/lcov-report/a.js', 'dev/.tmp/a.ts', 'dev/bench/results/a.js', 'bench/results/a.js'];

interface Computed {
	shipped: Record<string, { rules: number; differ: string[] }>;
	rest: Record<string, string[]>;
	ignored: Record<string, boolean>;
}

let computed: Computed;
beforeAll(() => {
	const env = { ...process.env };
	delete env.NODE_ENV; // eslint-plugin-n8n-nodes-base behaves differently under NODE_ENV=test
	const out = execFileSync(
		process.execPath,
		['--input-type=module', '-e', SCRIPT, JSON.stringify([['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts'], REST, IGNORED])],
		{ cwd: ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	computed = JSON.parse(out) as Computed;
}, 120_000);

describe('eslint.config.mjs', () => {
	it("gives every shipped file n8n's default rules, with only the documented exception", () => {
		const files = Object.keys(computed.shipped);
		expect(files).toContain('package.json');
		expect(files.filter((f) => f.endsWith('.node.ts')).length).toBeGreaterThan(3);
		expect(files.filter((f) => f.startsWith('credentials/')).length).toBeGreaterThan(3);
		const differences = Object.fromEntries(Object.entries(computed.shipped).filter(([, v]) => v.differ.length).map(([f, v]) => [f, v.differ]));
		expect(differences).toEqual(EXPECTED_OVERRIDES);
		for (const [file, { rules }] of Object.entries(computed.shipped)) {
			expect([file, rules > 40]).toEqual([file, true]);
		}
	});

	it('gives tests and tools (today and under dev/) the recommended rules, no node rules', () => {
		for (const [file, rules] of Object.entries(computed.rest)) {
			expect([file, rules.filter((r) => r.startsWith('@n8n/') || r.startsWith('n8n-nodes-base/'))]).toEqual([file, []]);
			expect([file, rules]).toEqual([file, expect.arrayContaining(['no-debugger', 'for-direction', 'no-unsafe-finally'])]);
		}
		expect(computed.rest['scripts/demo.ts']).toEqual(expect.arrayContaining(['@typescript-eslint/no-unused-vars']));
		expect(computed.rest['dev/simulators/fouryousee/server.ts']).toEqual(computed.rest['scripts/demo.ts']);
	});

	it('ignores build output, caches and run results', () => {
		expect(computed.ignored).toEqual(Object.fromEntries(IGNORED.map((f) => [f, true])));
	});
});
