/** The bench's command line (see the top of run.mjs), the data sizes it picks, and its log. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { BENCH } from './paths.mjs';

/** Every scenario, in the order they run. */
export const SCENARIOS = [1, 2, 3, 4, 5, 6, 7, 8];

function parseArgs(argv) {
	const o = { quick: false, runs: undefined, only: undefined, build: true, write: true };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--quick') o.quick = true;
		else if (a === '--runs') o.runs = Number(argv[++i]);
		else if (a.startsWith('--runs=')) o.runs = Number(a.slice(7));
		else if (a === '--only') o.only = argv[++i];
		else if (a.startsWith('--only=')) o.only = a.slice(7);
		else if (a === '--no-build') o.build = false;
		else if (a === '--no-write') o.write = false;
		else if (a === '--cpu-prof') o.cpuProf = argv[++i];
		else if (a === '--skip') o.skip = new Set(argv[++i].split(',').map((x) => x.trim()));
		else if (a === '--help' || a === '-h') {
			const lines = readFileSync(join(BENCH, 'run.mjs'), 'utf8').split('\n');
			console.log(lines.slice(1, lines.findIndex((l) => l.includes('How a run is measured'))).join('\n'));
			process.exit(0);
		} else throw new Error(`unknown option ${a} (see --help)`);
	}
	o.runs ??= o.quick ? 1 : 3;
	o.skip ??= new Set();
	o.only = o.only ? new Set(String(o.only).split(',').map((s) => Number(s.trim()))) : new Set(SCENARIOS);
	return o;
}

export const opts = parseArgs(process.argv.slice(2));
/** Data sizes; `playlogScale` and `ratedDataScale` are the 1x and 10x sizes of scenarios 7 and 8. */
export const SIZES = opts.quick
	? { playlogLines: 100_000, players: 1_000, customers: 10_000, ratedDataBytes: 10e6, playlogScale: [100_000, 1_000_000], ratedDataScale: [50_000, 500_000] }
	: { playlogLines: 1_000_000, players: 5_000, customers: 10_000, ratedDataBytes: 100e6, playlogScale: [1_000_000, 10_000_000], ratedDataScale: [500_000, 5_000_000] };
export const MB = 1024 * 1024;
const benchStarted = Date.now();
export const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' / ');

export function log(line) {
	process.stderr.write(`[bench ${((Date.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}
