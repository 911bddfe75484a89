import type { IDataObject } from 'n8n-workflow';

import { autoGunzip, type BodyReadOptions } from '../shared/ndjson';

/**
 * Streaming readers that turn a rated data report file (JSON or CSV, plain or gzip) into one row at
 * a time. Only the current chunk and the current record are held; the rows themselves are kept by
 * the caller (One Item per Row) or folded into totals (Totals) and dropped.
 */

export class RowsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RowsError';
	}
}

type ByteChunks = AsyncIterable<Uint8Array>;

/** UTF-8 text of decompressed bytes, chunk by chunk, without a byte order mark. */
export async function* textOf(source: ByteChunks): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	for await (const chunk of source) {
		const text = decoder.decode(chunk, { stream: true });
		if (text) yield text;
	}
	const rest = decoder.decode();
	if (rest) yield rest;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A field longer than this is a broken file (an unclosed quote), not data: the read stops. */
const MAX_FIELD_BYTES = 16 * 1024 * 1024;

function asBuffer(chunk: Uint8Array): Buffer {
	return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * The values of one column, each kept once: a rated data report repeats its customers, products,
 * currencies and periods on every row, so rows share those strings instead of holding a copy each.
 * A value is looked up by its bytes, before any string is made, so a repeated value costs no
 * allocation at all: otherwise most strings made while reading would be copies the rows drop
 * (measured: reading is about a quarter faster; the peak, mostly the rows and V8's young
 * generation, stays the same). Values that are not one run of bytes in a chunk (quote escapes, a value split over two chunks)
 * are looked up by their text. A column whose values rarely repeat (line IDs, amounts) stops being
 * pooled after its first values.
 */
export class ValuePool {
	private enabled = true;
	private lookups = 0;
	private hits = 0;
	private readonly byText = new Map<string, string>();
	// Open addressing: `slots` holds an entry's index + 1 (0 is free); an entry is its hash, where
	// its bytes are in `arena`, their length and the string.
	private slots = new Int32Array(256);
	private hashes = new Int32Array(128);
	private starts = new Int32Array(128);
	private lengths = new Int32Array(128);
	private values: string[] = [];
	private arena = Buffer.allocUnsafe(4096);
	private arenaUsed = 0;

	/** The value of `buf[from, to)`, made by `decode` only when the column has not had it yet. */
	fromBytes(buf: Buffer, from: number, to: number, decode: (buf: Buffer, from: number, to: number) => string): string {
		if (!this.enabled) return decode(buf, from, to);
		let hash = 0x811c9dc5 ^ (to - from);
		for (let i = from; i < to; i++) hash = Math.imul(hash ^ buf[i], 0x01000193);
		const slots = this.slots;
		const mask = slots.length - 1;
		const length = to - from;
		let slot = hash & mask;
		for (;;) {
			const entry = slots[slot] - 1;
			if (entry < 0) break;
			if (this.hashes[entry] === hash && this.lengths[entry] === length && this.sameBytes(entry, buf, from, length)) {
				const value = this.values[entry];
				// Counted after reading: the count may drop the pool.
				this.count(true);
				return value;
			}
			slot = (slot + 1) & mask;
		}
		const value = decode(buf, from, to);
		this.count(false);
		if (this.enabled && this.values.length < POOL_SIZE) this.add(hash, slot, buf, from, length, value);
		return value;
	}

	/** The same for a value already made into text. */
	fromText(value: string): string {
		if (!this.enabled) return value;
		const known = this.byText.get(value);
		this.count(known !== undefined);
		if (known !== undefined) return known;
		if (this.enabled && this.byText.size < POOL_SIZE) this.byText.set(value, value);
		return value;
	}

	private count(hit: boolean) {
		this.lookups++;
		if (hit) this.hits++;
		// Judged after a sample large enough for thousands of customers to start repeating.
		if (this.lookups === POOL_SIZE && this.hits < POOL_SIZE / 4) this.drop();
	}

	private drop() {
		this.enabled = false;
		this.byText.clear();
		this.slots = new Int32Array(0);
		this.hashes = this.starts = this.lengths = new Int32Array(0);
		this.values = [];
		this.arena = Buffer.alloc(0);
	}

	private sameBytes(entry: number, buf: Buffer, from: number, length: number): boolean {
		const arena = this.arena;
		const at = this.starts[entry];
		for (let i = 0; i < length; i++) if (arena[at + i] !== buf[from + i]) return false;
		return true;
	}

	private add(hash: number, slot: number, buf: Buffer, from: number, length: number, value: string) {
		const entry = this.values.length;
		if (entry === this.hashes.length) {
			const grow = (old: Int32Array) => {
				const next = new Int32Array(old.length * 2);
				next.set(old);
				return next;
			};
			this.hashes = grow(this.hashes);
			this.starts = grow(this.starts);
			this.lengths = grow(this.lengths);
		}
		if (this.arenaUsed + length > this.arena.length) {
			const next = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
			this.arena.copy(next, 0, 0, this.arenaUsed);
			this.arena = next;
		}
		buf.copy(this.arena, this.arenaUsed, from, from + length);
		this.hashes[entry] = hash;
		this.starts[entry] = this.arenaUsed;
		this.lengths[entry] = length;
		this.values.push(value);
		this.arenaUsed += length;
		this.slots[slot] = entry + 1;
		// Kept at most half full, so a probe ends soon.
		if ((entry + 1) * 2 > this.slots.length) this.rehash();
	}

	private rehash() {
		const slots = new Int32Array(this.slots.length * 2);
		const mask = slots.length - 1;
		for (let entry = 0; entry < this.values.length; entry++) {
			let slot = this.hashes[entry] & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = entry + 1;
		}
		this.slots = slots;
	}
}

/** Values kept per column, and lookups after which a column that rarely repeats stops being pooled. */
const POOL_SIZE = 65_536;

/** The chunks of a byte source without a leading UTF-8 byte order mark, even one split over chunks. */
async function* withoutBom(source: ByteChunks): AsyncGenerator<Uint8Array> {
	const iterator = source[Symbol.asyncIterator]();
	let head: Buffer = Buffer.alloc(0);
	try {
		while (head.length < 3) {
			const next = await iterator.next();
			if (next.done) break;
			head = head.length === 0 ? asBuffer(next.value) : Buffer.concat([head, next.value]);
		}
		yield head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
		for (;;) {
			const next = await iterator.next();
			if (next.done) return;
			yield next.value;
		}
	} finally {
		await iterator.return?.();
	}
}

/**
 * Reads CSV records (RFC 4180) straight from the bytes and hands each to `onRecord` (the array is
 * reused: copy what you keep). Quoted fields, `""` inside quotes, delimiters and line breaks inside
 * quotes, CRLF or LF line ends, a leading byte order mark; blank lines are skipped. Each value is
 * decoded from its own bytes, so no value keeps a chunk of the file alive, and values are pooled
 * per column. With `columns`, called with the first record (the header), only the columns it marks
 * are decoded in the records after it; the others are ''. Returns whether the file ended with a
 * line break.
 */
export async function readCsv(
	source: ByteChunks,
	delimiter: string,
	onRecord: (fields: string[], line: number) => void,
	columns?: (header: string[]) => boolean[],
): Promise<{ endedWithLineBreak: boolean; lastRecordWidth: number }> {
	const delim = delimiter.charCodeAt(0) & 0xff;
	const pools: ValuePool[] = [];
	const fields: string[] = [];
	let width = 0;
	// Columns to decode (undefined: all), known once the header has been read.
	let decode: boolean[] | undefined;
	let headerRead = false;
	// Whether the record's first field had any bytes: a line with nothing is blank, decoded or not.
	let firstHadBytes = false;
	// The field being read: where it starts (negative when it began in earlier chunks, kept in
	// `parts`), and what is known about it.
	let parts: Buffer[] = [];
	let carried = 0;
	let quoted = false;
	let inQuotes = false;
	let quoteSeen = false;
	let closeAt = -1;
	let escapes = false;
	let nonAscii = false;
	let previous = -1;
	let line = 1;
	let recordLine = 1;
	let sawAny = false;
	let endedWithLineBreak = false;
	let lastRecordWidth = 0;

	const text = (buf: Buffer, from: number, to: number): string =>
		to <= from ? '' : nonAscii ? buf.toString('utf8', from, to) : buf.toString('latin1', from, to);

	const endField = (buf: Buffer, start: number, end: number) => {
		if (width === 0) firstHadBytes = end > start || quoted;
		if (decode !== undefined && decode[width] !== true) {
			fields[width++] = '';
			resetField();
			return;
		}
		let source = buf;
		let base = start;
		if (parts.length > 0) {
			source = Buffer.concat(end > 0 ? [...parts, buf.subarray(0, end)] : parts);
			base = 0;
		}
		const length = end - start;
		const pool = pools[width] ?? (pools[width] = new ValuePool());
		let value: string;
		if (!quoted) value = pool.fromBytes(source, base, base + length, text);
		else {
			const close = closeAt < 0 ? length : closeAt;
			if (!escapes && length <= close + 1) value = pool.fromBytes(source, base + 1, base + close, text);
			else {
				value = text(source, base + 1, base + close);
				if (escapes) value = value.replace(/""/g, '"');
				if (length > close + 1) value += text(source, base + close + 1, base + length);
				value = pool.fromText(value);
			}
		}
		fields[width++] = value;
		resetField();
	};

	const resetField = () => {
		parts = [];
		carried = 0;
		quoted = false;
		inQuotes = false;
		quoteSeen = false;
		closeAt = -1;
		escapes = false;
		nonAscii = false;
	};

	const endRecord = () => {
		fields.length = width;
		if (width > 1 || firstHadBytes) {
			onRecord(fields, recordLine);
			if (!headerRead) {
				headerRead = true;
				decode = columns?.(fields);
			}
		}
		lastRecordWidth = width;
		width = 0;
	};

	for await (const chunk of withoutBom(source)) {
		const buf = asBuffer(chunk);
		if (buf.length === 0) continue;
		sawAny = true;
		let start = -carried;
		const n = buf.length;
		for (let i = 0; i < n; i++) {
			const c = buf[i];
			if (inQuotes) {
				if (quoteSeen) {
					quoteSeen = false;
					if (c === QUOTE) {
						escapes = true;
						continue;
					}
					inQuotes = false;
					closeAt = i - 1 - start;
				} else if (c === QUOTE) {
					quoteSeen = true;
					continue;
				} else {
					if (c >= 0x80) nonAscii = true;
					else if (c === LF) line++;
					continue;
				}
			}
			if (c === delim) {
				endField(buf, start, i);
				start = i + 1;
			} else if (c === LF) {
				const cr = (i > 0 ? buf[i - 1] : previous) === CR;
				endField(buf, start, cr ? i - 1 : i);
				endRecord();
				start = i + 1;
				line++;
				recordLine = line;
			} else if (c === QUOTE && i === start && !quoted) {
				quoted = true;
				inQuotes = true;
			} else if (c >= 0x80) nonAscii = true;
		}
		if (start < n) {
			parts.push(start <= 0 ? buf : buf.subarray(start));
			carried += start <= 0 ? n : n - start;
			if (carried > MAX_FIELD_BYTES) {
				throw new RowsError(`The CSV file has a field longer than 16 MB from line ${recordLine} on: it is not a CSV file, or a quote there is never closed.`);
			}
		}
		previous = buf[n - 1];
		endedWithLineBreak = start === n && previous === LF;
	}
	if (inQuotes && !quoteSeen) {
		throw new RowsError(`The CSV file ends inside a quoted field that starts on line ${recordLine}: the file was cut off.`);
	}
	if (sawAny && (carried > 0 || width > 0 || quoted)) {
		if (quoteSeen) closeAt = carried - 1;
		endField(Buffer.alloc(0), -carried, previous === CR && carried > 0 ? -1 : 0);
		endRecord();
	}
	return { endedWithLineBreak, lastRecordWidth };
}


/** The column names of a CSV header line; unnamed or repeated columns become column_<n>. */
export function headerKeys(record: string[]): string[] {
	const seen = new Set<string>();
	return record.map((name, i) => {
		const clean = name.trim();
		const key = clean === '' || clean === '__proto__' || seen.has(clean) ? `column_${i + 1}` : clean;
		seen.add(key);
		return key;
	});
}

/**
 * A row factory for one header: the row shape is made once, as an object with every column, and
 * each row is a copy of it (one hidden class, properties stored inside the object) with its values
 * filled in. Extra fields beyond the header become column_<n>; missing ones stay empty.
 */
export function rowMaker(keys: string[]): (fields: string[]) => IDataObject {
	const shape: Record<string, string> = {};
	for (const key of keys) shape[key] = '';
	// Parsed from JSON, the template has its properties inside the object, and so has every copy.
	const template = JSON.parse(JSON.stringify(shape)) as IDataObject;
	const width = keys.length;
	return (fields) => {
		const row: IDataObject = { ...template };
		const n = fields.length < width ? fields.length : width;
		for (let i = 0; i < n; i++) row[keys[i]] = fields[i];
		for (let i = width; i < fields.length; i++) row[`column_${i + 1}`] = fields[i];
		return row;
	};
}

/** Called for every row, with its number (1 = the first row after a CSV header). */
export type RowHandler = (row: IDataObject, rowNumber: number) => void;

export interface ReadRowsOptions {
	/** The CSV delimiter (one character). */
	delimiter?: string;
	/** Stop, the idle timeout and the declared Content-Length of the download (http.ts). */
	read?: BodyReadOptions;
	/** Called with the CSV header's keys before the first row. */
	onHeader?: (keys: string[]) => void;
	/**
	 * The only columns the caller reads (Totals): a CSV row then has the others empty, never
	 * decoded. JSON rows are whole either way.
	 */
	columns?: readonly string[];
}

/**
 * Reads every row of a JSON or CSV report file, plain or gzip (detected from the bytes), and hands
 * each to `onRow`. Fails with a RowsError or SourceReadError when the file is not complete: a gzip
 * file without its end, fewer bytes than announced, a CSV file whose last record is cut (fewer
 * fields than the header and no line break after it), or JSON that ends early.
 */
export async function readReportRows(source: ByteChunks | Uint8Array, format: 'json' | 'csv', onRow: RowHandler, options: ReadRowsOptions = {}): Promise<number> {
	const bytes = autoGunzip(source, options.read);
	let count = 0;
	if (format === 'json') {
		for await (const row of jsonRows(textOf(bytes))) onRow(row, ++count);
		return count;
	}
	let keys: string[] | undefined;
	let make: ((fields: string[]) => IDataObject) | undefined;
	const wanted = options.columns ? new Set(options.columns) : undefined;
	const end = await readCsv(
		bytes,
		options.delimiter ?? ',',
		(fields) => {
			if (!make) {
				keys = headerKeys(fields);
				make = rowMaker(keys);
				options.onHeader?.(keys);
				return;
			}
			onRow(make(fields), ++count);
		},
		wanted ? (header) => headerKeys(header).map((key) => wanted.has(key)) : undefined,
	);
	if (keys && count > 0 && !end.endedWithLineBreak && end.lastRecordWidth < keys.length) {
		throw new RowsError(
			`The CSV file ends in the middle of its last row (row ${count} has ${end.lastRecordWidth} of the header's ${keys.length} columns and no line break): the file was cut off.`,
		);
	}
	return count;
}

/** A value that is a number as a report writes one: no leading zeros (IDs keep them), no spaces. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;

function numberOf(text: string): number | undefined {
	if (!NUMBER.test(text)) return undefined;
	const n = Number(text);
	if (!Number.isFinite(n)) return undefined;
	// Digits beyond what a double holds (long IDs) stay text.
	if (!/[.eE]/.test(text) && !Number.isSafeInteger(n)) return undefined;
	return n;
}

interface ColumnKind {
	numeric: boolean;
	boolean: boolean;
	/** A value of the column is text that would change. */
	text: boolean;
}

/**
 * Typed Columns: watches every value of every top-level column while the rows are read, and then
 * turns a column's text into numbers (or booleans) only when every value of that column is one.
 * ASSUMPTION: rated data has no published column types; empty values and nulls neither make nor
 * break a typed column and become null in it; a value with a leading zero ("007") is text.
 */
export class ColumnTypes {
	private readonly kinds = new Map<string, ColumnKind>();

	watch(row: IDataObject): void {
		for (const key in row) {
			const value = row[key];
			let kind = this.kinds.get(key);
			if (!kind) {
				kind = { numeric: true, boolean: true, text: false };
				this.kinds.set(key, kind);
			}
			if (!kind.numeric && !kind.boolean) continue;
			if (value === null || value === undefined || value === '') continue;
			if (typeof value === 'number') kind.boolean = false;
			else if (typeof value === 'boolean') kind.numeric = false;
			else if (typeof value === 'string') {
				kind.text = true;
				if (kind.numeric && numberOf(value) === undefined) kind.numeric = false;
				if (kind.boolean && !BOOLEAN.test(value)) kind.boolean = false;
			} else {
				kind.numeric = false;
				kind.boolean = false;
			}
		}
	}

	/** Converts the rows in place; returns the names of the columns converted. */
	apply<T>(rows: T[], jsonOf: (row: T) => IDataObject): string[] {
		const converted: Array<[string, 'number' | 'boolean']> = [];
		for (const [key, kind] of this.kinds) {
			if (!kind.text) continue;
			if (kind.numeric) converted.push([key, 'number']);
			else if (kind.boolean) converted.push([key, 'boolean']);
		}
		if (converted.length === 0) return [];
		for (const entry of rows) {
			const row = jsonOf(entry);
			for (const [key, type] of converted) {
				const value = row[key];
				if (typeof value !== 'string') continue;
				row[key] = value === '' ? null : type === 'number' ? Number(value) : value.toLowerCase() === 'true';
			}
		}
		return converted.map(([key]) => key);
	}
}

/** Any plain number a summed column may hold: leading zeros, a sign, surrounding spaces allowed. */
const SUMMABLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

interface Group {
	values: IDataObject;
	count: number;
	sum: number[];
	min: Array<number | null>;
	max: Array<number | null>;
}

function decimalsOf(text: string): number {
	const dot = text.indexOf('.');
	if (dot === -1 || /[eE]/.test(text)) return 0;
	return text.length - dot - 1;
}

function preview(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Totals: rows grouped by some columns while the file streams, with a count and, per summed
 * column, its sum, min and max. Only one entry per group is held, never the rows.
 * Empty values (and nulls, missing keys) in a summed column are left out of its sum, min and max;
 * any other value that is not a number fails the run, naming the row and column.
 * ASSUMPTION: a sum is rounded to the most decimals any of its values has, so 0.1 + 0.2 is 0.3.
 */
export class Totals {
	private readonly groups = new Map<string, Group>();
	private readonly decimals: number[];
	private readonly seen = new Set<string>();

	constructor(
		private readonly groupBy: string[],
		private readonly columns: string[],
	) {
		this.decimals = columns.map(() => 0);
	}

	/** Fails when a CSV header lacks one of the columns. */
	checkColumns(keys: string[]): void {
		const missing = [...this.groupBy, ...this.columns].filter((column) => !keys.includes(column));
		if (missing.length > 0) throw new RowsError(missingMessage(missing, keys));
	}

	add(row: IDataObject, rowNumber: number): void {
		const { groupBy, columns } = this;
		let key = '';
		for (let i = 0; i < groupBy.length; i++) {
			const value = row[groupBy[i]];
			key += (i > 0 ? '\u0000' : '') + (typeof value === 'string' ? value : JSON.stringify(value ?? null));
		}
		let group = this.groups.get(key);
		if (!group) {
			const values: IDataObject = {};
			for (const column of groupBy) values[column] = row[column] ?? null;
			group = { values, count: 0, sum: columns.map(() => 0), min: columns.map(() => null), max: columns.map(() => null) };
			this.groups.set(key, group);
		}
		group.count++;
		for (let i = 0; i < columns.length; i++) {
			const raw = row[columns[i]];
			if (raw === undefined || raw === null || raw === '') continue;
			let n: number;
			if (typeof raw === 'number') {
				n = raw;
				const d = decimalsOf(String(raw));
				if (d > this.decimals[i]) this.decimals[i] = d;
			} else if (typeof raw === 'string' && SUMMABLE.test(raw.trim())) {
				const text = raw.trim();
				n = Number(text);
				const d = decimalsOf(text);
				if (d > this.decimals[i]) this.decimals[i] = d;
			} else {
				throw new RowsError(`Row ${rowNumber} has "${preview(raw)}" in the column "${columns[i]}", which is not a number, so the column cannot be summed.`);
			}
			group.sum[i] += n;
			const min = group.min[i];
			const max = group.max[i];
			if (min === null || n < min) group.min[i] = n;
			if (max === null || n > max) group.max[i] = n;
		}
	}

	/** Notes which columns JSON rows carry (a JSON file has no header to check up front). */
	noteKeys(row: IDataObject): void {
		if (this.seen.size === this.groupBy.length + this.columns.length) return;
		for (const column of [...this.groupBy, ...this.columns]) if (column in row) this.seen.add(column);
	}

	/** One item per group (in the order the groups first appeared); without Group By, always one. */
	result(rowsRead: number, checkSeen: boolean): IDataObject[] {
		if (checkSeen && rowsRead > 0) {
			const missing = [...this.groupBy, ...this.columns].filter((column) => !this.seen.has(column));
			if (missing.length > 0) throw new RowsError(missingMessage(missing));
		}
		if (this.groupBy.length === 0 && this.groups.size === 0) {
			this.groups.set('', { values: {}, count: 0, sum: this.columns.map(() => 0), min: this.columns.map(() => null), max: this.columns.map(() => null) });
		}
		const out: IDataObject[] = [];
		for (const group of this.groups.values()) {
			const item: IDataObject = { ...group.values, count: group.count };
			this.columns.forEach((column, i) => {
				const scale = 10 ** Math.min(this.decimals[i], 12);
				item[`${column}_sum`] = Math.round(group.sum[i] * scale) / scale;
				item[`${column}_min`] = group.min[i];
				item[`${column}_max`] = group.max[i];
			});
			out.push(item);
		}
		return out;
	}
}

function missingMessage(missing: string[], keys?: string[]): string {
	const names = missing.map((m) => `"${m}"`).join(', ');
	const known = keys ? `; its columns are ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}` : '';
	return `The report has no column ${names}${known}.`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\ufeff']);

function parseValue(text: string, index: number): unknown {
	let reason: string;
	try {
		return JSON.parse(text);
	} catch (error) {
		reason = (error as Error).message;
	}
	const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
	throw new RowsError(`Record ${index} of the JSON file is not valid JSON (${reason.replace(/\.$/, '')}): ${preview}.`);
}

/**
 * Top-level JSON values of a text stream: the elements of one top-level array, or each value of an
 * NDJSON / concatenated-JSON file, one at a time.
 */
async function* jsonValues(text: AsyncIterable<string>): AsyncGenerator<{ value: unknown; inArray: boolean }> {
	let started = false;
	let inArray = false;
	let arrayClosed = false;
	let buffer = '';
	let collecting = false;
	let primitive = false;
	let depth = 0;
	let inString = false;
	let escaped = false;
	let index = 0;
	for await (const chunk of text) {
		let segmentStart = collecting ? 0 : -1;
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			if (collecting) {
				if (inString) {
					if (escaped) escaped = false;
					else if (c === '\\') escaped = true;
					else if (c === '"') {
						inString = false;
						if (primitive && depth === 0) {
							buffer += chunk.slice(segmentStart, i + 1);
							collecting = false;
							yield { value: parseValue(buffer, ++index), inArray };
							buffer = '';
						}
					}
					continue;
				}
				if (primitive) {
					if (c === ',' || c === ']' || WHITESPACE.has(c)) {
						buffer += chunk.slice(segmentStart, i);
						collecting = false;
						yield { value: parseValue(buffer, ++index), inArray };
						buffer = '';
						if (c === ']' && inArray) arrayClosed = true;
					}
					continue;
				}
				if (c === '"') inString = true;
				else if (c === '{' || c === '[') depth++;
				else if (c === '}' || c === ']') {
					depth--;
					if (depth === 0) {
						buffer += chunk.slice(segmentStart, i + 1);
						collecting = false;
						yield { value: parseValue(buffer, ++index), inArray };
						buffer = '';
					}
				}
				continue;
			}
			if (WHITESPACE.has(c) || c === ',') continue;
			if (!started) {
				started = true;
				if (c === '[') {
					inArray = true;
					continue;
				}
			}
			if (c === ']' && inArray) {
				arrayClosed = true;
				continue;
			}
			if (arrayClosed) throw new RowsError('The JSON file has content after its top-level array.');
			collecting = true;
			segmentStart = i;
			primitive = c !== '{' && c !== '[';
			depth = primitive ? 0 : 1;
			inString = c === '"';
			escaped = false;
		}
		if (collecting) buffer += chunk.slice(segmentStart);
	}
	if (collecting) {
		if (!primitive || inString) throw new RowsError('The JSON file ends in the middle of a record: the file was cut off.');
		yield { value: parseValue(buffer, ++index), inArray };
	}
	if (inArray && !arrayClosed) throw new RowsError('The JSON file ends before its top-level array is closed: the file was cut off.');
}

function asRow(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : { value: value as IDataObject[string] };
}

/**
 * Rows of a JSON report file: a top-level array, NDJSON (one object per line), or one object whose
 * `data` array holds the rows; the last form is read whole. ASSUMPTION: RDE's file layout is not
 * published, so all three are accepted.
 */
export async function* jsonRows(text: AsyncIterable<string>): AsyncGenerator<IDataObject> {
	let held: unknown;
	let count = 0;
	for await (const { value, inArray } of jsonValues(text)) {
		if (inArray) {
			yield asRow(value);
			continue;
		}
		count++;
		if (count === 1) {
			held = value;
			continue;
		}
		if (count === 2) yield asRow(held);
		yield asRow(value);
	}
	if (count === 1) {
		const data = (held as IDataObject | null)?.data;
		if (Array.isArray(data)) for (const row of data) yield asRow(row);
		else yield asRow(held);
	}
}
