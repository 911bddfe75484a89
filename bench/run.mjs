#!/usr/bin/env node
/**
 * Benchmarks: our nodes against what a user wires from n8n's built-in nodes, and against the floor
 * (the least work the job needs), in ONE real n8n 2.41.1 started by the e2e harness
 * (test/e2e/harness/n8n.ts: the packed package installed like a user's, pinned runtime from
 * e2e/runtime/ensure.mjs) against the provider simulators (test/simulators/*).
 *
 *   npm run bench                       all scenarios, 3 runs of each variant, full sizes (11-18 min
 *                                       on a 2-core machine, mostly the 50 s runs of scenario 2)
 *   npm run bench -- --quick            1 run each, smaller data (~3 min after n8n is up)
 *   npm run bench -- --only 1,5         some scenarios (1 playlogs, 2 players, 3 customers,
 *                                       4 rated data, 5 the Get Playlogs micro benchmark,
 *                                       6 the CloudBlue CSV reader micro benchmark)
 *   npm run bench -- --runs 5           runs per variant
 *   npm run bench -- --no-build         do not rebuild dist/ even when sources are newer
 *   npm run bench -- --no-write         print the table only (keep bench/RESULTS.md)
 *   npm run bench -- --skip builtin     leave out variants by key (summary, items, builtin, floor, ours)
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
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { memOf, n8nMainPid, settle, watchGroup } from './lib/proc.mjs';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
require('./lib/ts-register.cjs');

/* ---------------------------------------------------------------------------------------------- */
/* Options                                                                                         */
/* ---------------------------------------------------------------------------------------------- */

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
			const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
			console.log(lines.slice(1, lines.findIndex((l) => l.includes('How a run is measured'))).join('\n'));
			process.exit(0);
		} else throw new Error(`unknown option ${a} (see --help)`);
	}
	o.runs ??= o.quick ? 1 : 3;
	o.skip ??= new Set();
	o.only = o.only ? new Set(String(o.only).split(',').map((s) => Number(s.trim()))) : new Set([1, 2, 3, 4, 5, 6]);
	return o;
}

const opts = parseArgs(process.argv.slice(2));
const SIZES = opts.quick
	? { playlogLines: 100_000, players: 1_000, customers: 10_000, ratedDataBytes: 10e6 }
	: { playlogLines: 1_000_000, players: 5_000, customers: 10_000, ratedDataBytes: 100e6 };
const MB = 1024 * 1024;
const benchStarted = Date.now();
const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' / ');

function log(line) {
	process.stderr.write(`[bench ${((Date.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

/* ---------------------------------------------------------------------------------------------- */
/* Build                                                                                           */
/* ---------------------------------------------------------------------------------------------- */

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

function ensureBuilt() {
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

/* ---------------------------------------------------------------------------------------------- */
/* Helpers                                                                                         */
/* ---------------------------------------------------------------------------------------------- */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
	const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (s.length === 0) return undefined;
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** POST to a webhook; resolves with status, parsed body and milliseconds (no client timeout below 15 min). */
function post(url, timeoutMs = 15 * 60_000) {
	return new Promise((resolve) => {
		const t0 = performance.now();
		const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2' }, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const ms = performance.now() - t0;
				const text = Buffer.concat(chunks).toString('utf8');
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode, ms, text, json });
			});
			res.on('error', (error) => resolve({ status: 0, ms: performance.now() - t0, text: String(error), json: undefined }));
		});
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ status: 0, ms: performance.now() - t0, text: String(error.message ?? error), json: undefined }));
		req.end('{}');
	});
}

/** Runs a Node script with the same Node as n8n; resolves with its last stdout line as JSON. */
function runNode(nodeBin, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
			try {
				resolve(JSON.parse(out.trim().split('\n').pop()));
			} catch {
				reject(new Error(`no JSON from ${args.join(' ')}: ${out.slice(-500)} ${err.slice(-500)}`));
			}
		});
	});
}

function loadWorkflow(file, values) {
	let text = readFileSync(join(HERE, 'workflows', file), 'utf8');
	for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(String(value));
	return JSON.parse(text);
}

/* ---------------------------------------------------------------------------------------------- */
/* The n8n under test                                                                              */
/* ---------------------------------------------------------------------------------------------- */

let n8n;
let mainPid;
let runtimeInfo;
const simulators = [];
const tempDirs = [];

async function cleanup() {
	for (const sim of simulators.splice(0)) await sim.stop().catch(() => undefined);
	if (n8n) {
		const instance = n8n;
		n8n = undefined;
		await instance.stop().catch(() => undefined);
	}
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		log(`${signal}: stopping n8n and the simulators`);
		void cleanup().finally(() => process.exit(130));
	});
}

/**
 * Imports and publishes a workflow with a fresh webhook path; returns its URL. `credentials` are
 * this scenario's stored credentials: each node's credential of that type points at them (by id,
 * so a later scenario's credential of the same type and name is never mixed up with this one).
 */
async function publish(file, values, credentials = []) {
	const path = `bench-${file.replace(/\.json$/, '')}-${randomUUID().slice(0, 8)}`;
	const wf = loadWorkflow(file, { ...values, PATH: path, WEBHOOK_ID: randomUUID() });
	for (const node of wf.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const ref = credentials.find((c) => c.type === type && c.name === node.credentials[type].name) ?? credentials.find((c) => c.type === type);
			if (!ref) throw new Error(`${file}: no ${type} credential imported for node ${node.name}`);
			node.credentials[type] = { id: ref.id, name: ref.name };
		}
	}
	const ref = await n8n.importWorkflow(wf);
	await n8n.publishWorkflow(ref.id);
	return { id: ref.id, url: n8n.webhookUrl(path), file };
}

/**
 * One measured run of a published workflow. `sim` is the simulator whose request log counts;
 * `settleFirst` waits for n8n's memory to come back down from the previous run.
 */
async function measure(workflow, sim, { settleFirst = true, timeoutMs = RUN_TIMEOUT_MS } = {}) {
	if (settleFirst) await collectGarbage();
	else await sleep(300);
	sim?.clearLog();
	const profiler = opts.cpuProf ? await startProfiler(workflow) : undefined;
	const watch = watchGroup(n8n.pid, mainPid);
	const res = await post(workflow.url, timeoutMs);
	const mem = watch.stop();
	if (profiler) await profiler.stop();
	if (res.status === 0) await stopRunning(workflow);
	const requests = sim ? sim.requests.length : 0;
	const r429 = sim ? sim.count({ status: 429 }) : 0;
	const ok = res.status === 200;
	let error = ok ? undefined : `HTTP ${res.status}: ${(res.json?.message ?? res.text ?? '').toString().slice(0, 300)}`;
	const timedOut = res.status === 0 && /no answer in/.test(res.text);
	if (timedOut) error = `did not finish within ${Math.round(timeoutMs / 60000)} min (stopped)`;
	else if (!ok) {
		// The error execution is kept: say which node failed and why.
		const [last] = await n8n.getExecutions(workflow.id).catch(() => []);
		const failed = last && Object.entries(last.nodeErrors ?? {})[0];
		if (failed) error = `${failed[0]}: ${String(failed[1].message).slice(0, 300)}`;
		else if (last?.error) error = `${last.error.node ?? 'n8n'}: ${String(last.error.message).slice(0, 300)}`;
	}
	return {
		ok,
		error,
		timedOut,
		ms: res.ms,
		mainPeak: mem.mainPeak,
		mainDelta: mem.mainPeak - mem.mainStart,
		groupPeak: mem.groupPeak,
		groupDelta: mem.growth,
		cpuMs: mem.cpuMs,
		processes: mem.perProcess,
		requests,
		r429,
		body: res.json,
	};
}

let profileCount = 0;

/** bench/lib/cpuprofile.mjs attached to n8n's main process until `stop()`; prints the hot spots. */
async function startProfiler(workflow) {
	mkdirSync(opts.cpuProf, { recursive: true });
	const out = join(opts.cpuProf, `${workflow.file.replace(/\.json$/, '')}-${++profileCount}.cpuprofile`);
	const child = spawn(runtimeInfo.nodeBin, [join(HERE, 'lib', 'cpuprofile.mjs'), String(mainPid), '0', out], { stdio: ['ignore', 'pipe', 'inherit'] });
	let text = '';
	await new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			text += d;
			if (text.includes('started')) resolve();
		});
		child.on('error', reject);
		child.on('close', () => resolve());
	});
	return {
		async stop() {
			const closed = new Promise((r) => child.on('close', r));
			child.kill('SIGTERM');
			await closed;
			log(`CPU profile ${out}; self time:\n${text.replace('started\n', '').split('\n').slice(0, 15).join('\n')}`);
		},
	};
}

/** A run that has not answered after this long is stopped and counted as failed. */
const RUN_TIMEOUT_MS = 15 * 60_000;
/** A variant whose run took longer than this runs only once (the bench must stay under ~25 min). */
const SLOW_RUN_MS = 90_000;

/** Stops the workflow's running executions (after a client timeout), so they do not load later runs. */
async function stopRunning(workflow) {
	try {
		const page = await n8n.api('GET', `/executions?workflowId=${encodeURIComponent(workflow.id)}&status=running&limit=20`);
		for (const e of page?.data ?? []) await n8n.rest('POST', `/executions/${e.id}/stop`).catch(() => undefined);
	} catch (error) {
		log(`could not stop the running execution of ${workflow.file}: ${error.message}`);
	}
}

/** Whether a variant should run again: not after a run slower than SLOW_RUN_MS or a timeout. */
function again(variant) {
	if (opts.skip.has(variant.key)) return false;
	const last = variant.runs[variant.runs.length - 1];
	if (!last) return true;
	if (last.timedOut || last.ms > SLOW_RUN_MS) {
		if (!variant.skipNoted) {
			variant.skipNoted = true;
			log(`  ${variant.key}: one run only (it took ${(last.ms / 1000).toFixed(0)} s)`);
		}
		return false;
	}
	return true;
}

let gcWorks = true;

/**
 * A full GC in n8n's main process (bench/lib/gc.mjs, through its inspector) and a moment for its
 * RSS to settle, so a run does not inherit the previous run's garbage. Falls back to waiting for
 * the RSS to stop falling when the inspector cannot be reached.
 */
async function collectGarbage() {
	if (gcWorks) {
		const r = await runNode(runtimeInfo.nodeBin, [join(HERE, 'lib', 'gc.mjs'), String(mainPid)]).catch((error) => ({ ok: false, error: error.message }));
		if (!r.ok) {
			gcWorks = false;
			log(`full GC through the inspector failed (${r.error}); waiting for n8n's memory to settle instead`);
		}
	}
	await settle(mainPid, { maxMs: gcWorks ? 3000 : 12_000, stepMs: 500 });
}

/* ---------------------------------------------------------------------------------------------- */
/* Results                                                                                         */
/* ---------------------------------------------------------------------------------------------- */

/** scenario -> { title, variants: [{ key, label, runs: [...], note, kind }], targets: [...], notes: [] } */
const results = [];

function summarise(runs) {
	const ok = runs.filter((r) => r.ok);
	return {
		runs: runs.length,
		ok: ok.length,
		ms: median(ok.map((r) => r.ms)),
		mainPeak: median(ok.map((r) => r.mainPeak)),
		mainDelta: median(ok.map((r) => r.mainDelta)),
		groupPeak: median(ok.map((r) => r.groupPeak)),
		groupDelta: median(ok.map((r) => r.groupDelta)),
		cpuMs: median(ok.map((r) => r.cpuMs)),
		requests: median(runs.map((r) => r.requests)),
		r429: runs.reduce((s, r) => s + (r.r429 ?? 0), 0),
		errors: runs.filter((r) => !r.ok).map((r) => r.error),
		/** What failed runs had grown to when they failed or were stopped: a lower bound. */
		failedGrowth: runs.filter((r) => !r.ok && r.groupDelta !== undefined).reduce((m, r) => Math.max(m, r.groupDelta), 0) || undefined,
	};
}

function target(scenario, text, pass, detail) {
	scenario.targets.push({ text, pass, detail });
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 1: a 1,000,000-line playlog report                                                     */
/* ---------------------------------------------------------------------------------------------- */

const { FourYouSeeSimulator, FOURYOUSEE_SIM_TOKEN } = require('../test/simulators/fouryousee/server.ts');

async function playlogReport(lines) {
	const sim = await new FourYouSeeSimulator({ playlogLines: lines, reportDelayMs: 0 }).start();
	simulators.push(sim);
	const report = sim.createReport({ filter: { startDate: '2026-10-01', endDate: '2026-10-30' } });
	if (typeof report === 'string') throw new Error(report);
	await sim.whenFinished(report.id);
	const file = await sim.playlogFile(report.id); // built once, before anything is timed
	return { sim, report, file, url: sim.reportJson(report).url };
}

function playsOf(body, field) {
	return Array.isArray(body) ? body.reduce((s, row) => s + Number(row?.[field] ?? 0), 0) : undefined;
}

async function scenario1(runtime) {
	const lines = SIZES.playlogLines;
	log(`scenario 1: building a ${lines.toLocaleString('en')}-line playlog report`);
	const { sim, report, file, url } = await playlogReport(lines);
	const groups = sim.countPlays(report.id, ['mediaId', 'playerId']).length;
	const creds = await n8n.importCredentials([
		{ name: '4YouSee Manager API (bench)', type: 'fourYouSeeApi', data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl } },
	]);
	const values = { REPORT_ID: report.id, FILE_URL: url };
	const wfSummary = await publish('s1-ours-summary.json', values, creds);
	const wfItems = await publish('s1-ours-items.json', values, creds);
	const wfBuiltin = await publish('s1-builtin.json', values, creds);
	const scenario = {
		n: 1,
		title: `4YouSee playlog report: ${lines.toLocaleString('en')} lines (${(file.length / MB).toFixed(1)} MB gzip), plays by media and player`,
		variants: [
			{ key: 'summary', label: 'ours: Get Playlogs, Output Summary (media, player)', runs: [] },
			{ key: 'items', label: 'ours: Get Playlogs, Output Playlogs (1 item per play)', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request → Compression → Extract From File (text) → Code (split lines) → Summarize', runs: [] },
			{ key: 'floor', label: 'floor: plain Node, gunzipSync + split + JSON.parse + Map count (in-process time)', runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	for (let i = 0; i < opts.runs; i++) {
		if (again(v.summary)) {
			log(`scenario 1 run ${i + 1}/${opts.runs}: ours (summary)`);
			const s = await measure(wfSummary, sim);
			s.check = playsOf(s.body, 'plays') === lines ? 'ok' : `plays ${playsOf(s.body, 'plays')}`;
			v.summary.runs.push(s);
			log(`  ${(s.ms / 1000).toFixed(2)} s, CPU ${(s.cpuMs / 1000).toFixed(2)} s, ${s.check}${s.error ? ` ${s.error}` : ''}`);
		}

		if (again(v.builtin)) {
			log(`scenario 1 run ${i + 1}/${opts.runs}: built-in chain`);
			const b = await measure(wfBuiltin, sim);
			b.check = playsOf(b.body, 'count_mediaId') === lines ? 'ok' : `plays ${playsOf(b.body, 'count_mediaId')}`;
			v.builtin.runs.push(b);
			log(`  ${(b.ms / 1000).toFixed(2)} s, CPU ${(b.cpuMs / 1000).toFixed(1)} s, peak growth ${mb(b.groupDelta)}, ${b.check}${b.error ? ` ${b.error}` : ''}`);
		}

		if (again(v.items)) {
			log(`scenario 1 run ${i + 1}/${opts.runs}: ours (items)`);
			const it = await measure(wfItems, sim);
			it.check = it.body && typeof it.body === 'object' && 'mediaId' in it.body ? 'ok' : 'no playlog item';
			v.items.runs.push(it);
			log(`  ${(it.ms / 1000).toFixed(2)} s, ${it.check}${it.error ? ` ${it.error}` : ''}`);
		}

		if (opts.skip.has('floor')) continue;
		log(`scenario 1 run ${i + 1}/${opts.runs}: floor`);
		sim.clearLog();
		const f = await runNode(runtime.nodeBin, [join(HERE, 'floor', 'playlog-floor.mjs'), url]);
		v.floor.runs.push({
			ok: f.plays === lines,
			ms: f.totalMs,
			cpuMs: f.cpuMs,
			mainPeak: f.peakRssBytes,
			groupPeak: f.peakRssBytes,
			requests: sim.requests.length,
			r429: 0,
			detail: f,
		});
		log(`  ${(f.totalMs / 1000).toFixed(2)} s (download ${f.downloadMs.toFixed(0)} ms), ${f.groups} groups`);
	}
	for (const wf of [wfSummary, wfItems, wfBuiltin]) await n8n.unpublishWorkflow(wf.id).catch(() => undefined);

	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	const builtinFailed = S.builtin.ok === 0;
	target(scenario, 'Summary within 1.5x of the floor (time)', S.summary.ms !== undefined && S.summary.ms <= 1.5 * S.floor.ms, `wall ${ratioText(S.summary.ms, S.floor.ms)} (CPU ${ratioText(S.summary.cpuMs, S.floor.cpuMs)})`);
	target(
		scenario,
		'Summary at least 3x faster than the built-in chain',
		builtinFailed ? S.summary.ok > 0 : S.summary.ms !== undefined && S.builtin.ms >= 3 * S.summary.ms,
		builtinFailed ? `built-in chain failed: ${S.builtin.errors[0]}` : `built-in / ours = ${(S.builtin.ms / S.summary.ms).toFixed(1)}x (CPU ${(S.builtin.cpuMs / S.summary.cpuMs).toFixed(1)}x)`,
	);
	target(
		scenario,
		'Summary at most a third of the built-in chain\'s peak memory (n8n process group, growth over idle)',
		builtinFailed ? S.summary.ok > 0 : S.summary.groupDelta !== undefined && S.summary.groupDelta <= S.builtin.groupDelta / 3,
		builtinFailed ? 'built-in chain failed' : `ours ${mb(S.summary.groupDelta)} vs built-in ${mb(S.builtin.groupDelta)} (${((100 * S.summary.groupDelta) / S.builtin.groupDelta).toFixed(1)} %)`,
	);
	scenario.notes.push(
		`${groups} media × player groups; every summary checked: the plays add up to ${lines.toLocaleString('en')} (ours: \`plays\`, built-in: Summarize's \`count_mediaId\`).`,
		'Extract From File has no NDJSON operation ("Extract From JSON" JSON-parses the whole file as one value and fails on NDJSON), so the built-in chain extracts the text and splits it in a Code node, as a user would. The Code node runs in n8n\'s task runner (a child process, counted in the group).',
	);
	results.push(scenario);
}

function ratioText(a, b) {
	return a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`;
}

function mb(bytes) {
	return bytes === undefined ? 'n/a' : `${Math.round(bytes / MB)} MB`;
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 2: 5,000 4YouSee players at one request per second                                     */
/* ---------------------------------------------------------------------------------------------- */

async function scenario2() {
	const players = SIZES.players;
	const pages = Math.ceil(players / 100);
	const sim = await new FourYouSeeSimulator({ players, reportDelayMs: 0 }).start();
	simulators.push(sim);
	const creds = await n8n.importCredentials([
		{ name: '4YouSee Manager API (bench)', type: 'fourYouSeeApi', data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl } },
		{ name: '4YouSee Secret-Token header (bench)', type: 'httpHeaderAuth', data: { name: 'Secret-Token', value: FOURYOUSEE_SIM_TOKEN } },
	]);
	const values = { API_URL: sim.apiUrl };
	const wfOurs = await publish('s2-ours.json', values, creds);
	const wfBuiltin = await publish('s2-builtin.json', values, creds);
	const limitMs = pages * 1000;
	const scenario = {
		n: 2,
		title: `4YouSee Player Get Many, Return All: ${players.toLocaleString('en')} players (${pages} pages of 100) at 1 request/second`,
		variants: [
			{ key: 'ours', label: 'ours: Player Get Many, Return All', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request pagination (page, 1000 ms interval, stop on last page) → Split Out', runs: [] },
			{ key: 'limit', label: `floor: what the limit allows (${pages} requests × 1 s)`, runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf] of [
			['ours', wfOurs],
			['builtin', wfBuiltin],
		]) {
			log(`scenario 2 run ${i + 1}/${opts.runs}: ${key} (~${pages} s)`);
			await sleep(1200); // the previous run's last request is more than a second old
			const r = await measure(wf, sim, { settleFirst: false });
			r.check = r.requests - r.r429 >= pages ? 'ok' : `${r.requests - r.r429} answered requests for ${pages} pages`;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, ${r.requests} requests, ${r.r429} × 429${r.error ? `, ${r.error}` : ''}`);
		}
		v.limit.runs.push({ ok: true, ms: limitMs, requests: pages, r429: 0 });
	}
	for (const wf of [wfOurs, wfBuiltin]) await n8n.unpublishWorkflow(wf.id).catch(() => undefined);
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	target(scenario, 'Ours: zero 429s', S.ours.r429 === 0 && S.ours.ok === S.ours.runs, `${S.ours.r429} × 429 over ${S.ours.runs} runs, ${S.ours.runs - S.ours.ok} failed runs`);
	target(scenario, `Ours: within 1.1x of the ${pages} s the limit allows`, S.ours.ms !== undefined && S.ours.ms <= 1.1 * limitMs, ratioText(S.ours.ms, limitMs));
	scenario.notes.push(
		`The simulator answers 429 (Retry-After: 1) to a second request of one token within 950 ms (1 s minus 50 ms of arrival jitter); every run waits 1.2 s first so the previous run does not count against it.`,
		'The built-in variant is HTTP Request as a user configures it for a 1 request/second API: "Interval Between Requests" 1000 ms (waited after each answer), so it cannot be faster than pages × (1 s + round trip).',
	);
	results.push(scenario);
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 3: 10,000 Reportei Connect customers                                                   */
/* ---------------------------------------------------------------------------------------------- */

async function scenario3() {
	const { ReporteiSimulator } = require('../test/simulators/reportei/simulator.ts');
	const customers = SIZES.customers;
	const pages = Math.ceil(customers / 100);
	const sim = await new ReporteiSimulator({ seedCustomers: customers, seed: 'bench' }).start();
	simulators.push(sim);
	const creds = await n8n.importCredentials([
		{ name: 'Reportei Connect API (bench)', type: 'reporteiConnectApi', data: { accessToken: sim.merchantToken, baseUrl: sim.apiUrl } },
		{ name: 'Reportei bearer header (bench)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sim.merchantToken}` } },
	]);
	const values = { API_URL: sim.apiUrl };
	const wfOurs = await publish('s3-ours.json', values, creds);
	const wfBuiltin = await publish('s3-builtin.json', values, creds);
	const scenario = {
		n: 3,
		title: `Reportei Connect Customer Get Many, Return All: ${customers.toLocaleString('en')} customers (${pages} pages of 100)`,
		variants: [
			{ key: 'ours', label: 'ours: Customer Get Many, Return All', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request pagination (page, per_page=100, stop on last page) → Split Out', runs: [] },
			{ key: 'floor', label: `floor: ${pages} × the median round trip of one page from the bench process`, runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	const pageUrl = `${sim.apiUrl}/customers?page=2&per_page=100`;
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf] of [
			['ours', wfOurs],
			['builtin', wfBuiltin],
		]) {
			log(`scenario 3 run ${i + 1}/${opts.runs}: ${key}`);
			const r = await measure(wf, sim);
			r.check = r.requests - r.r429 >= pages ? 'ok' : `${r.requests} requests for ${pages} pages`;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, ${r.requests} requests, ${r.r429} × 429${r.error ? `, ${r.error}` : ''}`);
		}
		// The floor: one page's round trip (request, JSON body read and parsed), 11 times, median.
		const trips = [];
		for (let k = 0; k < 11; k++) {
			const t0 = performance.now();
			const res = await fetch(pageUrl, { headers: { authorization: `Bearer ${sim.merchantToken}`, accept: 'application/json' } });
			const body = await res.json();
			if (!Array.isArray(body.data) || body.data.length !== 100) throw new Error('floor page has no 100 customers');
			trips.push(performance.now() - t0);
		}
		const trip = median(trips);
		v.floor.runs.push({ ok: true, ms: trip * pages, requests: pages, r429: 0, detail: { tripMs: trip } });
		log(`  floor: ${trip.toFixed(1)} ms a page × ${pages}`);
	}
	for (const wf of [wfOurs, wfBuiltin]) await n8n.unpublishWorkflow(wf.id).catch(() => undefined);
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	target(
		scenario,
		'Ours within 1.2x of the floor (pages × round trip)',
		S.ours.ms !== undefined && S.ours.ms <= 1.2 * S.floor.ms,
		`${ratioText(S.ours.ms, S.floor.ms)} (${fmtS(S.ours.ms)} vs ${fmtS(S.floor.ms)}; built-in ${ratioText(S.builtin.ms, S.floor.ms)})`,
	);
	scenario.notes.push(
		'The simulator runs at its default limit (999 requests a minute, the docs\' example), which no run reaches. The floor\'s round trip is measured from the bench process (Node fetch, keep-alive), so it includes no n8n overhead at all: the 1.2x budget covers the whole n8n execution (webhook, node start, items).',
	);
	results.push(scenario);
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 4: a 100 MB CloudBlue rated data report split into items                               */
/* ---------------------------------------------------------------------------------------------- */

/** The public API refuses values for a credential's hidden (expirable) fields. */
function withoutHidden(data) {
	const { accessToken: _hidden, ...rest } = data;
	return rest;
}

async function scenario4() {
	const { CloudBlueSimulator } = require('../test/simulators/cloudblue/server.ts');
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
		0,
	);
	const id = String(stored.report.id);
	const file = sim.reportFile(id);
	const fileUrl = sim.reportView(stored).downloadUrl;
	const creds = await n8n.importCredentials([{ name: 'CloudBlue Commerce API (bench)', type: 'cloudBlueCommerceApi', data: withoutHidden(sim.tokenCredentials()) }]);
	const values = { REPORT_ID: id, FILE_URL: fileUrl };
	const wfOurs = await publish('s4-ours.json', values, creds);
	const wfBuiltin = await publish('s4-builtin.json', values, creds);
	const scenario = {
		n: 4,
		title: `CloudBlue rated data report: ${(file.length / MB).toFixed(0)} MB CSV, ${rows.toLocaleString('en')} rows, one item per row`,
		variants: [
			{ key: 'ours', label: 'ours: Report Download, Output One Item per Row', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request (file) → Extract From File (CSV)', runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf] of [
			['ours', wfOurs],
			['builtin', wfBuiltin],
		]) {
			if (!again(v[key])) continue;
			log(`scenario 4 run ${i + 1}/${opts.runs}: ${key}`);
			const r = await measure(wf, sim);
			r.check = r.body && typeof r.body === 'object' && Object.keys(r.body).some((k) => /lineId/.test(k)) ? 'ok' : `first item ${JSON.stringify(r.body).slice(0, 120)}`;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, group peak +${mb(r.groupDelta)}, ${r.check}${r.error ? `, ${r.error}` : ''}`);
		}
	}
	for (const wf of [wfOurs, wfBuiltin]) await n8n.unpublishWorkflow(wf.id).catch(() => undefined);
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
				: `ours / built-in = ${ratioText(S.ours.ms, S.builtin.ms)} (CPU ${ratioText(S.ours.cpuMs, S.builtin.cpuMs)})`,
	);
	target(
		scenario,
		'Ours clearly better in memory (at most half the built-in chain\'s peak growth)',
		!oursFailed && (builtinFailed || S.ours.groupDelta <= S.builtin.groupDelta / 2),
		oursFailed
			? `ours failed after growing ≥ ${mb(S.ours.failedGrowth)} (built-in ${mb(S.builtin.groupDelta)})`
			: builtinFailed
				? 'built-in failed'
				: `ours ${mb(S.ours.groupDelta)} vs built-in ${mb(S.builtin.groupDelta)} (${ratioText(S.ours.groupDelta, S.builtin.groupDelta)})`,
	);
	results.push(scenario);
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 5: Get Playlogs' own work, no n8n                                                      */
/* ---------------------------------------------------------------------------------------------- */

async function scenario5(runtime) {
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
		const m = await runNode(runtime.nodeBin, [join(HERE, 'micro', 'getplaylogs.mjs'), gz, 'summary']);
		v.summary.runs.push({ ok: m.plays === lines, ms: m.ms, cpuMs: m.cpuMs, mainPeak: m.peakRssBytes, mainDelta: m.deltaBytes, groupPeak: m.peakRssBytes, groupDelta: m.deltaBytes, requests: 0, r429: 0, detail: m });
		const f = await runNode(runtime.nodeBin, [join(HERE, 'floor', 'playlog-floor.mjs'), gz]);
		v.floor.runs.push({ ok: f.plays === lines, ms: f.totalMs, cpuMs: f.cpuMs, mainPeak: f.peakRssBytes, groupPeak: f.peakRssBytes, requests: 0, r429: 0, detail: f });
		log(`scenario 5 run ${i + 1}/${opts.runs}: ours ${(m.ms / 1000).toFixed(2)} s, peak ${mb(m.peakRssBytes)} (+${mb(m.deltaBytes)}); floor ${(f.totalMs / 1000).toFixed(2)} s, peak ${mb(f.peakRssBytes)}`);
	}
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	target(scenario, 'Node\'s own work under 150 MB (whole process peak RSS)', S.summary.mainPeak !== undefined && S.summary.mainPeak < 150 * MB, `${mb(S.summary.mainPeak)} peak, ${mb(S.summary.mainDelta)} above the process after loading the module`);
	scenario.notes.push('Each run is a fresh Node process (the one n8n runs on), so the peak is that process\'s VmHWM: Node itself plus the work.');
	results.push(scenario);
}

/* ---------------------------------------------------------------------------------------------- */
/* Scenario 6: CloudBlue's CSV reader on its own, no n8n                                           */
/* ---------------------------------------------------------------------------------------------- */

async function scenario6(runtime) {
	const { CloudBlueSimulator } = require('../test/simulators/cloudblue/server.ts');
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
		variants: [{ key: 'ours', label: 'ours: csvObjects(textOf(stream)) (dist/nodes/CloudBlueCommerce/rows.js), rows kept like the node keeps them', runs: [] }],
		targets: [],
		notes: ['Not a target of its own: it tells how much of scenario 4 is the node\'s CSV reader. Each run is a fresh Node process; peak is its VmHWM.'],
	};
	for (let i = 0; i < opts.runs; i++) {
		const m = await runNode(runtime.nodeBin, [join(HERE, 'micro', 'cloudblue-rows.mjs'), csv]);
		scenario.variants[0].runs.push({ ok: m.rows === rows, ms: m.ms, cpuMs: m.cpuMs, mainPeak: m.peakRssBytes, mainDelta: m.deltaBytes, groupPeak: m.peakRssBytes, groupDelta: m.deltaBytes, requests: 0, r429: 0, detail: m });
		log(`scenario 6 run ${i + 1}/${opts.runs}: ${(m.ms / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), peak ${mb(m.peakRssBytes)} (+${mb(m.deltaBytes)})`);
	}
	scenario.summaries = { ours: summarise(scenario.variants[0].runs) };
	results.push(scenario);
}

/* ---------------------------------------------------------------------------------------------- */
/* Output                                                                                          */
/* ---------------------------------------------------------------------------------------------- */

const fmtS = (ms) => (ms === undefined ? 'n/a' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
const fmtMB = (b) => (b === undefined ? '–' : `${Math.round(b / MB)}`);

function tableOf(scenario) {
	const rows = [];
	rows.push('| Variant | OK runs | Wall (median) | Ratio | CPU | n8n main peak RSS, MB | Peak growth, MB | Requests | 429s |');
	rows.push('|---|---|---|---|---|---|---|---|---|');
	const S = scenario.summaries;
	const ref = scenario.variants.find((x) => x.key === 'summary' || x.key === 'ours');
	for (const variant of scenario.variants) {
		const s = S[variant.key];
		const ratio = ref && S[ref.key].ms && s.ms ? `${(s.ms / S[ref.key].ms).toFixed(2)}x` : '–';
		const failed = s.ok < s.runs ? ` (failed: ${s.errors[0] ?? 'wrong result'})` : '';
		const standalone = scenario.n >= 5; // micro benchmarks: separate processes, no n8n
		const outside = variant.key === 'floor' || variant.key === 'limit';
		const own = standalone || variant.key === 'floor';
		const peak = s.mainPeak === undefined ? '–' : `${fmtMB(s.mainPeak)}${own ? ' (own process)' : ''}`;
		const growth = standalone
			? variant.key === 'floor'
				? '–'
				: fmtMB(s.groupDelta)
			: outside
				? '–'
				: s.ok === 0 && s.failedGrowth
					? `≥ ${fmtMB(s.failedGrowth)} (until it failed)`
					: fmtMB(s.groupDelta);
		rows.push(
			`| ${variant.label} | ${s.ok}/${s.runs}${failed} | ${fmtS(s.ms)} | ${ratio} | ${s.cpuMs === undefined ? '–' : fmtS(s.cpuMs)} | ${peak} | ${growth} | ${standalone ? '–' : (s.requests ?? '–')} | ${outside || standalone ? '–' : s.r429} |`,
		);
	}
	return rows.join('\n');
}

function machine(runtime) {
	const cpus = os.cpus();
	return {
		date: new Date().toISOString(),
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		kernel: `${os.type()} ${os.release()}`,
		n8n: n8n?.version ?? runtime.version,
		n8nNode: n8n?.nodeVersion ?? runtime.nodeVersion,
		benchNode: process.version,
		loadStart: loadAtStart,
		loadEnd: os.loadavg().map((x) => x.toFixed(1)).join(' / '),
	};
}

function render(runtime, elapsedMs) {
	const m = machine(runtime);
	const out = [];
	out.push('# Benchmarks');
	out.push('');
	out.push(`Generated by \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${m.date} in ${(elapsedMs / 60000).toFixed(1)} min.`);
	out.push('');
	out.push(`- Machine: ${m.cores} cores (${m.cpu}), ${m.memory} memory, ${m.kernel}`);
	out.push(`- n8n ${m.n8n} on Node ${m.n8nNode} (the pinned e2e runtime, package installed from \`npm pack\`); the bench itself and the simulators on Node ${m.benchNode}; floor and micro scripts on n8n's Node`);
	out.push(`- ${opts.runs} run(s) of each variant, medians quoted${opts.quick ? '; **--quick: reduced sizes**' : ''}`);
	out.push(`- Load average (1 / 5 / 15 min) at the start ${m.loadStart}, at the end ${m.loadEnd}: other processes shared the ${m.cores} cores, so wall times carry that noise; the CPU column (CPU time of n8n's process group during the run, or of the script) is steadier`);
	out.push('');
	out.push('## Targets');
	out.push('');
	out.push('| Scenario | Target | Result | Measured |');
	out.push('|---|---|---|---|');
	for (const s of results) for (const t of s.targets) out.push(`| ${s.n} | ${t.text} | **${t.pass ? 'PASS' : 'MISS'}** | ${t.detail} |`);
	out.push('');
	for (const s of results) {
		out.push(`## ${s.n}. ${s.title}`);
		out.push('');
		out.push(tableOf(s));
		out.push('');
		for (const note of s.notes) out.push(`- ${note}`);
		for (const v of s.variants) {
			if (v.skipNoted) out.push(`- ${v.label.split(':')[0]} (${v.key}) ran once: its run took ${fmtS(v.runs[0]?.ms)}, over the bench's ${SLOW_RUN_MS / 1000} s limit for repeating a variant.`);
		}
		if (s.variants.some((v) => v.runs.some((r) => /Maximum call stack size exceeded/.test(r.error ?? '')))) {
			out.push(
				'- "Maximum call stack size exceeded" comes from the shared per-item loop (`forEachItem` in nodes/shared/items.ts: `out.push(...toItems(...))`): spreading more than about 125,000 items into one `push()` call overflows the stack on Node 24, so any operation that returns more than ~125k items for one input item fails there, after doing all its work.',
			);
		}
		const checks = s.variants.flatMap((v) => v.runs.filter((r) => r.check && r.check !== 'ok').map((r) => `${v.key}: ${r.check}`));
		if (checks.length) out.push(`- Result checks that failed: ${checks.join('; ')}`);
		const perRun = s.variants.map((v) => `${v.key} ${v.runs.map((r) => (r.ok ? fmtS(r.ms) : 'failed')).join(', ')}`).join('; ');
		out.push(`- Every run: ${perRun}`);
		out.push('');
	}
	out.push('## Method');
	out.push('');
	out.push(
		[
			'- One n8n for the whole bench, started by the e2e harness (`test/e2e/harness/n8n.ts`): a temp user folder, the packed package installed into `.n8n/nodes`, regular mode, SQLite, default binary data mode and task runner settings.',
			'- Each workflow (`bench/workflows/*.json`) starts with a Webhook node that answers when the last node has finished, and is published. A run is one POST to the production URL, timed by the client from request to the end of the answer, so it covers the whole execution. Workflows keep no execution data on success (`saveDataSuccessExecution: none`): saving a million items to SQLite is n8n\'s cost, the same for both sides, and would dominate. Error executions are kept.',
			'- Memory: the n8n process group (main process, the JS task runner once a Code node has run, and the harness\'s small watchdog) read from `/proc`. Before each run a full garbage collection runs in n8n\'s main process (`bench/lib/gc.mjs`: SIGUSR1 opens its inspector on 127.0.0.1:9229, then `HeapProfiler.collectGarbage`; the pid is checked first), so no run inherits the previous run\'s garbage, then every process\'s peak is reset (`echo 5 > /proc/<pid>/clear_refs`). "n8n main peak RSS" is the main process\'s VmHWM during the run (absolute: n8n itself idles at ~450 MB). "Peak growth" is, summed over the group\'s processes, each one\'s VmHWM during the run minus its RSS before it (a process started during the run counts from 0): the memory the run itself needed. The memory targets compare peak growth. CPU is the group\'s user + system time during the run (`/proc/<pid>/stat`).',
			'- Requests and 429s are read from the simulator\'s request log, cleared before each run. The variants of a scenario alternate run by run.',
			'- The floors are what the job costs with nothing in the way: scenario 1 and 5 a plain Node script on the same Node as n8n (time measured inside the script); scenario 2 the rate limit itself; scenario 3 the measured round trip of one page times the pages.',
		].join('\n'),
	);
	out.push('');
	return out.join('\n');
}

/* ---------------------------------------------------------------------------------------------- */
/* Main                                                                                            */
/* ---------------------------------------------------------------------------------------------- */

async function main() {
	const started = Date.now();
	ensureBuilt();
	const ensure = await import(join(ROOT, 'e2e', 'runtime', 'ensure.mjs'));
	const runtime = await ensure.ensureRuntime();
	runtimeInfo = runtime;
	const needsN8n = [1, 2, 3, 4].some((n) => opts.only.has(n));
	if (needsN8n) {
		const { startN8n } = require('../test/e2e/harness/n8n.ts');
		log('starting n8n (harness)');
		n8n = await startN8n({ env: { N8N_LOG_LEVEL: 'warn' } });
		mainPid = n8nMainPid(n8n.pid);
		if (!mainPid) throw new Error('could not find the n8n main process in the harness process group');
		log(`n8n ${n8n.version} up in ${(n8n.startupMs / 1000).toFixed(1)} s (main pid ${mainPid}, idle RSS ${mb(memOf(mainPid)?.rss)})`);
	}
	const scenarios = { 1: scenario1, 2: scenario2, 3: scenario3, 4: scenario4, 5: scenario5, 6: scenario6 };
	for (const n of [1, 2, 3, 4, 5, 6]) {
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
		writeFileSync(join(HERE, 'RESULTS.md'), text);
		log('wrote bench/RESULTS.md');
	}
	// Every run's numbers, for a closer look (bench/results/ is not committed).
	mkdirSync(join(HERE, 'results'), { recursive: true });
	const raw = join(HERE, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
	const strip = (r) => {
		const { body: _body, processes: _processes, ...rest } = r;
		return rest;
	};
	writeFileSync(
		raw,
		JSON.stringify(
			{ options: { ...opts, only: [...opts.only], skip: [...opts.skip] }, sizes: SIZES, machine: machine(runtimeInfo), results: results.map((s) => ({ ...s, variants: s.variants.map((v) => ({ ...v, runs: v.runs.map(strip) })) })) },
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
