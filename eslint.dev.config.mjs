// @ts-check
/**
 * The lint config of everything that is not shipped: tests, simulators, harnesses, the demo,
 * benchmarks and scripts (`test/`, `dev/`, `bench/`, `scripts/`, the root tool files). That code
 * runs in Node, never in n8n, so n8n's node rules (no `process`, no timers, no `fs`...) do not
 * apply to it: it gets ESLint's and typescript-eslint's recommended rules.
 *
 * `npm run lint` uses it through scripts/lint.mjs (`lintTooling`), with inline `eslint-disable`
 * comments ignored, so this file alone decides what tooling code must satisfy.
 *
 * The shipped code, `nodes/`, `credentials/` and `package.json`, is linted by eslint.config.mjs:
 * n8n's default community-node config, unmodified, as `n8n-node lint` demands in strict mode
 * (`"n8n": { "strict": true }` in package.json). That config applies the node rules to every `.ts`
 * file of the repository and offers no way to exclude folders, so a tooling `.ts` file that uses
 * Node's APIs starts with the line TOOLING_HEADER below, which switches that config off for the
 * file; this config still lints it. test/unit/tooling/eslint-config.test.ts checks all of this.
 */
import js from '@eslint/js';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';
import globals from 'globals';

/** The first line of a tooling `.ts` file that n8n's node rules would reject. */
export const TOOLING_HEADER =
	'/* eslint-disable -- Node tooling, not shipped: n8n\'s node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */';

/** The code the package ships, linted by eslint.config.mjs only. */
export const SHIPPED = ['nodes/', 'credentials/'];
const ALL_TS = ['**/*.ts', '**/*.mts', '**/*.cts'];

/** Unused names: `_`-prefixed ones are deliberate. */
const UNUSED = {
	argsIgnorePattern: '^_',
	varsIgnorePattern: '^_',
	caughtErrorsIgnorePattern: '^_',
	destructuredArrayIgnorePattern: '^_',
	ignoreRestSiblings: true,
};

/** typescript-eslint's recommended set: the same objects (and plugin instance) n8n's config uses. */
const tsRecommended = ['typescript-eslint/base', 'typescript-eslint/eslint-recommended', 'typescript-eslint/recommended'].map((name) => {
	const found = n8nConfig.find((c) => c.name === name);
	if (!found) throw new Error(`eslint.dev.config.mjs: @n8n/node-cli/eslint no longer contains "${name}"; update this file`);
	return found;
});

export default [
	globalIgnores([
		...SHIPPED,
		'**/dist/',
		'**/.tmp/',
		'**/coverage/',
		'**/test-results/',
		'**/.cache/',
		'**/.n8n/',
		'**/*.tgz',
		'bench/results/',
		'dev/**/results/',
	]),
	{ ...js.configs.recommended, files: ALL_TS },
	...tsRecommended.map((c) => ({ ...c, files: ALL_TS })),
	{
		files: ALL_TS,
		rules: {
			// Test and tool code reads untyped JSON from n8n's and the simulators' HTTP APIs, and loads
			// n8n's own modules from n8n-core's folder with require(require.resolve(id, { paths })).
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			// Reported, not failing: tidy-ups for whoever next edits the file.
			'prefer-const': 'warn',
			'@typescript-eslint/no-unused-vars': ['warn', UNUSED],
		},
	},
	{
		...js.configs.recommended,
		files: ['**/*.{js,mjs,cjs}'],
		languageOptions: {
			// WebSocket: a global from Node 22 on, which the benchmarks need.
			globals: { ...globals.node, WebSocket: 'readonly' },
		},
	},
	{
		files: ['**/*.{js,mjs,cjs}'],
		rules: { 'prefer-const': 'warn', 'no-unused-vars': ['warn', UNUSED] },
	},
	{
		files: ['**/*.{js,cjs}'],
		languageOptions: { sourceType: 'commonjs' },
	},
];
