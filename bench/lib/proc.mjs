/**
 * Memory of a process group from /proc: the n8n main process and everything it started (the task
 * runner for Code nodes) share the process group dev/n8n/start.ts gives n8n.
 *
 * Peak per run: before the run, `5` is written to /proc/<pid>/clear_refs of each process, which
 * resets its VmHWM ("peak resident set size") to the current RSS (Linux >= 4.0); after the run
 * VmHWM is the true peak of that process during the run (no sampling gap). The whole group is also
 * sampled every 50 ms (sum of VmRSS) for the peak of the group at one instant.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

function statOf(pid) {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// rest[11], rest[12]: utime, stime (fields 14 and 15 of stat)
		return { ppid: Number(rest[1]), pgrp: Number(rest[2]), cpuMs: ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS };
	} catch {
		return undefined;
	}
}

export function groupPids(pgid) {
	const out = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const s = statOf(name);
		if (s && s.pgrp === pgid) out.push(Number(name));
	}
	return out;
}

export function cmdline(pid) {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return '';
	}
}

/** VmRSS and VmHWM in bytes (undefined when the process is gone). */
export function memOf(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (key) => Number((new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text) ?? [])[1] ?? 0) * 1024;
		return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
	} catch {
		return undefined;
	}
}

export function resetPeak(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** The `n8n start` process of the group (the group leader is the watchdog, dev/n8n/watchdog.js). */
export function n8nMainPid(pgid) {
	return groupPids(pgid).find((pid) => pid !== pgid && /\bn8n\b.*\bstart\b/.test(cmdline(pid)));
}

/**
 * Starts watching a process group; `stop()` returns, in bytes,
 * `{ mainPeak, mainStart, groupPeak, groupStart, growth, perProcess: {pid: {cmd, peak, growth}} }`:
 * `growth` is the sum over the group's processes of (own peak during the run - own RSS before it;
 * a process started during the run counts from 0), exact per process (VmHWM), an upper bound of
 * the group's simultaneous growth; `groupPeak` is the sampled peak of the group's summed RSS;
 * `cpuMs` the CPU time (user + system) the group's processes used during the run.
 */
export function watchGroup(pgid, mainPid, intervalMs = 50) {
	let pids = groupPids(pgid);
	const startRss = new Map();
	const startCpu = new Map();
	const lastCpu = new Map();
	for (const pid of pids) {
		resetPeak(pid);
		startRss.set(pid, memOf(pid)?.rss ?? 0);
		startCpu.set(pid, statOf(pid)?.cpuMs ?? 0);
	}
	let ticks = 0;
	const sum = () => groupPids(pgid).reduce((total, pid) => total + (memOf(pid)?.rss ?? 0), 0);
	const mainStart = memOf(mainPid)?.rss ?? 0;
	const groupStart = sum();
	let groupPeak = groupStart;
	const seen = new Map();
	const timer = setInterval(() => {
		let total = 0;
		// A new process (the task runner starting) is found within half a second; its own VmHWM
		// still covers the time in between.
		if (++ticks % 10 === 0) {
			pids = groupPids(pgid);
			for (const pid of pids) lastCpu.set(pid, statOf(pid)?.cpuMs ?? 0);
		}
		for (const pid of pids) {
			const m = memOf(pid);
			if (!m) continue;
			total += m.rss;
			const prev = seen.get(pid) ?? 0;
			if (m.hwm > prev) seen.set(pid, m.hwm);
		}
		if (total > groupPeak) groupPeak = total;
	}, intervalMs);
	return {
		stop() {
			clearInterval(timer);
			for (const pid of groupPids(pgid)) {
				const m = memOf(pid);
				if (m && m.hwm > (seen.get(pid) ?? 0)) seen.set(pid, m.hwm);
			}
			const total = sum();
			if (total > groupPeak) groupPeak = total;
			let cpuMs = 0;
			for (const pid of new Set([...startCpu.keys(), ...lastCpu.keys(), ...groupPids(pgid)])) {
				const now = statOf(pid)?.cpuMs ?? lastCpu.get(pid) ?? 0;
				cpuMs += Math.max(0, now - (startCpu.get(pid) ?? 0));
			}
			const perProcess = {};
			let growth = 0;
			for (const [pid, peak] of seen) {
				const grew = Math.max(0, peak - (startRss.get(pid) ?? 0));
				growth += grew;
				perProcess[pid] = { cmd: cmdline(pid).slice(0, 120), peak, growth: grew };
			}
			return { mainPeak: seen.get(mainPid) ?? memOf(mainPid)?.hwm ?? 0, mainStart, groupPeak, groupStart, growth, cpuMs, perProcess };
		},
	};
}

/** Waits until the process's RSS stops falling (V8 gives memory back a few seconds after a big run). */
export async function settle(pid, { maxMs = 12_000, stepMs = 1000 } = {}) {
	const until = Date.now() + maxMs;
	let last = memOf(pid)?.rss ?? 0;
	for (;;) {
		await new Promise((r) => setTimeout(r, stepMs));
		const now = memOf(pid)?.rss ?? 0;
		if (now >= last - 2 * 1024 * 1024 || Date.now() > until) return now;
		last = now;
	}
}
