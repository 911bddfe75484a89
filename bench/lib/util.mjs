/** Small helpers of the runner and the scenarios: waiting, medians, one timed POST, scripts on n8n's Node, formatting. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

import { MB } from './options.mjs';
import { BENCH, ROOT } from './paths.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
	const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (s.length === 0) return undefined;
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** POST to a webhook; resolves with status, parsed body and milliseconds (no client timeout below 15 min). */
export function post(url, timeoutMs = 15 * 60_000) {
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
export function runNode(nodeBin, args) {
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

export function loadWorkflow(file, values) {
	let text = readFileSync(join(BENCH, 'workflows', file), 'utf8');
	for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(String(value));
	return JSON.parse(text);
}

export function ratioText(a, b) {
	return a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`;
}

export function mb(bytes) {
	return bytes === undefined ? 'n/a' : `${Math.round(bytes / MB)} MB`;
}

export const fmtS = (ms) => (ms === undefined ? 'n/a' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
export const fmtMB = (b) => (b === undefined ? '–' : `${Math.round(b / MB)}`);
