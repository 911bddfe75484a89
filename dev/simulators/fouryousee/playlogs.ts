/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Deterministic 4YouSee playlog files (research/providers.md section 1, "Report file"): gzip,
 * one JSON object per line, `{"account","date","time","playerId","mediaId","ip","type"}`.
 *
 * The same spec always produces the same lines, so a test can ask for the ground truth (counts by
 * media, player, date, hour, with filters) without keeping the file: it is regenerated line by line.
 * Files of any size are built as a stream into a gzip buffer (1,000,000 lines is about 12 MB gzip).
 */
import { createGzip } from 'node:zlib';

import { prng } from '../random';

export interface PlaylogSpec {
	/** Seed of the generator: the report ID is a good one. */
	seed: number;
	lines: number;
	account: string;
	/** Players the lines are spread over (the report's playerId filter, or every player). */
	playerIds: number[];
	/** Medias the lines are spread over, with their playlog type code. */
	medias: Array<{ id: number; type: string }>;
	/** First and last instant, `YYYY-MM-DD HH:MM:SS` (account wall clock, generated as UTC). */
	start: string;
	end: string;
	/** -1 newest first (the API's default), 1 oldest first. */
	sort: 1 | -1;
}

export interface Playlog {
	account: string;
	date: string;
	time: string;
	playerId: number;
	mediaId: number;
	ip: string;
	type: string;
}

export type PlaylogGroupField = 'mediaId' | 'playerId' | 'date' | 'hour';

export interface PlaylogFilter {
	playerIds?: Array<number | string>;
	mediaIds?: Array<number | string>;
	/** Inclusive bounds, `YYYY-MM-DD HH:MM:SS`. */
	from?: string;
	to?: string;
}

export interface PlaylogCountRow {
	mediaId?: number;
	playerId?: number;
	date?: string;
	hour?: number;
	plays: number;
}

function parseStamp(stamp: string): number {
	return Date.parse(`${stamp.replace(' ', 'T')}Z`);
}

function pad(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

/** Every playlog of the spec, in file order. */
export function* generatePlaylogs(spec: PlaylogSpec): Generator<Playlog> {
	const next = prng(spec.seed);
	const start = Math.floor(parseStamp(spec.start) / 1000);
	const end = Math.floor(parseStamp(spec.end) / 1000);
	const span = Math.max(1, end - start + 1);
	const players = spec.playerIds.length ? spec.playerIds : [1];
	const medias = spec.medias.length ? spec.medias : [{ id: 1, type: 'I' }];
	for (let n = 0; n < spec.lines; n++) {
		const i = spec.sort === 1 ? n : spec.lines - 1 - n;
		const second = start + Math.min(span - 1, Math.floor(((i + next()) * span) / spec.lines));
		const at = new Date(second * 1000);
		const playerId = players[Math.floor(next() * players.length)];
		const media = medias[Math.floor(next() * medias.length)];
		yield {
			account: spec.account,
			date: `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`,
			time: `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`,
			playerId,
			mediaId: media.id,
			ip: `10.${(playerId >> 8) & 255}.${playerId & 255}.${1 + (playerId % 200)}`,
			type: media.type,
		};
	}
}

export function renderPlaylog(p: Playlog): string {
	return `{"account":${JSON.stringify(p.account)},"date":"${p.date}","time":"${p.time}","playerId":${p.playerId},"mediaId":${p.mediaId},"ip":"${p.ip}","type":"${p.type}"}`;
}

/**
 * How the file is written: NDJSON (every recorded file line, case fys-report-file-line-1) or, since
 * the docs also call the file "csv", CSV with a header row named like the JSON keys, `,` or `;`.
 */
export type PlaylogFileFormat = 'ndjson' | 'csv' | 'csv-semicolon';

const CSV_KEYS = ['account', 'date', 'time', 'playerId', 'mediaId', 'ip', 'type'] as const;

function renderCsv(p: Playlog, separator: string): string {
	return CSV_KEYS.map((k) => String(p[k])).join(separator);
}

export interface FileDamage {
	/** Replace this 1-based line with text that is not JSON. */
	badLine?: number;
	/** Cut this many bytes off the end of the gzip file. */
	truncateBytes?: number;
	/** A complete gzip file whose text stops in the middle of its last line (the writer stopped early). */
	endsEarly?: boolean;
	/** Served with the full Content-Length but this many bytes fewer, then the connection closes. */
	shortBodyBytes?: number;
}

/** The gzip NDJSON file of a spec, built as a stream (memory: the compressed output only). */
export async function buildPlaylogFile(spec: PlaylogSpec, damage: FileDamage = {}, format: PlaylogFileFormat = 'ndjson'): Promise<Buffer> {
	const gzip = createGzip({ level: 6 });
	const out: Buffer[] = [];
	gzip.on('data', (chunk: Buffer) => out.push(chunk));
	const done = new Promise<void>((resolve, reject) => {
		gzip.on('end', resolve);
		gzip.on('error', reject);
	});
	const separator = format === 'csv-semicolon' ? ';' : ',';
	let batch: string[] = format === 'ndjson' ? [] : [CSV_KEYS.join(separator)];
	let line = 0;
	for (const playlog of generatePlaylogs(spec)) {
		line++;
		const text = format === 'ndjson' ? renderPlaylog(playlog) : renderCsv(playlog, separator);
		batch.push(line === damage.badLine ? `{"account":"${spec.account}","date":"2020-01-01","time":` : text);
		if (batch.length === 5000) {
			if (!gzip.write(`${batch.join('\n')}\n`)) await new Promise((resolve) => gzip.once('drain', resolve));
			batch = [];
		}
	}
	if (damage.endsEarly && batch.length) {
		const last = batch.pop() as string;
		batch.push(last.slice(0, Math.floor(last.length / 2)));
		gzip.write(batch.join('\n'));
	} else if (batch.length) gzip.write(`${batch.join('\n')}\n`);
	gzip.end();
	await done;
	const file = Buffer.concat(out);
	return damage.truncateBytes ? file.subarray(0, Math.max(0, file.length - damage.truncateBytes)) : file;
}

function idSet(ids: Array<number | string> | undefined): Set<string> | undefined {
	return ids && ids.length ? new Set(ids.map(String)) : undefined;
}

/** Whether one playlog passes a filter (the node's filters, computed independently here). */
export function matches(p: Playlog, filter: PlaylogFilter = {}): boolean {
	const players = idSet(filter.playerIds);
	const medias = idSet(filter.mediaIds);
	if (players && !players.has(String(p.playerId))) return false;
	if (medias && !medias.has(String(p.mediaId))) return false;
	const stamp = `${p.date} ${p.time}`;
	if (filter.from && stamp < filter.from) return false;
	if (filter.to && stamp > filter.to) return false;
	return true;
}

/** Ground truth: plays grouped by the given fields, rows sorted by those fields. */
export function countPlaylogs(
	spec: PlaylogSpec,
	groupBy: PlaylogGroupField[],
	filter: PlaylogFilter = {},
): PlaylogCountRow[] {
	// Fields in the node's fixed order (media, player, date, hour), whatever order they were asked in.
	groupBy = (['mediaId', 'playerId', 'date', 'hour'] as const).filter((f) => groupBy.includes(f));
	const rows = new Map<string, PlaylogCountRow>();
	for (const p of generatePlaylogs(spec)) {
		if (!matches(p, filter)) continue;
		const row: PlaylogCountRow = { plays: 0 };
		for (const field of groupBy) {
			if (field === 'hour') row.hour = Number(p.time.slice(0, 2));
			else (row as unknown as Record<string, unknown>)[field] = p[field];
		}
		const key = groupBy.map((f) => String((row as unknown as Record<string, unknown>)[f])).join('|');
		const existing = rows.get(key) ?? row;
		existing.plays++;
		rows.set(key, existing);
	}
	return [...rows.values()].sort((a, b) => {
		for (const field of groupBy) {
			const x = (a as unknown as Record<string, number | string>)[field];
			const y = (b as unknown as Record<string, number | string>)[field];
			if (x < y) return -1;
			if (x > y) return 1;
		}
		return 0;
	});
}
