#!/usr/bin/env node
/**
 * `npm run test:e2e:n8n1`: the same end-to-end tests (test/e2e/**, the browser test included) against
 * the pinned last n8n 1.x (dev/n8n/runtime-n8n1, n8n 1.123.x on the machine's own Node 20) instead of
 * n8n 2.x, to show the package still loads and runs there. Builds first, installs the runtime into
 * the cache on first use (a few minutes), then prints one line per test and a summary; the full
 * jest report is written to .tmp/test-results/e2e-n8n1.json.
 *
 *   npm run test:e2e:n8n1                         everything
 *   npm run test:e2e:n8n1 -- --no-build           reuse dist/
 *   npm run test:e2e:n8n1 -- --no-browser         skip the browser test
 *   npm run test:e2e:n8n1 -- test/e2e/trust       only the matching test files (jest path patterns)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const patterns = args.filter((a) => !a.startsWith('--'));
const started = Date.now();

const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];

function step(name, command, commandArgs, env = {}) {
	const t = Date.now();
	console.log(`\n=== ${name}`);
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	console.log(`=== ${name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result.status === 0;
}

if (!flags.has('--no-build') && !step('build', npmCli[0], [...npmCli.slice(1), 'run', '--silent', 'build'])) process.exit(1);
if (!step('n8n 1.x runtime (cached outside the clone)', process.execPath, [path.join(root, 'dev/n8n/ensure.mjs'), 'n8n1'])) process.exit(1);

const reports = path.join(root, '.tmp', 'test-results');
mkdirSync(reports, { recursive: true });
const out = path.join(reports, 'e2e-n8n1.json');
const jestArgs = [
	path.join(root, 'node_modules/jest/bin/jest.js'),
	'--selectProjects',
	'e2e',
	'--runInBand',
	'--json',
	`--outputFile=${out}`,
	...(flags.has('--no-browser') ? ['--testPathIgnorePatterns', 'browser\\.e2e'] : []),
	...patterns,
];
const ok = step('end-to-end tests on n8n 1.x', process.execPath, jestArgs, { N8N_E2E_FLAVOR: 'n8n1' });

if (existsSync(out)) {
	const report = JSON.parse(readFileSync(out, 'utf8'));
	console.log('\nResults on n8n 1.x:');
	for (const file of report.testResults) {
		console.log(`  ${path.relative(root, file.name)}${file.message && !file.assertionResults.length ? `: ${file.message.split('\n').find((l) => l.trim()) ?? 'failed'}` : ''}`);
		for (const t of file.assertionResults) {
			const mark = t.status === 'passed' ? 'pass' : t.status === 'failed' ? 'FAIL' : t.status;
			const why = t.status === 'failed' ? `\n         ${(t.failureMessages[0] ?? '').split('\n').find((l) => l.trim()) ?? ''}` : '';
			console.log(`    ${mark}  ${t.fullName}${why}`);
		}
	}
	console.log(
		`\n${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped` +
			`${report.numRuntimeErrorTestSuites ? `, ${report.numRuntimeErrorTestSuites} file(s) did not run` : ''}` +
			` (${((Date.now() - started) / 60000).toFixed(1)} min)`,
	);
}
process.exit(ok ? 0 : 1);
