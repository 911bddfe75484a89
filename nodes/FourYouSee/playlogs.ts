import type { IDataObject } from 'n8n-workflow';

import { bytes, forEachLine, isGzip, SourceReadError, type BodyReadOptions } from '../shared/ndjson';
import { PLAYLOG_FIELD_BITS, playlogFieldMask, PlaylogLineReader, type PlaylogFields } from './playlogLine';

/** The file's bytes: the HTTP response stream, or a buffer. */
export type PlaylogSource = AsyncIterable<Uint8Array> | Uint8Array;

/**
 * Streaming reader of a 4YouSee playlog file. The files seen are gzip NDJSON, one playlog per line,
 * `{"account","date":"2021-07-26","time":"15:58:52","playerId":4,"mediaId":48,"ip","type":"I"}`
 * (https://github.com/4YouSee-Suporte/4youseewebhook/blob/8bd937a/webhook/base/resources/tools.py),
 * but 4YouSee's own page calls the file "csv" in one sentence and "one JSON per playlog" in the next
 * (https://4yousee-suporte.github.io/endpoints/relatorios.html). So the content decides, never the
 * name or the report's `format`: a first line starting with `{` is NDJSON, anything else CSV with a
 * header row. ASSUMPTION: CSV columns are named like the JSON keys (`account, date, time, playerId,
 * mediaId, ip, type`; case, spaces and `_` ignored), separated by `,` or `;`, fields optionally in
 * double quotes. ASSUMPTION: a proxy may hand the file over already decompressed, so plain text is
 * read too (decided by the first bytes).
 *
 * Memory stays bounded: the shared line reader holds one chunk and one partial line at a time, and
 * the per-line work here is one JSON.parse (or one split) plus a few comparisons. Where only the
 * fields Summary and the filters use are needed, a line is read by `PlaylogLineReader`
 * (playlogLine.ts) instead, which gives the same values without building the object and hands any
 * line it does not fully understand back to JSON.parse.
 */

export type PlaylogFormat = 'ndjson' | 'csv';

export type PlaylogGroupField = 'mediaId' | 'playerId' | 'date' | 'hour';

const PLAYLOG_GROUP_FIELDS: readonly PlaylogGroupField[] = ['mediaId', 'playerId', 'date', 'hour'];

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
	/** Lines read (blank lines and a CSV header included). */
	lines: number;
	/** Playlogs that passed the filter. */
	matched: number;
	/** What the file turned out to be; undefined for a file without playlogs. */
	format?: PlaylogFormat;
}

/** The JSON key of a CSV column: `Player ID`, `player_id` and `playerId` are all `playerId`. */
const CSV_COLUMNS: Record<string, string> = {
	account: 'account',
	date: 'date',
	time: 'time',
	playerid: 'playerId',
	mediaid: 'mediaId',
	ip: 'ip',
	type: 'type',
};

/** Columns whose values are IDs: numbers in the JSON lines, so numbers from CSV too. */
const NUMERIC_COLUMNS = new Set(['playerId', 'mediaId']);

/** Occurrences of a character outside double quotes. */
function countOutsideQuotes(text: string, char: string): number {
	let n = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (c === char && !quoted) n++;
	}
	return n;
}

/** Whether the text has an opening double quote that is not closed yet (a field spanning lines). */
function openQuote(text: string): boolean {
	let n = 0;
	for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
	return n % 2 === 1;
}

/** One CSV record: split on the separator, with RFC 4180 double quotes (`""` inside is one quote). */
function csvFields(text: string, separator: string): string[] {
	if (text.indexOf('"') === -1) {
		const parts = text.split(separator);
		for (let i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
		return parts;
	}
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === separator) {
			fields.push(field.trim());
			field = '';
		} else field += c;
	}
	fields.push(field.trim());
	return fields;
}

interface CsvLayout {
	separator: string;
	keys: string[];
}

/** The header row: the separator with the most columns, the column names as JSON keys. */
function csvLayout(header: string): CsvLayout | undefined {
	const separator = [',', ';', '\t'].reduce((best, c) => (countOutsideQuotes(header, c) > countOutsideQuotes(header, best) ? c : best), ',');
	const keys = csvFields(header, separator).map((name) => CSV_COLUMNS[name.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? name);
	// A header names playlog columns; a first row of values (no header) names none of them.
	if (!keys.includes('date') && !keys.includes('playerId') && !keys.includes('mediaId')) return undefined;
	return { separator, keys };
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

export interface ScanOptions {
	/**
	 * The callback only reads `date`, `time`, `playerId` and `mediaId`: it then gets a record with
	 * just those (reused from line to line, so read it before returning), read without JSON.parse
	 * wherever the line allows.
	 */
	fieldsOnly?: boolean;
	/**
	 * With `fieldsOnly`, the fields the callback reads (default all four); the others stay
	 * undefined on lines the fast reader understands. The filter's own fields are always read.
	 */
	fields?: ReadonlyArray<keyof PlaylogFields>;
	/** Stop, the idle timeout and the declared length of the download (`readOptionsFor`). */
	read?: BodyReadOptions;
	/** Off: every line goes through JSON.parse (the reference the fast reader is tested against). */
	fastLines?: boolean;
}

/**
 * Reads every line, keeps the playlogs that pass the filter and hands each to `onPlaylog`.
 * Fails with PlaylogFileError naming the line for a line that is not a JSON object, and for a file
 * that ends in the middle (truncated gzip, fewer bytes than announced).
 */
export async function scanPlaylogs(
	source: PlaylogSource,
	filter: PlaylogFilter,
	onPlaylog: (playlog: Playlog, line: number) => void,
	options: ScanOptions = {},
): Promise<ScanResult> {
	const players = idSet(filter.playerIds);
	const medias = idSet(filter.mediaIds);
	const from = filter.from;
	const to = filter.to;
	const byTime = from !== undefined || to !== undefined;
	const filtered = players !== undefined || medias !== undefined || byTime;
	const fast = options.fastLines !== false;
	const fieldsOnly = options.fieldsOnly === true;
	const wanted = playlogFieldMask([
		...(fieldsOnly ? (options.fields ?? (Object.keys(PLAYLOG_FIELD_BITS) as Array<keyof PlaylogFields>)) : []),
		...(players !== undefined ? (['playerId'] as const) : []),
		...(medias !== undefined ? (['mediaId'] as const) : []),
		...(byTime ? (['date', 'time'] as const) : []),
	]);
	// One record for every line the fast reader understands.
	const fields: PlaylogFields = { date: undefined, time: undefined, playerId: undefined, mediaId: undefined };
	const lineReader = new PlaylogLineReader(wanted);
	let matched = 0;

	const passes = (playlog: PlaylogFields): boolean => {
		if (players !== undefined && !players.has(playlog.playerId)) return false;
		if (medias !== undefined && !medias.has(playlog.mediaId)) return false;
		if (byTime) {
			const stamp = `${playlog.date as string} ${playlog.time as string}`;
			if (from !== undefined && stamp < from) return false;
			if (to !== undefined && stamp > to) return false;
		}
		return true;
	};

	const bad = (text: string, line: number, why: string): PlaylogFileError =>
		new PlaylogFileError(`Line ${line} of the playlog file is not a valid playlog (${why}): ${preview(text)}`, line);

	let format: PlaylogFormat | undefined;
	let csv: CsvLayout | undefined;
	// A quoted CSV field that spans lines: the record so far and the line it started on.
	let carry: { text: string; line: number } | undefined;

	const fromJson = (text: string, line: number): Playlog => {
		let playlog: Playlog;
		try {
			playlog = JSON.parse(text) as Playlog;
		} catch (error) {
			// Thrown below, outside the catch: the shipped-code rules allow only n8n errors in a catch.
			playlog = error as Playlog;
		}
		if (typeof playlog !== 'object' || playlog === null || Array.isArray(playlog) || playlog instanceof Error) {
			throw bad(text, line, playlog instanceof Error ? playlog.message : 'it is not a JSON object');
		}
		return playlog;
	};

	const fromCsv = (text: string, line: number, layout: CsvLayout): Playlog => {
		const values = csvFields(text, layout.separator);
		if (values.length !== layout.keys.length) {
			throw bad(text, line, `it has ${values.length} fields, the header has ${layout.keys.length}`);
		}
		const playlog: Playlog = {};
		for (let i = 0; i < values.length; i++) {
			const key = layout.keys[i];
			const value = values[i];
			playlog[key] = NUMERIC_COLUMNS.has(key) && /^\d+$/.test(value) ? Number(value) : value;
		}
		return playlog;
	};

	const take = (raw: string, line: number): void => {
		let text = raw;
		let at = line;
		if (carry !== undefined) {
			text = `${carry.text}\n${raw}`;
			at = carry.line;
			carry = undefined;
		} else if (text.length < 3 && text.trim() === '') return;
		if (format === undefined) {
			// The first line with content decides the format; a byte order mark is not content.
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
			if (text.trim() === '') return;
			if (text.trimStart().startsWith('{')) format = 'ndjson';
			else {
				csv = csvLayout(text);
				if (csv === undefined) {
					throw new PlaylogFileError(
						`The playlog file is neither JSON lines nor CSV with a header row naming its columns (line ${at}: ${preview(text)})`,
						at,
					);
				}
				format = 'csv';
				return;
			}
		}
		let playlog: Playlog;
		if (format === 'ndjson') {
			if (fast && (fieldsOnly || filtered) && lineReader.read(text, fields)) {
				// A valid JSON object whose needed fields are known: a line the filter drops is never parsed.
				if (!passes(fields)) return;
				matched++;
				onPlaylog(fieldsOnly ? (fields as Playlog) : fromJson(text, at), line);
				return;
			}
			playlog = fromJson(text, at);
		} else {
			if (text.trim() === '') return;
			if (openQuote(text)) {
				carry = { text, line: at };
				return;
			}
			playlog = fromCsv(text, at, csv as CsvLayout);
		}
		if (!passes(playlog as PlaylogFields)) return;
		matched++;
		onPlaylog(playlog, line);
	};

	// Settled rather than caught: the shipped-code rules allow only n8n errors thrown in a catch.
	const read = await forEachLine(source, take, options.read).then(
		(lines) => ({ lines, failure: undefined }),
		(failure: unknown) => ({ lines: 0, failure }),
	);
	if (read.failure instanceof SourceReadError) {
		// One sentence: where it stopped, then the reader's own reason.
		const reason = read.failure.message.replace(/\.$/, '');
		throw new PlaylogFileError(
			`The playlog file could not be read after line ${read.failure.linesRead}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`,
			read.failure.linesRead + 1,
		);
	}
	if (read.failure !== undefined) throw read.failure;
	if (carry !== undefined) {
		throw new PlaylogFileError(`Line ${carry.line} of the playlog file opens a quoted field that never closes: ${preview(carry.text)}`, carry.line);
	}
	return { lines: read.lines, matched, format };
}

/** Text enough to tell a file's format: the first line with content. */
const SNIFF_BYTES = 4096;

/**
 * What a playlog file holds, from its first bytes (gzip or not, NDJSON or CSV), for naming it:
 * `head` may be a cut-off piece of a gzip file, which is decompressed as far as it goes.
 */
export async function playlogFileKind(head: Uint8Array): Promise<{ gzip: boolean; format: PlaylogFormat | undefined }> {
	const gzip = isGzip(head);
	let text = '';
	if (gzip) {
		const decoder = new TextDecoder('utf-8');
		// Settled rather than caught: a cut-off head ends in a read failure, after the text that matters.
		const chunks = bytes(head, { gzip: true });
		for (;;) {
			const next = await chunks.next().then(
				(result) => result,
				() => ({ done: true as const, value: undefined }),
			);
			if (next.done) break;
			text += decoder.decode(next.value, { stream: true });
			if (text.length >= SNIFF_BYTES) break;
		}
		await chunks.return(undefined);
	} else {
		text = new TextDecoder('utf-8').decode(head.subarray(0, SNIFF_BYTES));
	}
	const first = text.replace(/^\uFEFF/, '').trimStart();
	const format: PlaylogFormat | undefined = first === '' ? undefined : first.startsWith('{') ? 'ndjson' : 'csv';
	return { gzip, format };
}

/** File name extension and MIME type of a playlog file as it is handed over. */
export function playlogFileType(format: PlaylogFormat | undefined, gzip: boolean): { extension: string; mimeType: string } {
	const base = format === 'csv' ? { extension: 'csv', mimeType: 'text/csv' } : { extension: 'ndjson', mimeType: 'application/x-ndjson' };
	return gzip ? { extension: `${base.extension}.gz`, mimeType: 'application/gzip' } : base;
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
	options: Omit<ScanOptions, 'fieldsOnly'> = {},
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
	}, { ...options, fieldsOnly: true, fields: fields.map((field) => (field === 'hour' ? 'time' : field)) });
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

/**
 * Why a complete download still is not a whole playlog file, from its first and last text: its
 * last line stops in the middle (an NDJSON line that is not a whole JSON object, a CSV row with
 * fewer fields than the header). Undefined when it ends properly. For File output, whose lines are
 * not read one by one; Summary and Playlogs find the same through their line reader.
 */
export function playlogEndProblem(head: string, tail: string, lines: number): string | undefined {
	const first = head.replace(/^\uFEFF/, '').split('\n').find((line) => line.trim() !== '');
	if (first === undefined) return undefined;
	const rows = tail.split('\n');
	let at = lines;
	let last = '';
	for (let i = rows.length - 1; i >= 0; i--, at--) {
		last = rows[i].endsWith('\r') ? rows[i].slice(0, -1) : rows[i];
		if (last.trim() !== '') break;
	}
	if (last.trim() === '') return undefined;
	if (first.trimStart().startsWith('{')) {
		let value: unknown;
		try {
			value = JSON.parse(last) as unknown;
		} catch {
			value = undefined;
		}
		if (value && typeof value === 'object' && !Array.isArray(value)) return undefined;
		return `The playlog file ends in the middle of line ${at}, so it is incomplete: ${preview(last)}`;
	}
	const layout = csvLayout(first.replace(/\r$/, ''));
	if (layout === undefined || openQuote(last) || last === first) return undefined;
	const fields = csvFields(last, layout.separator).length;
	return fields < layout.keys.length
		? `The playlog file ends in the middle of line ${at} (${fields} of the header's ${layout.keys.length} fields), so it is incomplete: ${preview(last)}`
		: undefined;
}
