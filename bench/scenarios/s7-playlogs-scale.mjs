/** Scenario 7. Get Playlogs' Summary at 1x and 10x the playlog lines: time linear, memory flat. */
import { again, measure, publish, simulators, state, warmUp } from '../lib/n8n.mjs';
import { log, MB, opts, SIZES } from '../lib/options.mjs';
import { results, summarise } from '../lib/results.mjs';
import { scaleTargets } from '../lib/scale.mjs';
import { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator } from '../lib/simulators.mjs';
import { mb } from '../lib/util.mjs';

export async function scenario7() {
	const [small, big] = SIZES.playlogScale;
	const factor = big / small;
	const sim = await new FourYouSeeSimulator({ reportDelayMs: 0 }).start();
	simulators.push(sim);
	const creds = await state.n8n.importCredentials([
		{ name: '4YouSee Manager API (bench)', type: 'fourYouSeeApi', data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl } },
	]);
	const sizes = [];
	for (const [key, lines] of [
		['x1', small],
		['x10', big],
	]) {
		log(`scenario 7: building a ${lines.toLocaleString('en')}-line playlog report`);
		sim.playlogLines = lines; // the size of the next report's file
		const report = sim.createReport({ filter: { startDate: '2026-10-01', endDate: '2026-10-30' } });
		if (typeof report === 'string') throw new Error(report);
		await sim.whenFinished(report.id);
		const file = await sim.playlogFile(report.id); // built once, before anything is timed
		const wf = await publish('s1-ours-summary.json', { REPORT_ID: report.id, FILE_URL: sim.reportJson(report).url }, creds);
		sizes.push({ key, lines, file, wf });
	}
	const scenario = {
		n: 7,
		title: `Get Playlogs, Output Summary (media, player) at scale: ${small.toLocaleString('en')} and ${big.toLocaleString('en')} lines`,
		ref: 'x1',
		variants: sizes.map((s) => ({
			key: s.key,
			label: `${s.key === 'x1' ? '1x' : `${factor}x`}: ${s.lines.toLocaleString('en')} lines (${(s.file.length / MB).toFixed(1)} MB gzip)`,
			runs: [],
		})),
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	await warmUp(sizes[0].wf); // the 1x workflow once, unmeasured: n8n's first-execution cost is no part of the scaling
	for (let i = 0; i < opts.runs; i++) {
		for (const s of sizes) {
			if (!again(v[s.key])) continue;
			log(`scenario 7 run ${i + 1}/${opts.runs}: ${s.lines.toLocaleString('en')} lines`);
			const r = await measure(s.wf, sim);
			const plays = Array.isArray(r.body) ? r.body.reduce((n, row) => n + Number(row?.plays ?? 0), 0) : undefined;
			r.check = plays === s.lines ? 'ok' : `plays ${plays}`;
			if (r.check !== 'ok') r.ok = false;
			v[s.key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, CPU ${(r.cpuMs / 1000).toFixed(2)} s, peak growth ${mb(r.groupDelta)}, ${r.check}${r.error ? ` ${r.error}` : ''}`);
		}
	}
	for (const s of sizes) await state.n8n.unpublishWorkflow(s.wf.id).catch(() => undefined);
	scenario.summaries = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scaleTargets(scenario, 'x1', 'x10', factor, 'Summary');
	scenario.notes.push(
		'The same workflow as scenario 1 (Summary by media and player), one report a size; every answer checked: the plays add up to the lines. Ratios are against the 1x row. The 1x time includes n8n\'s fixed cost of an execution, so 10x the data may take a little less than 10x the time.',
	);
	results.push(scenario);
}
