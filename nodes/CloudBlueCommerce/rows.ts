import type { IDataObject } from 'n8n-workflow';

import { autoGunzip } from '../shared/ndjson';

/**
 * Streaming readers that turn a rated data report file (JSON or CSV, plain or gzip) into one row at
 * a time, holding only the current chunk and the current row in memory.
 */

export class RowsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RowsError';
	}
}

type ByteChunks = AsyncIterable<Uint8Array>;

/** UTF-8 text of a byte source (gzip detected), chunk by chunk, without a byte order mark. */
export async function* textOf(source: ByteChunks): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8');
	for await (const chunk of autoGunzip(source)) {
		const text = decoder.decode(chunk, { stream: true });
		if (text) yield text;
	}
	const rest = decoder.decode();
	if (rest) yield rest;
}

/**
 * CSV records (RFC 4180): quoted fields, `""` inside quotes, delimiters and line breaks inside
 * quotes, CRLF or LF line ends, a leading byte order mark; blank lines are skipped.
 */
export async function* csvRecords(text: AsyncIterable<string>, delimiter = ','): AsyncGenerator<string[]> {
	// Fields are cut out of each chunk with slice() rather than built a character at a time: adding
	// one character per step makes millions of tiny strings and the collector dominates (measured on
	// a 100 MB report in bench/).
	const QUOTE = 34;
	const LF = 10;
	const CR = 13;
	const delim = delimiter.charCodeAt(0);
	let field = '';
	let record: string[] = [];
	let quoted = false;
	let inQuotes = false;
	let quoteSeen = false;
	let first = true;
	let line = 1;
	for await (let chunk of text) {
		if (first && chunk.length > 0) {
			if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
			first = false;
		}
		let seg = 0; // where the text not yet added to `field` starts
		for (let i = 0; i < chunk.length; i++) {
			const code = chunk.charCodeAt(i);
			if (inQuotes) {
				if (quoteSeen) {
					quoteSeen = false;
					seg = i;
					// `""` inside quotes is one literal quote: keep this one as the start of the next piece.
					if (code === QUOTE) continue;
					inQuotes = false;
				} else if (code === QUOTE) {
					field += chunk.slice(seg, i);
					quoteSeen = true;
					seg = i + 1;
					continue;
				} else {
					if (code === LF) line++;
					continue;
				}
			}
			if (code === QUOTE && !quoted && field === '' && i === seg) {
				inQuotes = true;
				quoted = true;
				seg = i + 1;
			} else if (code === delim) {
				record.push(field + chunk.slice(seg, i));
				field = '';
				quoted = false;
				seg = i + 1;
			} else if (code === CR) {
				// A carriage return outside quotes belongs to a line end: leave it out.
				field += chunk.slice(seg, i);
				seg = i + 1;
			} else if (code === LF) {
				line++;
				record.push(field + chunk.slice(seg, i));
				field = '';
				seg = i + 1;
				if (record.length > 1 || record[0] !== '' || quoted) yield record;
				record = [];
				quoted = false;
			}
		}
		if (!quoteSeen) field += chunk.slice(seg);
	}
	if (inQuotes && !quoteSeen) throw new RowsError(`The CSV file ends inside a quoted field that starts before line ${line}: the file may have been cut off`);
	if (field !== '' || record.length > 0 || quoted) {
		record.push(field);
		yield record;
	}
}

/** CSV rows as objects keyed by the header line; unnamed or repeated columns become column_<n>. */
export async function* csvObjects(text: AsyncIterable<string>, delimiter = ','): AsyncGenerator<IDataObject> {
	let header: string[] | undefined;
	for await (const record of csvRecords(text, delimiter)) {
		if (!header) {
			const seen = new Set<string>();
			header = record.map((name, i) => {
				const clean = name.trim();
				const key = clean === '' || seen.has(clean) ? `column_${i + 1}` : clean;
				seen.add(key);
				return key;
			});
			continue;
		}
		const row: IDataObject = {};
		const width = Math.max(header.length, record.length);
		for (let i = 0; i < width; i++) row[header[i] ?? `column_${i + 1}`] = record[i] ?? '';
		yield row;
	}
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
	throw new RowsError(`Record ${index} of the JSON file is not valid JSON (${reason}): ${preview}`);
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
			if (arrayClosed) throw new RowsError('The JSON file has content after its top-level array');
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
		if (!primitive || inString) throw new RowsError('The JSON file ends in the middle of a record: it may have been cut off');
		yield { value: parseValue(buffer, ++index), inArray };
	}
	if (inArray && !arrayClosed) throw new RowsError('The JSON file ends before its top-level array is closed: it may have been cut off');
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

/** The rows of a JSON or CSV report file, plain or gzip, one at a time. */
export function reportRows(source: ByteChunks, format: 'json' | 'csv', delimiter = ','): AsyncGenerator<IDataObject> {
	const text = textOf(source);
	return format === 'csv' ? csvObjects(text, delimiter) : jsonRows(text);
}
