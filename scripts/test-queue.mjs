#!/usr/bin/env node
/**
 * `npm run test:e2e:queue`: the package in n8n queue mode (Redis + PostgreSQL + main + webhook
 * process + 2 workers), see docs/queue-mode.md and test/queue/cluster.ts.
 *
 * 1. makes sure the pinned n8n runtime is installed (dev/n8n/ensure.mjs; warm: < 1 s);
 * 2. builds the package (`npm run build`) unless `--no-build` (or QUEUE_E2E_NO_BUILD=1);
 * 3. runs `jest --selectProjects queue --runInBand` (extra arguments are passed to jest, e.g.
 *    `-t 'worker dies'`). The test setup packs the build once (`npm pack`, cached by a hash of
 *    dist/ in os.tmpdir(), shared with the e2e harness), installs redis-server and postgresql with
 *    apt-get when they are missing, and starts and stops every process itself.
 *
 * Costs about 6 minutes on a 2-core machine (cluster start ~1-1.5 min, the 100-notification burst
 * ~2 min), so it is not part of `npm test`. Exit code: jest's.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ensureRuntime } from '../dev/n8n/ensure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build') || process.env.QUEUE_E2E_NO_BUILD === '1';
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
process.stderr.write(`[queue] n8n ${runtime.version} on node ${runtime.nodeVersion} (${runtime.dir})\n`);
if (!noBuild) {
	const code = await run('npm', ['run', 'build', '--silent']);
	if (code !== 0) process.exit(code);
}
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const code = await run(process.execPath, [jestBin, '--selectProjects', 'queue', '--runInBand', ...jestArgs]);
process.stderr.write(`[queue] done in ${Math.round((Date.now() - started) / 1000)} s (exit ${code})\n`);
process.exit(code);
