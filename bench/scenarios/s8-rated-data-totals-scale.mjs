/**
 * Scenario 8. CloudBlue Report Download in Totals mode at 1x and 10x the rows of a CSV rated data
 * report: time linear, memory flat.
 *
 * Totals mode is written against these names (change them here if the node's differ):
 * - the `output` parameter's value `totals`;
 * - `totalsGroupBy` (the columns to group by) and `totalsColumns` (the numeric columns to sum),
 *   found wherever the node's description has them (top level or inside a collection such as
 *   Options); a string parameter gets the columns comma-separated, a multiOptions one an array
 *   (`parameterValue` below);
 * - the answer: one item per group, holding the group's columns and a number for each summed
 *   column whose key contains the column's name (`checkTotals` below).
 * When the built node has no such option the scenario does not run and says so in a MISS row.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { again, measure, publish, simulators, state, warmUp } from '../lib/n8n.mjs';
import { log, MB, opts, SIZES } from '../lib/options.mjs';
import { ROOT } from '../lib/paths.mjs';
import { results, summarise, target } from '../lib/results.mjs';
import { scaleTargets } from '../lib/scale.mjs';
import { CloudBlueSimulator } from '../lib/simulators.mjs';
import { mb } from '../lib/util.mjs';

const require = createRequire(import.meta.url);

export const TOTALS = { output: 'totals', groupBy: 'totalsGroupBy', columns: 'totalsColumns' };
const GROUP_BY = ['customerId', 'currency'];
const SUM = ['quantity', 'amount'];

/** Every property of a description with the collections it sits in (`path`: their names). */
function* propertiesOf(properties, path = []) {
	for (const p of properties ?? []) {
		yield { p, path };
		if (p.type === 'collection') yield* propertiesOf(p.options, [...path, p.name]);
	}
}

/** A list of columns as the parameter `p` takes it. */
function parameterValue(p, columns) {
	if (p.type === 'multiOptions') return columns;
	if (p.type === 'string') return columns.join(',');
	throw new Error(`${p.name} is a ${p.type} parameter; adapt parameterValue() in bench/scenarios/s8-rated-data-totals-scale.mjs`);
}

/**
 * The Report Download parameters for Totals mode from the built node's description (or the one
 * given), or why it cannot run (`missing`).
 */
export function totalsParameters(description) {
	if (!description) {
		try {
			const { CloudBlueCommerce } = require(join(ROOT, 'dist', 'nodes', 'CloudBlueCommerce', 'CloudBlueCommerce.node.js'));
			description = new CloudBlueCommerce().description;
		} catch (error) {
			return { missing: `the built CloudBlue node could not be loaded (${String(error.message ?? error).slice(0, 160)})` };
		}
	}
	const shownFor = (p, key, value) => !p.displayOptions?.show?.[key] || p.displayOptions.show[key].includes(value);
	const download = [...propertiesOf(description.properties)].filter(({ p }) => shownFor(p, 'resource', 'report') && shownFor(p, 'operation', 'download'));
	const output = download.find(({ p }) => p.name === 'output' && (p.options ?? []).some((o) => o.value === TOTALS.output));
	if (!output) return { missing: `Report Download has no Output "${TOTALS.output}"` };
	const parameters = { resource: 'report', operation: 'download', output: TOTALS.output, options: {} };
	for (const [name, columns] of [
		[TOTALS.groupBy, GROUP_BY],
		[TOTALS.columns, SUM],
	]) {
		const found = download.find(({ p }) => p.name === name);
		if (!found) return { missing: `Report Download has Output "${TOTALS.output}" but no ${name} parameter` };
		let into = parameters;
		for (const collection of found.path) into = into[collection] ??= {};
		try {
			into[name] = parameterValue(found.p, columns);
		} catch (error) {
			return { missing: error.message };
		}
	}
	return { parameters };
}

/** s4-ours.json turned into Totals mode, answering with every item (one a group). */
function toTotals(parameters) {
	return (wf) => {
		wf.name = 'bench s8: CloudBlue Report Download, Output Totals';
		wf.meta = { benchNote: 'Our node: the CSV summed per group as it streams in.' };
		wf.nodes[0].parameters.responseData = 'allEntries';
		const node = wf.nodes.find((n) => n.type.endsWith('.cloudBlueCommerce'));
		node.parameters = { ...parameters, reportId: node.parameters.reportId };
	};
}

/** Groups and sums of the rows, `factor` times over (a file of the rows repeated). */
export function expectedTotals(rows, factor) {
	const groups = new Map();
	for (const row of rows) {
		const key = GROUP_BY.map((c) => row[c]).join('\u0000');
		const g = groups.get(key) ?? Object.fromEntries(SUM.map((c) => [c, 0]));
		for (const c of SUM) g[c] += Number(row[c]) * factor;
		groups.set(key, g);
	}
	const sums = Object.fromEntries(SUM.map((c) => [c, [...groups.values()].reduce((s, g) => s + g[c], 0)]));
	return { groups: groups.size, sums };
}

/** 'ok', or what is wrong with the answer: groups counted, each summed column's total. */
export function checkTotals(body, expected) {
	const items = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : [];
	if (items.length !== expected.groups) return `${items.length} group item(s), expected ${expected.groups}`;
	for (const column of SUM) {
		const key = Object.keys(items[0] ?? {}).find((k) => k !== column && k.toLowerCase().includes(column.toLowerCase())) ?? column;
		const total = items.reduce((s, item) => s + Number(item?.[key]), 0);
		const want = expected.sums[column];
		if (!(Math.abs(total - want) <= 1e-6 * Math.abs(want) + 0.01 * expected.groups)) return `${key} adds up to ${total}, expected ${want}`;
	}
	return 'ok';
}

/**
 * Renders each report file once; a report with `tiles.get(id)` = k is its rows k times over under
 * one header (a file k times the size, without generating k times the rows).
 */
export class TilingCloudBlueSimulator extends CloudBlueSimulator {
	tiles = new Map();

	reportFile(id) {
		this.fileCache ??= new Map();
		if (!this.fileCache.has(id)) {
			const once = super.reportFile(id);
			const times = this.tiles.get(id) ?? 1;
			const bodyStart = once.indexOf('\r\n') + 2; // after the header line
			const body = once.subarray(bodyStart);
			this.fileCache.set(id, times === 1 ? once : Buffer.concat([once, ...Array.from({ length: times - 1 }, () => body)]));
		}
		return this.fileCache.get(id);
	}
}

export async function scenario8() {
	const [small, big] = SIZES.ratedDataScale;
	const factor = big / small;
	const title = `CloudBlue Report Download, Output Totals (by ${GROUP_BY.join(', ')}; sums of ${SUM.join(', ')}) at scale: ${small.toLocaleString('en')} and ${big.toLocaleString('en')} CSV rows`;
	const { parameters, missing } = totalsParameters();
	if (missing) {
		log(`scenario 8: Totals mode not available: ${missing}`);
		results.push({
			n: 8,
			title,
			variants: [],
			summaries: {},
			table: () => `| Scenario | Result |\n|---|---|\n| Totals at ${small.toLocaleString('en')} and ${big.toLocaleString('en')} rows | MISS: Totals mode not available (${missing}) |`,
			targets: [{ text: 'Totals: time grows linearly and memory stays flat from 1x to 10x', pass: false, detail: `MISS: Totals mode not available (${missing})` }],
			notes: [`Written against Output \`${TOTALS.output}\` with \`${TOTALS.groupBy}\` and \`${TOTALS.columns}\` (see the top of bench/scenarios/s8-rated-data-totals-scale.mjs).`],
		});
		return;
	}
	const sim = await new TilingCloudBlueSimulator({ rowsPerReport: small }).start();
	simulators.push(sim);
	const { accessToken: _hidden, ...data } = sim.tokenCredentials();
	const creds = await state.n8n.importCredentials([{ name: 'CloudBlue Commerce API (bench)', type: 'cloudBlueCommerceApi', data }]);
	const sizes = [];
	for (const [key, times] of [
		['x1', 1],
		['x10', factor],
	]) {
		const stored = sim.storeReport({ name: `Bench rated data ${key}`, format: 'csv', startDate: '2026-10-01T00:00:00Z', endDate: '2026-10-31T23:59:59Z' }, 'onetime', sim.now() - 3_600_000); // finished an hour ago, its link still valid
		const id = String(stored.report.id);
		sim.tiles.set(id, times);
		log(`scenario 8: rendering a ${(small * times).toLocaleString('en')}-row CSV rated data report`);
		const file = sim.reportFile(id); // rendered once, before anything is timed
		const expected = expectedTotals(sim.reportRows(id), times);
		const wf = await publish('s4-ours.json', { REPORT_ID: id, FILE_URL: sim.reportView(stored).downloadUrl }, creds, { edit: toTotals(parameters) });
		sizes.push({ key, rows: small * times, bytes: file.length, expected, wf });
	}
	const scenario = {
		n: 8,
		title,
		ref: 'x1',
		variants: sizes.map((s) => ({ key: s.key, label: `${s.key === 'x1' ? '1x' : `${factor}x`}: ${s.rows.toLocaleString('en')} rows (${(s.bytes / MB).toFixed(0)} MB CSV, ${s.expected.groups} groups)`, runs: [] })),
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	await warmUp(sizes[0].wf); // the 1x workflow once, unmeasured: n8n's first-execution cost is no part of the scaling
	for (let i = 0; i < opts.runs; i++) {
		for (const s of sizes) {
			if (!again(v[s.key])) continue;
			log(`scenario 8 run ${i + 1}/${opts.runs}: ${s.rows.toLocaleString('en')} rows`);
			const r = await measure(s.wf, sim);
			r.check = r.ok ? checkTotals(r.body, s.expected) : 'failed';
			if (r.check !== 'ok') {
				if (r.ok) r.error = `wrong totals: ${r.check}`;
				r.ok = false;
			}
			v[s.key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, CPU ${(r.cpuMs / 1000).toFixed(2)} s, peak growth ${mb(r.groupDelta)}, ${r.check}${r.error ? ` ${r.error}` : ''}`);
		}
	}
	for (const s of sizes) await state.n8n.unpublishWorkflow(s.wf.id).catch(() => undefined);
	scenario.summaries = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scaleTargets(scenario, 'x1', 'x10', factor, 'Totals');
	if (scenario.variants.every((x) => x.runs.every((r) => !r.ok))) {
		target(scenario, 'Totals answered correctly', false, scenario.variants.flatMap((x) => x.runs.map((r) => r.error)).find(Boolean) ?? 'no run');
	}
	scenario.notes.push(
		`The ${factor}x file is the 1x report's rows ${factor} times over under one header (line ids repeat; the sums are ${factor}x), so both sizes have the same groups. Every answer is checked: one item per group, and each summed column adds up to the rows' total.`,
	);
	results.push(scenario);
}
