/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * What a real n8n start needs on disk: the pinned runtime (ensure.mjs), this package packed and
 * installed the way a user's install lands, and the migrated-database template that lets later
 * starts skip n8n's migrations.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

import type { Owner } from './client';
import { cleanEnv, run } from './processes';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The pinned runtimes (folders next to ensure.mjs): `n8n2` = runtime/, `n8n1` = runtime-n8n1/. */
export type Flavor = 'n8n2' | 'n8n1';

export interface Runtime {
	nodeBin: string;
	n8nBin: string;
	version: string;
	nodeVersion: string;
	dir: string;
}

const runtimes = new Map<Flavor, Promise<Runtime>>();

/** Runs dev/n8n/ensure.mjs (a child process: jest runs CommonJS and cannot import the .mjs); progress goes to stderr. */
export function ensureRuntime(flavor: Flavor = 'n8n2'): Promise<Runtime> {
	let p = runtimes.get(flavor);
	if (!p) {
		p = new Promise<Runtime>((resolvePromise, reject) => {
			const child = spawn(process.execPath, [join(__dirname, 'ensure.mjs'), flavor], {
				cwd: REPO_ROOT,
				env: cleanEnv(),
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let out = '';
			child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
			child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code !== 0) return reject(new Error(`dev/n8n/ensure.mjs ${flavor} failed (exit ${code})`));
				try {
					resolvePromise(JSON.parse(out) as Runtime);
				} catch {
					reject(new Error(`ensure.mjs printed no JSON: ${out}`));
				}
			});
		});
		runtimes.set(flavor, p);
		p.catch(() => runtimes.delete(flavor));
	}
	return p;
}

function listFiles(dir: string, out: string[] = []): string[] {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) listFiles(full, out);
		else out.push(full);
	}
	return out;
}

let packed: Promise<string> | undefined;

/**
 * `npm pack` of the repository, once per build: the tarball is cached under os.tmpdir() by a hash of
 * dist/ and package.json, so every test file (jest worker), the queue cluster and later runs reuse it.
 */
export function packPackage(): Promise<string> {
	packed ??= (async () => {
		const dist = join(REPO_ROOT, 'dist');
		if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
		const hash = createHash('sha256');
		const files = [join(REPO_ROOT, 'package.json'), ...listFiles(dist).sort()];
		for (const f of files) {
			hash.update(relative(REPO_ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
		}
		const key = hash.digest('hex').slice(0, 16);
		const dir = join(tmpdir(), 'n8n-nodes-reporting-e2e', `pack-${key}`);
		const existing = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.tgz')) : undefined;
		if (existing) {
			const now = new Date();
			utimesSync(dir, now, now); // in use: keep it from being pruned
			return join(dir, existing);
		}
		const staging = `${dir}.${process.pid}.${randomBytes(3).toString('hex')}`;
		mkdirSync(staging, { recursive: true });
		await run('npm', ['pack', '--pack-destination', staging, '--ignore-scripts', '--silent'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
		const tgz = readdirSync(staging).find((f) => f.endsWith('.tgz'));
		if (!tgz) throw new Error(`npm pack wrote no tarball into ${staging}`);
		try {
			renameSync(staging, dir);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another worker won the race
		}
		// tarballs of earlier builds: drop those not touched for an hour
		for (const old of readdirSync(dirname(dir))) {
			const full = join(dirname(dir), old);
			if (!old.startsWith('pack-') || full === dir) continue;
			try {
				if (Date.now() - statSync(full).mtimeMs > 3_600_000) rmSync(full, { recursive: true, force: true });
			} catch {
				// removed concurrently
			}
		}
		return join(dir, tgz);
	})();
	packed.catch(() => (packed = undefined));
	return packed;
}

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes`, the community-packages folder n8n
 * loads from (node types are then `n8n-nodes-reporting.<name>`, exactly as for a user). Every n8n
 * process of a deployment needs its own (queue mode: main, webhook and worker processes).
 */
export async function installPackage(tgz: string, userFolder: string): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	await run(
		'npm',
		['install', tgz, '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--legacy-peer-deps', '--package-lock=false', '--loglevel=error'],
		{ cwd: nodesDir, timeoutMs: 180_000 },
	);
}

/* ------------------------------------------------------------------------------------------------ */
/* The migrated-database template                                                                   */
/* ------------------------------------------------------------------------------------------------ */

/** Bump when what the template holds changes. */
const TEMPLATE_VERSION = 1;

export interface TemplateMeta {
	version: number;
	apiKey: string;
	owner: Owner;
}

function cacheRoot(): string {
	return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-reporting');
}

function templateDir(runtime: Runtime): string {
	return join(cacheRoot(), `n8n-template-${basename(runtime.dir)}-v${TEMPLATE_VERSION}`);
}

/** The template of this runtime's database, if one was written. */
export function readTemplate(runtime: Runtime): TemplateMeta | null {
	try {
		const meta = JSON.parse(readFileSync(join(templateDir(runtime), 'template.json'), 'utf8')) as TemplateMeta;
		if (meta.version !== TEMPLATE_VERSION || !existsSync(join(templateDir(runtime), 'database.sqlite'))) return null;
		return meta;
	} catch {
		return null;
	}
}

/** Copies the template's database and n8n config into a fresh `<userFolder>/.n8n`. */
export function copyTemplate(runtime: Runtime, n8nFolder: string): void {
	copyFileSync(join(templateDir(runtime), 'database.sqlite'), join(n8nFolder, 'database.sqlite'));
	copyFileSync(join(templateDir(runtime), 'config'), join(n8nFolder, 'config'));
}

/**
 * Snapshots the live, freshly set-up database (db-template.js: `VACUUM INTO` with the runtime's own
 * sqlite3 module), plus n8n's config file, as the template for later starts. A failure only costs
 * the next start its migrations, so it is reported, not thrown.
 */
export async function writeTemplate(runtime: Runtime, userFolder: string, meta: Omit<TemplateMeta, 'version'>): Promise<void> {
	const target = templateDir(runtime);
	if (existsSync(join(target, 'template.json'))) return;
	const staging = `${target}.${process.pid}.${randomBytes(3).toString('hex')}`;
	mkdirSync(staging, { recursive: true });
	try {
		await run(
			runtime.nodeBin,
			[
				join(__dirname, 'db-template.js'),
				join(runtime.dir, 'node_modules', 'sqlite3'),
				join(userFolder, '.n8n', 'database.sqlite'),
				join(staging, 'database.sqlite'),
			],
			{ cwd: runtime.dir, timeoutMs: 60_000 },
		);
		copyFileSync(join(userFolder, '.n8n', 'config'), join(staging, 'config'));
		writeFileSync(join(staging, 'template.json'), JSON.stringify({ version: TEMPLATE_VERSION, ...meta }, null, 2));
		try {
			renameSync(staging, target);
		} catch {
			rmSync(staging, { recursive: true, force: true }); // another worker wrote it first
		}
	} catch (err) {
		rmSync(staging, { recursive: true, force: true });
		process.stderr.write(`[n8n] could not write the database template (next start will migrate again): ${(err as Error).message}\n`);
	}
}
