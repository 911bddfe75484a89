/** Scenario 6. CloudBlue's CSV reader on its own, no n8n. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { tempDirs } from '../lib/n8n.mjs';
import { log, MB, opts, SIZES } from '../lib/options.mjs';
import { BENCH } from '../lib/paths.mjs';
import { results, summarise } from '../lib/results.mjs';
import { CloudBlueSimulator } from '../lib/simulators.mjs';
import { mb, runNode } from '../lib/util.mjs';

export async function scenario6(runtime) {
	const rows = Math.round(SIZES.ratedDataBytes / 171);
	const sim = new CloudBlueSimulator({ rowsPerReport: rows });
	const stored = sim.storeReport({ name: 'Bench rated data', format: 'csv', startDate: '2026-10-01T00:00:00Z', endDate: '2026-10-31T23:59:59Z' }, 'onetime', 0);
	const dir = mkdtempSync(join(os.tmpdir(), 'n8n-bench-'));
	tempDirs.push(dir);
	const csv = join(dir, 'rated-data.csv');
	const bytes = sim.reportFile(String(stored.report.id));
	writeFileSync(csv, bytes);
	const scenario = {
		n: 6,
		title: `CloudBlue Report Download's own work (micro): the ${(bytes.length / MB).toFixed(0)} MB CSV into ${rows.toLocaleString('en')} row objects, streamed from disk, no n8n`,
		variants: [{ key: 'ours', label: 'ours: readReportRows(stream, "csv") (dist/nodes/CloudBlueCommerce/rows.js), rows kept like the node keeps them', runs: [] }],
		targets: [],
		notes: ['Not a target of its own: it tells how much of scenario 4 is the node\'s CSV reader. Each run is a fresh Node process; peak is its VmHWM.'],
	};
	for (let i = 0; i < opts.runs; i++) {
		const m = await runNode(runtime.nodeBin, [join(BENCH, 'micro', 'cloudblue-rows.mjs'), csv]);
		scenario.variants[0].runs.push({ ok: m.rows === rows, ms: m.ms, cpuMs: m.cpuMs, mainPeak: m.peakRssBytes, mainDelta: m.deltaBytes, groupPeak: m.peakRssBytes, groupDelta: m.deltaBytes, requests: 0, r429: 0, detail: m });
		log(`scenario 6 run ${i + 1}/${opts.runs}: ${(m.ms / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), peak ${mb(m.peakRssBytes)} (+${mb(m.deltaBytes)})`);
	}
	scenario.summaries = { ours: summarise(scenario.variants[0].runs) };
	results.push(scenario);
}
