#!/usr/bin/env node
/**
 * `npm start`: builds the package, then runs dev/demo/index.ts (simulators + the pinned real n8n
 * with the packed package, demo credentials, the examples) and stays up until Ctrl-C.
 *
 *   npm start                          build, start, print the editor URL and login
 *   npm start -- --run-examples        also run every example once and report the results
 *   npm start -- --no-build            reuse dist/ as it is
 *   npm start -- --n8n1                the pinned n8n 1.x (Node 20) instead of 2.x
 *   npm start -- --exit                start, check, print, stop (a smoke test of the demo itself)
 *   N8N_E2E_KEEP=1 npm start           keep n8n's user folder (database, n8n.log) after Ctrl-C
 *
 * The demo, the simulators and the n8n client are TypeScript, loaded through dev/ts-register.cjs
 * (transpiled in memory with the repository's own compiler; `npm run typecheck` checks them).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const startedAt = Date.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const require = createRequire(import.meta.url);

let buildMs;
if (!argv.includes('--no-build')) {
	console.log('Building the package (npm run build) ...');
	const t = Date.now();
	const npmCli = process.env.npm_execpath;
	const [cmd, args] = npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli, 'run', '--silent', 'build']] : ['npm', ['run', '--silent', 'build']];
	const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`The build failed (exit ${result.status ?? result.signal}).`);
		process.exit(1);
	}
	buildMs = Date.now() - t;
}

require('../ts-register.cjs');
const { main } = require('./index.ts');
main(argv, startedAt, buildMs).catch((err) => {
	console.error(`\nThe demo could not start: ${err?.stack ?? err}`);
	process.exit(1);
});
