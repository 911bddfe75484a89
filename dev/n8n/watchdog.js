// @ts-check
/**
 * Runs a server as its child in this process's own process group (the caller spawns this file
 * `detached`), and ends that group when the process that started it is gone (killed, interrupted
 * jest run), so no n8n, Redis or PostgreSQL and no port outlives a test run.
 *
 *   node dev/n8n/watchdog.js <parent pid> <options JSON> <command> [args...]
 *
 * options: `removeWhenOrphaned` a folder removed once the child has exited after the parent
 * vanished; `uid`/`gid` to run the child as another user (PostgreSQL refuses root).
 *
 * Signals sent to the group (stop() in processes.ts) reach the child directly; the watchdog itself
 * ignores SIGTERM/SIGINT and exits with the child's code. Plain CommonJS with no dependencies: it
 * runs on whichever Node runs the server (Node 24 for n8n 2.x, the machine's Node for the rest),
 * and stays small because its memory counts in the group the benchmarks measure.
 */
'use strict';
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');

/** @typedef {{ removeWhenOrphaned?: string, uid?: number, gid?: number }} WatchdogOptions */

const parent = Number(process.argv[2]);
/** @type {WatchdogOptions} */
const options = JSON.parse(process.argv[3] || '{}');
const [command, ...args] = process.argv.slice(4);

const child = spawn(command, args, { stdio: 'inherit', uid: options.uid, gid: options.gid });
let orphaned = false;

process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});

child.on('exit', (code, signal) => {
	if (orphaned && options.removeWhenOrphaned) {
		try {
			rmSync(options.removeWhenOrphaned, { recursive: true, force: true });
		} catch {
			// best effort: the folder is under the OS temp directory
		}
	}
	process.exit(code ?? (signal ? 1 : 0));
});

/** Whether the parent still exists (EPERM: it does, owned by another user). */
function parentAlive() {
	try {
		process.kill(parent, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** @param {NodeJS.Signals} signal */
function signalGroup(signal) {
	try {
		process.kill(-process.pid, signal);
	} catch {
		// the group is gone
	}
}

setInterval(() => {
	if (orphaned || parentAlive()) return;
	orphaned = true;
	signalGroup('SIGTERM');
	setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
}, 1000);
