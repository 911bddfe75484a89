/**
 * The floor of scenario 1: the least work possible for "plays by media and player" of a playlog
 * file, in plain Node, timed in-process. Downloads the whole file, gunzips it in one go, splits the
 * text, JSON.parses every line and counts in a Map. Prints one JSON line:
 * `{ totalMs, downloadMs, workMs, lines, groups, plays, peakRssBytes }`.
 *
 *   node bench/floor/playlog-floor.mjs <file URL | file path>
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const url = process.argv[2];
const cpu0 = process.cpuUsage(); // CPU of the timed work only, not of start-up and module loading
const t0 = performance.now();
let gz;
if (/^https?:/.test(url)) {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`GET ${url} -> ${response.status}`);
	gz = Buffer.from(await response.arrayBuffer());
} else {
	gz = readFileSync(url);
}
const t1 = performance.now();
const text = gunzipSync(gz).toString('utf8');
const counts = new Map();
let lines = 0;
for (const line of text.split('\n')) {
	if (line === '') continue;
	const p = JSON.parse(line);
	lines++;
	const key = `${p.mediaId}|${p.playerId}`;
	counts.set(key, (counts.get(key) ?? 0) + 1);
}
const t2 = performance.now();
let plays = 0;
for (const n of counts.values()) plays += n;
const cpu = process.cpuUsage(cpu0);
const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
console.log(JSON.stringify({ totalMs: t2 - t0, cpuMs: (cpu.user + cpu.system) / 1000, downloadMs: t1 - t0, workMs: t2 - t1, lines, groups: counts.size, plays, peakRssBytes: hwm, gzipBytes: gz.length, textBytes: Buffer.byteLength(text) }));
