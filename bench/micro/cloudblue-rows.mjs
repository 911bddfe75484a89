/**
 * Node-level micro benchmark of CloudBlue Report Download's "One Item per Row" work: the built
 * node's CSV reader (dist/nodes/CloudBlueCommerce/rows.js, `readReportRows(stream, 'csv', ...)`, what
 * the operation runs on the response body) over a CSV file read as a stream of 64 KiB chunks, rows kept
 * in an array as the node does. No n8n. Prints one JSON line:
 * `{ ms, cpuMs, rows, baseRssBytes, peakRssBytes, deltaBytes }`.
 *
 *   node bench/micro/cloudblue-rows.mjs <file.csv>
 *   node --cpu-prof --cpu-prof-dir=<dir> bench/micro/cloudblue-rows.mjs <file.csv>   (hot spots)
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { readReportRows } = require(join(root, 'dist', 'nodes', 'CloudBlueCommerce', 'rows.js'));
const [file] = process.argv.slice(2);

const status = () => readFileSync('/proc/self/status', 'utf8');
const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status())[1]) * 1024;
const base = kb('VmRSS');
const cpu0 = process.cpuUsage(); // CPU of the timed work only, not of start-up and module loading
const t0 = performance.now();
const rows = [];
const pairedItem = { item: 0 };
await readReportRows(createReadStream(file, { highWaterMark: 64 * 1024 }), 'csv', (json) => rows.push({ json, pairedItem }), { delimiter: ',' });
const ms = performance.now() - t0;
const peak = kb('VmHWM');
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rows: rows.length, firstKeys: Object.keys(rows[0]?.json ?? {}).length, baseRssBytes: base, peakRssBytes: peak, deltaBytes: peak - base }));
