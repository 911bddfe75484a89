#!/usr/bin/env node
/**
 * Benchmarks: our nodes against what a user wires from n8n's built-in nodes, and against the floor
 * (the least work the job needs), in ONE real n8n 2.41.1 (dev/n8n/start.ts: the packed package
 * installed like a user's, pinned runtime from dev/n8n/ensure.mjs) against the provider simulators
 * (dev/simulators/*).
 *
 *   npm run bench                       all scenarios, 3 runs of each variant, full sizes (11-18 min
 *                                       on a 2-core machine, mostly the 50 s runs of scenario 2)
 *   npm run bench -- --quick            1 run each, smaller data (~5 min after n8n is up)
 *   npm run bench -- --only 1,5         some scenarios (1 playlogs, 2 players, 3 customers,
 *                                       4 rated data, 5 the Get Playlogs micro benchmark,
 *                                       6 the CloudBlue CSV reader micro benchmark,
 *                                       7 Get Playlogs Summary at 1x and 10x the lines,
 *                                       8 CloudBlue Report Download Totals at 1x and 10x the rows)
 *   npm run bench -- --runs 5           runs per variant
 *   npm run bench -- --no-build         do not rebuild dist/ even when sources are newer
 *   npm run bench -- --no-write         print the table only (keep bench/RESULTS.md)
 *   npm run bench -- --skip builtin     leave out variants by key (summary, items, builtin, floor, ours, oursSeq, trip, x1, x10)
 *   npm run bench -- --cpu-prof <dir>   CPU profile of n8n's main process during every measured run
 *                                       (<dir>/<workflow>-<n>.cpuprofile, hot spots printed)
 *
 * How a run is measured (see bench/RESULTS.md "Method" for the reasoning):
 * - every workflow (bench/workflows/*.json) starts with a Webhook (respond when the last node
 *   finishes) and is published once; a run is one POST to its production URL, timed from the
 *   request to the end of the response. Executions keep no data on success
 *   (saveDataSuccessExecution none), so writing a million items to SQLite is not measured, for
 *   ours or for the built-in chain.
 * - variants of a scenario alternate run by run (ours, built-in, ours, ...) in the same n8n.
 * - memory: the n8n process group (main + task runner) from /proc; peaks are reset before each run
 *   (clear_refs) and n8n is first given a few seconds to hand memory back from the previous run.
 * - requests and 429s come from the simulator's request log, cleared before each run.
 * Medians of the runs are quoted; PASS/MISS per target.
 *
 * This file is the order of things; lib/ holds the options, the build check, the n8n under test
 * and one measured run (n8n.mjs), the results and their Markdown; scenarios/ one file a scenario.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRuntime } from '../dev/n8n/ensure.mjs';
import { ensureBuilt } from './lib/build.mjs';
import { cleanup, simulators, startBenchN8n, state } from './lib/n8n.mjs';
import { log, opts, SCENARIOS, SIZES } from './lib/options.mjs';
import { BENCH } from './lib/paths.mjs';
import { machine, render, results } from './lib/results.mjs';
import { scenario1 } from './scenarios/s1-playlogs.mjs';
import { scenario2 } from './scenarios/s2-players.mjs';
import { scenario3 } from './scenarios/s3-customers.mjs';
import { scenario4 } from './scenarios/s4-rated-data.mjs';
import { scenario5 } from './scenarios/s5-getplaylogs-micro.mjs';
import { scenario6 } from './scenarios/s6-cloudblue-rows-micro.mjs';
import { scenario7 } from './scenarios/s7-playlogs-scale.mjs';
import { scenario8 } from './scenarios/s8-rated-data-totals-scale.mjs';

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		log(`${signal}: stopping n8n and the simulators`);
		void cleanup().finally(() => process.exit(130));
	});
}

async function main() {
	const started = Date.now();
	ensureBuilt();
	const runtime = await ensureRuntime();
	state.runtime = runtime;
	if ([1, 2, 3, 4, 7, 8].some((n) => opts.only.has(n))) await startBenchN8n();
	const scenarios = { 1: scenario1, 2: scenario2, 3: scenario3, 4: scenario4, 5: scenario5, 6: scenario6, 7: scenario7, 8: scenario8 };
	for (const n of SCENARIOS) {
		if (!opts.only.has(n)) continue;
		try {
			await scenarios[n](runtime);
		} catch (error) {
			log(`scenario ${n} could not run: ${error.stack ?? error}`);
			results.push({ n, title: `Scenario ${n} could not run: ${String(error.message ?? error).slice(0, 300)}`, variants: [], summaries: {}, targets: [{ text: 'scenario ran', pass: false, detail: String(error.message ?? error).slice(0, 200) }], notes: [] });
		}
		for (const sim of simulators.splice(0)) await sim.stop().catch(() => undefined);
	}
	results.sort((a, b) => a.n - b.n);
	const text = render(runtime, Date.now() - started);
	await cleanup();
	process.stdout.write(`${text}\n`);
	if (opts.write) {
		writeFileSync(join(BENCH, 'RESULTS.md'), text);
		log('wrote bench/RESULTS.md');
	}
	// Every run's numbers, for a closer look (bench/results/ is not committed).
	mkdirSync(join(BENCH, 'results'), { recursive: true });
	const raw = join(BENCH, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	const strip = (r) => {
		const { body: _body, processes: _processes, ...rest } = r;
		return rest;
	};
	writeFileSync(
		raw,
		JSON.stringify(
			{ options: { ...opts, only: [...opts.only], skip: [...opts.skip] }, sizes: SIZES, machine: machine(runtime), results: results.map((s) => ({ ...s, variants: s.variants.map((v) => ({ ...v, runs: v.runs.map(strip) })) })) },
			null,
			1,
		),
	);
	log(`raw numbers in ${raw}`);
	log(`done in ${((Date.now() - started) / 60000).toFixed(1)} min`);
}

main().catch(async (error) => {
	log(`failed: ${error.stack ?? error}`);
	await cleanup();
	process.exit(1);
});
