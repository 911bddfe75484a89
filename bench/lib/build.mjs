/** Rebuilds dist/ when nodes/ or credentials/ are newer (unless --no-build). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { log, opts } from './options.mjs';
import { ROOT } from './paths.mjs';

function newestMtime(dir, filter = () => true) {
	let newest = 0;
	if (!existsSync(dir)) return 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, filter));
		else if (filter(full)) newest = Math.max(newest, statSync(full).mtimeMs);
	}
	return newest;
}

export function ensureBuilt() {
	const sources = Math.max(
		newestMtime(join(ROOT, 'nodes')),
		newestMtime(join(ROOT, 'credentials')),
		statSync(join(ROOT, 'package.json')).mtimeMs,
	);
	const built = newestMtime(join(ROOT, 'dist'));
	if (built >= sources && existsSync(join(ROOT, 'dist', 'nodes', 'FourYouSee', 'playlogs.js'))) return;
	if (!opts.build) {
		log('dist/ is older than the sources; --no-build given, benchmarking the old build');
		return;
	}
	log('building (npm run build): dist/ is older than nodes/ or credentials/');
	const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
	if (r.status !== 0) throw new Error('npm run build failed');
}
