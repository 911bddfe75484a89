#!/usr/bin/env node
/**
 * Lints what n8n's community-package scanner lints, the way it lints it: package.json and
 * nodes/ + credentials/ sources, with the community-node rules including the n8n Cloud ones
 * (no runtime dependencies, no `process`/timers, restricted imports, pairedItem, NodeApiError),
 * and with inline `eslint-disable` comments ignored. Test and tool code is not shipped and may
 * use Node's own APIs, so it is not linted with these rules (see the second pass below).
 *
 * `npm run lint` runs it after `n8n-node lint`, because it catches what that does not:
 * - an `eslint-disable` comment does not switch a rule off here, as in the scanner;
 * - the codex files (`<Provider>.node.json`) and any `.js` under nodes/ and credentials/ are linted;
 * - the rules come from the lint plugins themselves, not from eslint.config.mjs, so a change there
 *   cannot weaken this check.
 * It uses the plugin versions `n8n-node lint` uses; scripts/scan.mjs runs the scanner's own
 * analysis, with the plugin versions the scanner pins, on the sources and the packed tarball.
 *
 * Then it lints the tooling (tests, simulators, harnesses, the demo, benchmarks, scripts) with
 * eslint.dev.config.mjs, ESLint's and typescript-eslint's recommended rules, inline comments
 * ignored there too: `n8n-node lint` in strict mode runs n8n's unmodified default config, which
 * cannot exclude folders, so tooling files that use Node's APIs switch it off with a header line
 * (see eslint.dev.config.mjs) and are held to the recommended rules here.
 *
 * Usage: node scripts/lint.mjs [--cwd <package folder>]
 * Exits 1 with the violations listed when anything fails.
 */
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import fg from 'fast-glob';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// eslint-plugin-n8n-nodes-base treats NODE_ENV=test as its own test run and then pretends every
// file is "Test.node.ts", which would make a lint started from a test report nonsense.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const require = createRequire(import.meta.url);
const { n8nCommunityNodesPlugin } = require('@n8n/eslint-plugin-community-nodes');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
const tsParser = require('@typescript-eslint/parser');

export const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

/** The scanner's rule set (@n8n/scan-community-package `buildScanConfig`), cloud rules included. */
export function scanConfig() {
	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	);
}

export async function lint(cwd) {
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: scanConfig(),
	});
	const files = await fg(SOURCE_PATTERNS, {
		cwd,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const formatter = await eslint.loadFormatter('stylish');
	return { files: files.length, errors, warnings, report: await formatter.format(results) };
}

export const TOOLING_CONFIG = 'eslint.dev.config.mjs';

/** Lints everything but the shipped code with eslint.dev.config.mjs; skipped where there is none. */
export async function lintTooling(cwd) {
	if (!existsSync(path.join(cwd, TOOLING_CONFIG))) return undefined;
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: TOOLING_CONFIG,
		errorOnUnmatchedPattern: false,
	});
	const results = await eslint.lintFiles(['.']);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const formatter = await eslint.loadFormatter('stylish');
	return { files: results.length, errors, warnings, report: await formatter.format(results) };
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
	const at = process.argv.indexOf('--cwd');
	const cwd = path.resolve(at > 0 ? process.argv[at + 1] : process.cwd());
	const { files, errors, warnings, report } = await lint(cwd);
	if (report.trim()) console.log(report);
	console.log(`lint: ${files} files checked with the community-node scanner rules: ${errors} errors, ${warnings} warnings`);
	const tooling = await lintTooling(cwd);
	if (tooling) {
		if (tooling.report.trim()) console.log(tooling.report);
		console.log(`lint: ${tooling.files} tooling files checked with ${TOOLING_CONFIG}: ${tooling.errors} errors, ${tooling.warnings} warnings`);
	}
	process.exit(errors > 0 || tooling?.errors ? 1 : 0);
}
