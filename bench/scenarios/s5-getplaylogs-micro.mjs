/** Scenario 5. Get Playlogs' own work, no n8n: summarisePlaylogs over the file, against the floor script. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { tempDirs } from '../lib/n8n.mjs';
import { log, MB, opts, SIZES } from '../lib/options.mjs';
import { BENCH } from '../lib/paths.mjs';
import { results, summarise, target } from '../lib/results.mjs';
import { FourYouSeeSimulator } from '../lib/simulators.mjs';
import { fmtS, mb, ratioText, runNode } from '../lib/util.mjs';

export async function scenario5(runtime) {
	const lines = SIZES.playlogLines;
	const sim = new FourYouSeeSimulator({ playlogLines: lines, reportDelayMs: 0 });
	const report = sim.createReport({ filter: { startDate: '2026-10-01', endDate: '2026-10-30' } });
	await sim.whenFinished(report.id);
	const dir = mkdtempSync(join(os.tmpdir(), 'n8n-bench-'));
	tempDirs.push(dir);
	const gz = join(dir, 'playlogs.ndjson.gz');
	writeFileSync(gz, await sim.playlogFile(report.id));
	await sim.stop();
	const scenario = {
		n: 5,
		title: `Get Playlogs' own work (micro): summary of the ${lines.toLocaleString('en')}-line file, streamed from disk, no n8n`,
		variants: [
			{ key: 'summary', label: 'ours: summarisePlaylogs (dist/nodes/FourYouSee/playlogs.js), 64 KiB chunks', runs: [] },
			{ key: 'floor', label: 'floor: gunzipSync + split + JSON.parse + Map count (file read at once)', runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	for (let i = 0; i < opts.runs; i++) {
		const m = await runNode(runtime.nodeBin, [join(BENCH, 'micro', 'getplaylogs.mjs'), gz, 'summary']);
		v.summary.runs.push({ ok: m.plays === lines, ms: m.ms, cpuMs: m.cpuMs, mainPeak: m.peakRssBytes, mainDelta: m.deltaBytes, groupPeak: m.peakRssBytes, groupDelta: m.deltaBytes, requests: 0, r429: 0, detail: m });
		const f = await runNode(runtime.nodeBin, [join(BENCH, 'floor', 'playlog-floor.mjs'), gz]);
		v.floor.runs.push({ ok: f.plays === lines, ms: f.totalMs, cpuMs: f.cpuMs, mainPeak: f.peakRssBytes, groupPeak: f.peakRssBytes, requests: 0, r429: 0, detail: f });
		log(`scenario 5 run ${i + 1}/${opts.runs}: ours ${(m.ms / 1000).toFixed(2)} s, peak ${mb(m.peakRssBytes)} (+${mb(m.deltaBytes)}); floor ${(f.totalMs / 1000).toFixed(2)} s, peak ${mb(f.peakRssBytes)}`);
	}
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	target(
		scenario,
		'Summary\'s own work at most 0.7x of the gunzip + split + JSON.parse floor (time)',
		S.summary.ms !== undefined && S.floor.ms !== undefined && S.summary.ms <= 0.7 * S.floor.ms,
		`wall ${ratioText(S.summary.ms, S.floor.ms)} (CPU ${ratioText(S.summary.cpuMs, S.floor.cpuMs)}); ${fmtS(S.summary.ms)} vs ${fmtS(S.floor.ms)}`,
	);
	target(scenario, 'Node\'s own work under 150 MB (whole process peak RSS)', S.summary.mainPeak !== undefined && S.summary.mainPeak < 150 * MB, `${mb(S.summary.mainPeak)} peak, ${mb(S.summary.mainDelta)} above the process after loading the module`);
	scenario.notes.push('Each run is a fresh Node process (the one n8n runs on), so the peak is that process\'s VmHWM: Node itself plus the work.');
	results.push(scenario);
}
