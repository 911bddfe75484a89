/** The n8n under test: starting it, publishing a workflow, one measured run, and cleaning up. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { log, opts } from './options.mjs';
import { BENCH } from './paths.mjs';
import { memOf, n8nMainPid, settle, watchGroup } from './proc.mjs';
import { loadWorkflow, mb, post, runNode, sleep } from './util.mjs';

const require = createRequire(import.meta.url);

/** The one n8n of the run, its main process, the pinned runtime; set by startBenchN8n() and main(). */
export const state = { n8n: undefined, mainPid: undefined, runtime: undefined };
/** Simulators and temp folders a scenario started, stopped and removed after it. */
export const simulators = [];
export const tempDirs = [];

export async function cleanup() {
	for (const sim of simulators.splice(0)) await sim.stop().catch(() => undefined);
	if (state.n8n) {
		const instance = state.n8n;
		state.n8n = undefined;
		await instance.stop().catch(() => undefined);
	}
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Imports and publishes a workflow with a fresh webhook path; returns its URL. `credentials` are
 * this scenario's stored credentials: each node's credential of that type points at them (by id,
 * so a later scenario's credential of the same type and name is never mixed up with this one).
 * `edit` changes the loaded workflow before it is imported (a scenario's variant of a file).
 */
export async function publish(file, values, credentials = [], { edit } = {}) {
	const path = `bench-${file.replace(/\.json$/, '')}-${randomUUID().slice(0, 8)}`;
	const wf = loadWorkflow(file, { ...values, PATH: path, WEBHOOK_ID: randomUUID() });
	edit?.(wf);
	for (const node of wf.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const ref = credentials.find((c) => c.type === type && c.name === node.credentials[type].name) ?? credentials.find((c) => c.type === type);
			if (!ref) throw new Error(`${file}: no ${type} credential imported for node ${node.name}`);
			node.credentials[type] = { id: ref.id, name: ref.name };
		}
	}
	const ref = await state.n8n.importWorkflow(wf);
	await state.n8n.publishWorkflow(ref.id);
	return { id: ref.id, url: state.n8n.webhookUrl(path), file };
}

/**
 * One measured run of a published workflow. `sim` is the simulator whose request log counts;
 * `settleFirst` waits for n8n's memory to come back down from the previous run.
 */
export async function measure(workflow, sim, { settleFirst = true, timeoutMs = RUN_TIMEOUT_MS } = {}) {
	if (settleFirst) await collectGarbage();
	else await sleep(300);
	sim?.clearLog();
	const profiler = opts.cpuProf ? await startProfiler(workflow) : undefined;
	const watch = watchGroup(state.n8n.pid, state.mainPid);
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
		const [last] = await state.n8n.getExecutions(workflow.id).catch(() => []);
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

/**
 * One unmeasured call of each workflow, so that n8n's one-off cost of a first execution (loading
 * the nodes' code, compiling it) is not charged to whichever variant happens to run first. A
 * long-running n8n pays it once, not per execution.
 */
export async function warmUp(...workflows) {
	for (const wf of workflows) {
		if (!wf) continue;
		const res = await post(wf.url, RUN_TIMEOUT_MS);
		if (res.status !== 200) log(`  warm-up of ${wf.file} answered ${res.status}`);
	}
}

let profileCount = 0;

/** bench/lib/cpuprofile.mjs attached to n8n's main process until `stop()`; prints the hot spots. */
async function startProfiler(workflow) {
	mkdirSync(opts.cpuProf, { recursive: true });
	const out = join(opts.cpuProf, `${workflow.file.replace(/\.json$/, '')}-${++profileCount}.cpuprofile`);
	const child = spawn(state.runtime.nodeBin, [join(BENCH, 'lib', 'cpuprofile.mjs'), String(state.mainPid), '0', out], { stdio: ['ignore', 'pipe', 'inherit'] });
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
export const RUN_TIMEOUT_MS = 15 * 60_000;
/** A variant whose run took longer than this runs only once (the bench must stay under ~25 min). */
export const SLOW_RUN_MS = 90_000;

/** Stops the workflow's running executions (after a client timeout), so they do not load later runs. */
async function stopRunning(workflow) {
	try {
		const page = await state.n8n.api('GET', `/executions?workflowId=${encodeURIComponent(workflow.id)}&status=running&limit=20`);
		for (const e of page?.data ?? []) await state.n8n.rest('POST', `/executions/${e.id}/stop`).catch(() => undefined);
	} catch (error) {
		log(`could not stop the running execution of ${workflow.file}: ${error.message}`);
	}
}

/** Whether a variant should run again: not after a run slower than SLOW_RUN_MS or a timeout. */
export function again(variant) {
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
		const r = await runNode(state.runtime.nodeBin, [join(BENCH, 'lib', 'gc.mjs'), String(state.mainPid)]).catch((error) => ({ ok: false, error: error.message }));
		if (!r.ok) {
			gcWorks = false;
			log(`full GC through the inspector failed (${r.error}); waiting for n8n's memory to settle instead`);
		}
	}
	await settle(state.mainPid, { maxMs: gcWorks ? 3000 : 12_000, stepMs: 500 });
}

/** Starts the one n8n of the run (dev/n8n/start.ts, what the e2e tests use) and finds its main process. */
export async function startBenchN8n() {
	require('../../dev/ts-register.cjs');
	const { startN8n } = require('../../dev/n8n/start.ts');
	log('starting n8n');
	// The bench-only floor nodes (bench/floor/n8n-custom, e.g. CUSTOM.reporteiPagesFloor) load
	// from their folder, next to the packed package, as n8n's custom extensions.
	state.n8n = await startN8n({ env: { N8N_LOG_LEVEL: 'warn', N8N_CUSTOM_EXTENSIONS: join(BENCH, 'floor', 'n8n-custom') } });
	state.mainPid = n8nMainPid(state.n8n.pid);
	if (!state.mainPid) throw new Error('could not find the n8n main process in its process group');
	log(`n8n ${state.n8n.version} up in ${(state.n8n.startupMs / 1000).toFixed(1)} s (main pid ${state.mainPid}, idle RSS ${mb(memOf(state.mainPid)?.rss)})`);
}
