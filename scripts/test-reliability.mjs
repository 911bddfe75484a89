#!/usr/bin/env node
/**
 * `npm run test:reliability`: the long reliability suites (test/reliability/) in a real n8n with the
 * packed package: the fuzz corpora over HTTP, the canary secret, the notification burst.
 *
 * 1. makes sure the pinned n8n runtime is installed (dev/n8n/ensure.mjs; warm: < 1 s);
 * 2. builds the package (`npm run build`) unless `--no-build`;
 * 3. runs jest with test/reliability/jest.config.js, in band (extra arguments go to jest, e.g.
 *    `-t burst`). Figures are printed as `[reliability] ...` lines and written to
 *    .tmp/reliability/figures.json; docs/reliability.md records them with their date.
 *
 * Costs 15 to 25 minutes on a 2-core machine (4YouSee reads are paced at one per second, and the
 * corpus and the burst make about 900 of them), so it is not part of `npm test`. Exit code: jest's.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureRuntime } from '../dev/n8n/ensure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const jestArgs = args.filter((a) => a !== '--no-build');

function env() {
	const out = {};
	for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) out[k] = v;
	return out;
}

function run(cmd, cmdArgs) {
	return new Promise((resolvePromise) => {
		const child = spawn(cmd, cmdArgs, { cwd: root, env: env(), stdio: 'inherit' });
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('close', (code, signal) => {
			process.removeListener('SIGINT', forward);
			process.removeListener('SIGTERM', forward);
			resolvePromise(code ?? (signal ? 1 : 0));
		});
	});
}

const started = Date.now();
const runtime = await ensureRuntime();
process.stderr.write(`[reliability] n8n ${runtime.version} on node ${runtime.nodeVersion} (${runtime.dir})\n`);
if (!noBuild) {
	const code = await run('npm', ['run', 'build', '--silent']);
	if (code !== 0) process.exit(code);
}
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const code = await run(process.execPath, [jestBin, '--config', join(root, 'test', 'reliability', 'jest.config.js'), '--runInBand', ...jestArgs]);
process.stderr.write(`[reliability] done in ${Math.round((Date.now() - started) / 1000)} s (exit ${code})\n`);
process.exit(code);
