// @ts-check
/**
 * What `npm run lint` (`n8n-node lint`, which runs `eslint .`) checks, in two parts:
 *
 * - The shipped code, `nodes/`, `credentials/` and `package.json`: n8n's own community-node config
 *   (`@n8n/node-cli/eslint`, Cloud rules included), object for object, only narrowed from every
 *   `.ts` file of the repository to the shipped ones. One rule is switched off for one file (below).
 *   test/unit/tooling/eslint-config.test.ts fails if the rules any shipped file gets ever differ from
 *   n8n's default config in anything else.
 * - Everything else (tests, simulators, harnesses, the demo, benchmarks, scripts, today under
 *   `test/`, `e2e/`, `bench/`, `scripts/`, later under `dev/`): ESLint's and typescript-eslint's
 *   recommended rules. That code runs in Node, never in n8n, so n8n's node rules (no `process`, no
 *   timers, no `fs`...) do not apply to it.
 *
 * n8n's strict mode (`"strict": true` in package.json) would refuse this file: it accepts only the
 * unmodified two-line default, which lints every `.ts` file of the repository as node code.
 */
import js from '@eslint/js';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';
import globals from 'globals';

/** The TypeScript the package ships. */
export const SHIPPED_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const ALL_TS = ['**/*.ts', '**/*.mts', '**/*.cts'];

/** Unused names: `_`-prefixed ones are deliberate. */
const UNUSED = {
	argsIgnorePattern: '^_',
	varsIgnorePattern: '^_',
	caughtErrorsIgnorePattern: '^_',
	destructuredArrayIgnorePattern: '^_',
	ignoreRestSiblings: true,
};

const isEveryTsFile = (/** @type {{ files?: unknown[] }} */ c) => c.files?.length === 1 && c.files[0] === '**/*.ts';

/** typescript-eslint's recommended set, the same objects (and plugin instance) n8n's config uses. */
const tsRecommended = ['typescript-eslint/base', 'typescript-eslint/eslint-recommended', 'typescript-eslint/recommended'].map((name) => {
	const found = n8nConfig.find((c) => c.name === name);
	if (!found) throw new Error(`eslint.config.mjs: @n8n/node-cli/eslint no longer contains "${name}"; update this file`);
	return found;
});

export default [
	globalIgnores([
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

	// n8n's default config, its every-.ts-file blocks narrowed to the shipped code.
	...n8nConfig.map((c) => (isEveryTsFile(c) ? { ...c, files: SHIPPED_TS } : c)),
	{
		// CloudBlue's Subscription Key is the API gateway key sent as X-Subscription-Key on every
		// call: a secret, so it stays masked. The rule guesses secrets from field names and does not
		// know "subscriptionKey" (it has no options to teach it one).
		files: ['credentials/CloudBlueCommerceApi.credentials.ts'],
		rules: { '@n8n/community-nodes/credential-unnecessary-password': 'off' },
	},

	// Tests and tools.
	{ ...js.configs.recommended, files: ALL_TS, ignores: SHIPPED_TS },
	...tsRecommended.map((c) => ({ ...c, files: ALL_TS, ignores: SHIPPED_TS })),
	{
		...js.configs.recommended,
		files: ['**/*.{js,mjs,cjs}'],
		languageOptions: {
			// WebSocket: a global from Node 22 on, which the benchmarks need.
			globals: { ...globals.node, WebSocket: 'readonly' },
		},
	},
	{
		files: ['**/*.{js,cjs}'],
		languageOptions: { sourceType: 'commonjs' },
	},
	{
		files: ALL_TS,
		ignores: SHIPPED_TS,
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
		files: ['**/*.{js,mjs,cjs}'],
		rules: { 'prefer-const': 'warn', 'no-unused-vars': ['warn', UNUSED] },
	},
];
