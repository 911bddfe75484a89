#!/usr/bin/env node
/**
 * Every check, in the order a failure is cheapest to find: lint (`npm run lint`: n8n-node lint, then
 * the scanner's rules with inline disables ignored), type check, build, unit and engine tests (n8n's
 * scanner on the sources and the packed build among them), then end-to-end tests in a real n8n
 * (installed into a cache outside the clone on first use). Ends with one line "N passed, N failed".
 *
 * Usage: npm test                      everything
 *        npm test -- --no-e2e          everything but the real-n8n suite
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const withE2e = !args.includes('--no-e2e');
const reports = path.join(root, '.tmp', 'test-results');
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();

function step(name, command, commandArgs, env = {}) {
	const t = Date.now();
	console.log(`\n=== ${name}`);
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const seconds = ((Date.now() - t) / 1000).toFixed(1);
	const ok = result.status === 0;
	console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`);
	if (!ok) failures.push(name);
	return ok;
}

function jest(name, projects, extra = []) {
	const out = path.join(reports, `${name}.json`);
	const ok = step(`${name} tests`, process.execPath, [
		path.join(root, 'node_modules/jest/bin/jest.js'),
		'--selectProjects',
		...projects,
		'--json',
		`--outputFile=${out}`,
		...extra,
	]);
	if (existsSync(out)) {
		const r = JSON.parse(readFileSync(out, 'utf8'));
		totals.passed += r.numPassedTests;
		totals.failed += r.numFailedTests;
		totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
		if (!ok && r.numFailedTests === 0 && r.numRuntimeErrorTestSuites > 0) totals.failed += r.numRuntimeErrorTestSuites;
	} else if (!ok) {
		totals.failed += 1;
	}
	return ok;
}

const npmCli = process.env.npm_execpath && existsSync(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
const npm = (...a) => [npmCli[0], [...npmCli.slice(1), ...a]];

step('lint (n8n-node lint, then the community-node scanner rules)', ...npm('run', '--silent', 'lint'));
step('type check', ...npm('run', '--silent', 'typecheck'));
const built = step('build', ...npm('run', '--silent', 'build'));
jest('unit, engine and contract', ['unit', 'engine', 'contract']);

if (withE2e && built) {
	const ready = step('real n8n runtime (cached outside the clone)', process.execPath, [path.join(root, 'dev/n8n/ensure.mjs')]);
	if (ready) jest('end-to-end', ['e2e'], ['--runInBand']);
	else totals.failed += 1;
} else if (withE2e) {
	console.log('\n=== end-to-end tests skipped: the build failed');
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(`\n${failures.length ? `Failed steps: ${failures.join(', ')}` : 'All steps passed'} (${minutes} min)`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
