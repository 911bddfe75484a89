import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

/**
 * Readers for the values node fields hold: dates as the editor and expressions give them, JSON
 * fields, ID lists and IDs that go into a URL path. They throw an InputError that names the field
 * and says how to fix it; the per-item loop turns it into a NodeOperationError for that item.
 */

/** A mistake in what the user entered: a message naming the field, and how to fix it. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** The text of a date value: n8n's date picker (a string), an expression's Date or Luxon DateTime. */
function dateText(value: unknown): string {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO() ?? '');
	}
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

const WRITTEN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?/;

function validDay(year: string, month: string, day: string): boolean {
	const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	return d.getUTCFullYear() === Number(year) && d.getUTCMonth() === Number(month) - 1 && d.getUTCDate() === Number(day);
}

export interface WallClock {
	/** `YYYY-MM-DD` */
	date: string;
	/** `HH:MM:SS` */
	time: string;
	/** Whether the value carried a time of its own (a date picker value always does). */
	hasTime: boolean;
}

/**
 * A date and time taken as written, without time zone conversion: for APIs that work in the
 * account's wall-clock time. An offset or `Z` after the time is ignored.
 */
export function wallClock(value: unknown, field: string, defaultTime = '00:00:00'): WallClock {
	const text = dateText(value);
	const match = WRITTEN.exec(text);
	if (!match || !validDay(match[1], match[2], match[3])) {
		throw new InputError(
			text === '' ? `${field} is empty` : `${field} "${text}" is not a date`,
			`Pick a date in ${field}, or enter one as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.`,
		);
	}
	const [, y, mo, d, h, mi, s] = match;
	const hasTime = h !== undefined;
	return { date: `${y}-${mo}-${d}`, time: hasTime ? `${h}:${mi}:${s ?? '00'}` : defaultTime, hasTime };
}

/**
 * A time of day typed as `HH:MM` or `HH:MM:SS` (24-hour), as `HH:MM:SS`. For fields that pair a
 * whole day with an optional time of their own: n8n's date picker always adds a time, so a day
 * field cannot tell "the whole day" from "midnight".
 */
export function timeOfDay(value: unknown, field: string): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) {
		throw new InputError(
			text === '' ? `${field} is empty` : `${field} "${text}" is not a time of day`,
			`Enter ${field} as HH:MM or HH:MM:SS on a 24-hour clock, for example 18:00:00.`,
		);
	}
	return `${match[1].padStart(2, '0')}:${match[2]}:${match[3] ?? '00'}`;
}

/** Only the calendar day of a date value, as written: `YYYY-MM-DD`. */
export function calendarDay(value: unknown, field: string): string {
	return wallClock(value, field).date;
}

/** `YYYY-MM-DD HH:MM:SS`, as written. */
export function wallClockText(value: unknown, field: string): string {
	const { date, time } = wallClock(value, field);
	return `${date} ${time}`;
}

/**
 * An instant, for APIs that work in UTC: a value with an offset or `Z` is converted, one without
 * (n8n's date picker gives `2026-11-30T10:00:00`) is read as UTC, a bare day as its midnight UTC.
 */
export function utcInstant(value: unknown, field: string): Date {
	const text = dateText(value);
	const match = WRITTEN.exec(text);
	if (!match || !validDay(match[1], match[2], match[3])) {
		throw new InputError(
			text === '' ? `${field} is empty` : `"${text}" is not a valid ${field}`,
			`Enter ${field} as YYYY-MM-DD (or YYYY-MM-DD HH:MM:SS) or pick it in the date picker.`,
		);
	}
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	const iso = zoned ? text.replace(' ', 'T') : `${text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T')}Z`;
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		throw new InputError(`"${text}" is not a valid ${field}`, `Enter ${field} as YYYY-MM-DD or pick it in the date picker.`);
	}
	return date;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return jsonParse(text);
	} catch {
		return NOT_JSON;
	}
}

export interface JsonValueOptions {
	/** An empty field (no text, null, undefined) is `undefined` instead of `{}` / `[]`, so a body can leave it out. */
	optional?: boolean;
}

/**
 * A JSON field: typed text, or an object or array from an expression, checked for the expected
 * kind (`any` takes an object or an array). Empty text is an empty object or array, or undefined
 * with `optional`.
 */
export function jsonValue(value: unknown, field: string, expect: 'object'): IDataObject;
export function jsonValue(value: unknown, field: string, expect: 'array'): IDataObject[];
export function jsonValue(value: unknown, field: string, expect: 'any'): IDataObject | IDataObject[];
export function jsonValue(value: unknown, field: string, expect: 'object', options: JsonValueOptions): IDataObject | undefined;
export function jsonValue(value: unknown, field: string, expect: 'array', options: JsonValueOptions): IDataObject[] | undefined;
export function jsonValue(value: unknown, field: string, expect: 'any', options: JsonValueOptions): IDataObject | IDataObject[] | undefined;
export function jsonValue(
	value: unknown,
	field: string,
	expect: 'object' | 'array' | 'any',
	options: JsonValueOptions = {},
): IDataObject | IDataObject[] | undefined {
	const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	if (empty && options.optional) return undefined;
	let parsed: unknown = value;
	if (value === undefined || value === null) parsed = expect === 'array' ? [] : {};
	if (typeof value === 'string') {
		const text = value.trim();
		parsed = text === '' ? (expect === 'array' ? [] : {}) : parseJson(text);
		if (parsed === NOT_JSON) {
			throw new InputError(
				`${field} is not valid JSON`,
				expect === 'array'
					? `Enter a JSON array in ${field}, starting with [ and ending with ].`
					: expect === 'object'
						? `Enter a JSON object in ${field}, starting with { and ending with }.`
						: `Enter a JSON object (in { and }) or array (in [ and ]) in ${field}.`,
			);
		}
	}
	const isArray = Array.isArray(parsed);
	const isObject = !!parsed && typeof parsed === 'object' && !isArray;
	const ok = expect === 'array' ? isArray : expect === 'object' ? isObject : isArray || isObject;
	if (!ok) {
		throw new InputError(
			expect === 'any' ? `${field} must be a JSON object or array` : `${field} must be a JSON ${expect}`,
			expect === 'array'
				? `Wrap the entries of ${field} in [ and ].`
				: expect === 'object'
					? `Enter an object in { and } in ${field}.`
					: `Enter an object in { and } or an array in [ and ] in ${field}.`,
		);
	}
	return parsed as IDataObject | IDataObject[];
}

/** A comma-separated list of IDs (or an array from an expression): numbers stay numbers. */
export function idList(value: unknown): Array<number | string> {
	if (Array.isArray(value)) return value.flatMap((v) => idList(v));
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '')
		.map((v) => (/^\d+$/.test(v) ? Number(v) : v));
}

/** A list of integer IDs; anything that is not an integer is refused, naming the field. */
export function integerList(value: unknown, field: string): number[] {
	return idList(value).map((id) => {
		const n = typeof id === 'number' ? id : Number(id);
		if (!Number.isInteger(n)) {
			throw new InputError(
				`${field} contains "${id}", which is not a number`,
				`Enter numeric IDs in ${field}, separated by commas, for example 1, 24.`,
			);
		}
		return n;
	});
}

/**
 * One URL path segment from a user-supplied ID: encoded, and refused when it is empty or would
 * change the path (`.`, `..`), so an ID can never reach another endpoint.
 */
export function pathSegment(id: unknown, field = 'ID'): string {
	const text = id === undefined || id === null ? '' : String(id).trim();
	if (text === '' || text === '.' || text === '..') {
		throw new InputError(
			text === '' ? `${field} is empty` : `"${text}" is not a valid ${field}`,
			`Enter the ${field} of an existing object, or map it from an earlier node.`,
		);
	}
	return encodeURIComponent(text);
}

/** `/<collection>/<id>[/<rest>...]` with the ID as one encoded path segment. */
export function idPath(collection: string, id: unknown, field: string, ...rest: string[]): string {
	return [`/${collection.replace(/^\/+/, '')}`, pathSegment(id, field), ...rest].join('/');
}

/** An object of optional fields without the empty ones: undefined, null, '' and []. */
export function compact(values: IDataObject | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}
