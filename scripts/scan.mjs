#!/usr/bin/env node
/**
 * Runs the analysis of n8n's community-package scanner (`@n8n/scan-community-package`, the
 * `npx @n8n/scan-community-package <package>` that n8n runs before verifying a package) on this
 * clone, offline: its own exported `analyzePackage` with its own rule set and its pinned lint
 * plugins, inline `eslint-disable` comments ignored, on
 *
 *   - the sources, with the scanner's own file patterns (`SOURCE_FILE_PATTERNS`: package.json and
 *     nodes/ + credentials/), as it lints the commit named in the package's provenance, and
 *   - the `npm pack` output, compiled `.js` and package.json, as it lints the published tarball.
 *
 * What needs the registry and GitHub is left out: the provenance check (the release workflow
 * publishes with provenance and then runs the real scanner on the published version) and the
 * download of the attested commit. So that the scanner finds this folder in that commit, the script
 * also checks that exactly one package.json of the clone carries the package's name.
 *
 * Build first (`npm run build`): the tarball must contain every file the `n8n` section names.
 *
 * Usage: node scripts/scan.mjs [--cwd <package folder>] [--json]
 * Exits 1 when any check fails. --json prints one JSON object (for the tests) instead of a report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fg from 'fast-glob';

// eslint-plugin-n8n-nodes-base treats NODE_ENV=test as its own test run (see scripts/lint.mjs).
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;

const args = process.argv.slice(2);
const at = args.indexOf('--cwd');
const cwd = path.resolve(at >= 0 ? args[at + 1] : process.cwd());
const asJson = args.includes('--json');

// The scanner creates its working folder when it is imported: keep it inside ours, removed below.
const work = mkdtempSync(path.join(tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = work;
const { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const IGNORE = ['node_modules/**', '**/package-lock.json'];

function run(command, commandArgs, options) {
	const result = spawnSync(command, commandArgs, { encoding: 'utf8', shell: process.platform === 'win32', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/** `npm pack` into the working folder, unpacked as the scanner unpacks a downloaded tarball. */
function packAndExtract() {
	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd }));
	const tarball = path.join(work, packed[0].filename);
	const dir = path.join(work, 'package');
	run('tar', ['-xzf', tarball, '-C', work]);
	return { dir, files: packed[0].files.map((f) => f.path).sort() };
}

async function analyze(label, dir, patterns) {
	const files = await fg(patterns, { cwd: dir, ignore: IGNORE });
	const result = await analyzePackage(dir, patterns);
	return { label, files: files.length, passed: result.passed === true && files.length > 0, message: result.message, details: result.details };
}

const report = { passed: false, checks: [] };
try {
	const pkg = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8'));

	// The scanner looks for the package in the attested commit by its package.json's name.
	const roots = (await fg('**/package.json', { cwd, ignore: ['**/node_modules/**', '**/.tmp/**', '**/dist/**'] })).filter((file) => {
		try {
			return JSON.parse(readFileSync(path.join(cwd, file), 'utf8')).name === pkg.name;
		} catch {
			return false;
		}
	});
	const found = findPackageRoot(cwd, pkg.name);
	report.checks.push({
		label: 'package root',
		passed: roots.length === 1 && roots[0] === 'package.json' && found === cwd,
		message: `package.json files named "${pkg.name}": ${roots.join(', ') || 'none'}`,
	});

	report.checks.push(await analyze('sources', cwd, SOURCE_FILE_PATTERNS));

	const packed = packAndExtract();
	report.files = packed.files;
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !existsSync(path.join(packed.dir, file)));
	report.checks.push({
		label: 'tarball contents',
		passed: declared.length > 0 && missing.length === 0,
		message: missing.length ? `not in the tarball (run npm run build first): ${missing.join(', ')}` : `${declared.length} node and credential files`,
	});
	report.checks.push(await analyze('tarball', packed.dir, TARBALL_PATTERNS));
	report.passed = report.checks.every((c) => c.passed);
} catch (error) {
	report.checks.push({ label: 'scan', passed: false, message: error.message });
} finally {
	rmSync(work, { recursive: true, force: true });
}

if (asJson) {
	console.log(JSON.stringify(report));
} else {
	for (const c of report.checks) {
		console.log(`${c.passed ? 'ok  ' : 'FAIL'} ${c.label}${c.files !== undefined ? ` (${c.files} files)` : ''}${c.message ? `: ${c.message}` : ''}`);
		if (c.details) console.log(c.details);
	}
	console.log(report.passed ? 'scan: the package passes the scanner\'s analysis' : 'scan: FAILED');
}
process.exit(report.passed ? 0 : 1);
