/** Scenario 4. A 100 MB CloudBlue rated data report split into items: Report Download against HTTP Request + Extract From File. */
import { again, measure, publish, simulators, state, warmUp } from '../lib/n8n.mjs';
import { log, MB, opts, SIZES } from '../lib/options.mjs';
import { results, summarise, target } from '../lib/results.mjs';
import { CloudBlueSimulator } from '../lib/simulators.mjs';
import { mb, ratioText } from '../lib/util.mjs';

/** The public API refuses values for a credential's hidden (expirable) fields. */
function withoutHidden(data) {
	const { accessToken: _hidden, ...rest } = data;
	return rest;
}

/** A report stored as created this long ago is completed (and its download link still valid). */
const HOUR_MS = 3_600_000;

export async function scenario4() {
	/** The simulator renders a report file on every download; a 100 MB one is rendered once here. */
	class CachingCloudBlueSimulator extends CloudBlueSimulator {
		reportFile(id) {
			this.fileCache ??= new Map();
			if (!this.fileCache.has(id)) this.fileCache.set(id, super.reportFile(id));
			return this.fileCache.get(id);
		}
	}
	const bytesPerRow = 171; // measured: a CSV row of the simulator's rated data is ~171 bytes
	const rows = Math.round(SIZES.ratedDataBytes / bytesPerRow);
	log(`scenario 4: rendering a ${rows.toLocaleString('en')}-row CSV rated data report`);
	const sim = await new CachingCloudBlueSimulator({ rowsPerReport: rows }).start();
	simulators.push(sim);
	const stored = sim.storeReport(
		{ name: 'Bench rated data', format: 'csv', startDate: '2026-10-01T00:00:00Z', endDate: '2026-10-31T23:59:59Z' },
		'onetime',
		sim.now() - HOUR_MS, // finished an hour ago; its SAS link is valid for 90 days from then
	);
	const id = String(stored.report.id);
	const file = sim.reportFile(id);
	const fileUrl = sim.reportView(stored).downloadUrl;
	const creds = await state.n8n.importCredentials([{ name: 'CloudBlue Commerce API (bench)', type: 'cloudBlueCommerceApi', data: withoutHidden(sim.tokenCredentials()) }]);
	const values = { REPORT_ID: id, FILE_URL: fileUrl };
	const wfOurs = await publish('s4-ours.json', values, creds);
	const wfBuiltin = await publish('s4-builtin.json', values, creds);
	const wfFloor = await publish('s4-floor.json', { ROWS: String(rows) }, creds);
	const scenario = {
		n: 4,
		title: `CloudBlue rated data report: ${(file.length / MB).toFixed(0)} MB CSV, ${rows.toLocaleString('en')} rows, one item per row`,
		variants: [
			{ key: 'ours', label: 'ours: Report Download, Output One Item per Row', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request (file) → Extract From File (CSV)', runs: [] },
			{ key: 'floor', label: 'floor in n8n: minimal node that only builds the same items (no download, no parsing)', runs: [] },
		],
		// The floor is a node in the same n8n: its memory is read like ours.
		floorInN8n: true,
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	log('scenario 4: warm-up of both workflows (unmeasured)');
	await warmUp(wfOurs, wfBuiltin, wfFloor);
	scenario.notes.push('Each workflow is called once, unmeasured, before the measured runs (warm-up).');
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf] of [
			['ours', wfOurs],
			['builtin', wfBuiltin],
			['floor', wfFloor],
		]) {
			if (!again(v[key])) continue;
			log(`scenario 4 run ${i + 1}/${opts.runs}: ${key}`);
			const r = await measure(wf, sim);
			r.check = r.body && typeof r.body === 'object' && Object.keys(r.body).some((k) => /lineId/.test(k)) ? 'ok' : `first item ${JSON.stringify(r.body).slice(0, 120)}`;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, group peak +${mb(r.groupDelta)}, ${r.check}${r.error ? `, ${r.error}` : ''}`);
		}
	}
	for (const wf of [wfOurs, wfBuiltin, wfFloor]) await state.n8n.unpublishWorkflow(wf.id).catch(() => undefined);
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	const builtinFailed = S.builtin.ok === 0;
	const oursFailed = S.ours.ok === 0;
	target(
		scenario,
		'Ours no slower than the built-in chain',
		!oursFailed && (builtinFailed || S.ours.ms <= S.builtin.ms),
		oursFailed
			? `ours failed: ${S.ours.errors[0]}`
			: builtinFailed
				? `built-in failed: ${S.builtin.errors[0]}`
				: `ours / built-in = wall ${ratioText(S.ours.ms, S.builtin.ms)} (CPU ${ratioText(S.ours.cpuMs, S.builtin.cpuMs)})`,
	);
	target(
		scenario,
		'Ours at most 0.5x the built-in chain\'s peak memory (peak growth of n8n\'s process group)',
		!oursFailed && (builtinFailed || S.ours.groupDelta <= S.builtin.groupDelta / 2),
		oursFailed
			? `ours failed after growing ≥ ${mb(S.ours.failedGrowth)} (built-in ${mb(S.builtin.groupDelta)})`
			: builtinFailed
				? 'built-in failed'
				: `ours ${mb(S.ours.groupDelta)} vs built-in ${mb(S.builtin.groupDelta)} (${ratioText(S.ours.groupDelta, S.builtin.groupDelta)})`,
	);
	if (!oursFailed && S.floor.ok > 0) {
		scenario.notes.push(
			`The floor row is what holding these ${rows.toLocaleString('en')} items costs n8n, whoever makes them: a bench-only node (\`bench/floor/n8n-custom/RatedRowsFloor.node.js\`, loaded as \`CUSTOM.ratedRowsFloor\`) that builds one \`{ json, pairedItem }\` per row with the report's 14 columns, a new line ID and amount string on every row, a new description on every seventh and the other columns shared, and downloads and parses nothing. Its peak growth is ${mb(S.floor.groupDelta)} (${ratioText(S.floor.groupDelta, S.builtin.groupDelta)} of the built-in chain's); ours is ${ratioText(S.ours.groupDelta, S.floor.groupDelta)} of the floor.`,
		);
	}
	results.push(scenario);
}
