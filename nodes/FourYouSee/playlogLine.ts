/**
 * A fast reader of the few fields Summary and the filters need (`date`, `time`, `playerId`,
 * `mediaId`) from one NDJSON playlog line, without building the line's object. It walks the line
 * once and understands only the flat shape every recorded line has
 * (`{"account":"…","date":"2021-07-26","time":"15:58:52","playerId":4,"mediaId":48,"ip":"…","type":"I"}`,
 * nodes/FourYouSee/playlogs.ts): strings without escapes or control characters, JSON numbers,
 * `true`, `false`, `null`, keys in any order, JSON whitespace.
 *
 * Anything else (an escape, a nested object or array, a needed key given twice, a malformed line)
 * returns false, and the caller parses the line with JSON.parse, which gives the exact answer or
 * the exact error. So the values read here are always the ones JSON.parse would give: a string is
 * the text between its quotes (no escapes, so nothing to decode), a number is `Number()` of its
 * JSON text (the same correctly rounded conversion), and a missing key is undefined.
 */

/** The fields read from a line: the same values `JSON.parse(line)[key]` gives. */
export interface PlaylogFields {
	date: unknown;
	time: unknown;
	playerId: unknown;
	mediaId: unknown;
}

/**
 * A backslash (an escape) or a control character (which JSON refuses raw in a string): such a line
 * goes to JSON.parse. A regular expression because the engine searches a line for a character
 * class several times faster than a loop over its characters; built from character codes so that
 * the source holds no control character.
 */
const NEEDS_FULL_PARSE = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(31)}\\\\]`);

function needsFullParse(line: string): boolean {
	return NEEDS_FULL_PARSE.test(line);
}

const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN = 123;
const CLOSE = 125;

const DATE = 1;
const TIME = 2;
const PLAYER = 4;
const MEDIA = 8;

/** The bit of each field in `readPlaylogFields`' `wanted` mask. */
export const PLAYLOG_FIELD_BITS: Readonly<Record<keyof PlaylogFields, number>> = { date: DATE, time: TIME, playerId: PLAYER, mediaId: MEDIA };

/** The mask of the fields named. */
export function playlogFieldMask(fields: Iterable<keyof PlaylogFields>): number {
	let mask = 0;
	for (const field of fields) mask |= PLAYLOG_FIELD_BITS[field];
	return mask;
}

const ALL_FIELDS = DATE | TIME | PLAYER | MEDIA;

/** Which needed key starts at `at` (the character after the opening quote) and ends at `end`. */
function keyAt(line: string, at: number, end: number): number {
	switch (end - at) {
		case 4:
			if (line.startsWith('date', at)) return DATE;
			if (line.startsWith('time', at)) return TIME;
			return 0;
		case 7:
			return line.startsWith('mediaId', at) ? MEDIA : 0;
		case 8:
			return line.startsWith('playerId', at) ? PLAYER : 0;
		default:
			return 0;
	}
}

/**
 * The end of the JSON number starting at `at`, or -1 when the text there is not one (JSON's
 * grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
 */
function numberEnd(line: string, at: number): number {
	let i = at;
	let c = line.charCodeAt(i);
	if (c === MINUS) c = line.charCodeAt(++i);
	if (c === ZERO) c = line.charCodeAt(++i);
	else if (c > ZERO && c <= NINE) {
		do c = line.charCodeAt(++i);
		while (c >= ZERO && c <= NINE);
	} else return -1;
	if (c === DOT) {
		c = line.charCodeAt(++i);
		if (!(c >= ZERO && c <= NINE)) return -1;
		do c = line.charCodeAt(++i);
		while (c >= ZERO && c <= NINE);
	}
	if (c === 101 /* e */ || c === 69 /* E */) {
		c = line.charCodeAt(++i);
		if (c === 43 /* + */ || c === MINUS) c = line.charCodeAt(++i);
		if (!(c >= ZERO && c <= NINE)) return -1;
		do c = line.charCodeAt(++i);
		while (c >= ZERO && c <= NINE);
	}
	return i;
}

/** The value of the JSON number `line[at, end)`: digits alone are summed, anything else is Number(). */
function numberValue(line: string, at: number, end: number): number {
	if (end - at <= 15) {
		let n = 0;
		let i = at;
		for (; i < end; i++) {
			const c = line.charCodeAt(i);
			if (c < ZERO || c > NINE) break;
			n = n * 10 + (c - ZERO);
		}
		// Up to 15 digits are exact in a double, so the sum is what Number() gives.
		if (i === end) return n;
	}
	return Number(line.slice(at, end));
}

function isSpace(c: number): boolean {
	// JSON whitespace; tab, newline and carriage return never get here (needsFullParse).
	return c === SPACE;
}

/**
 * Reads the needed fields of `line` into `out` and returns true, or returns false (with `out`
 * partly written) when the line needs JSON.parse. Only the fields in `wanted` (a mask of
 * PLAYLOG_FIELD_BITS) get their values; the others are checked like the rest of the line and stay
 * undefined, so a summary by player and media builds no string per line.
 */
export function readPlaylogFields(line: string, out: PlaylogFields, wanted = ALL_FIELDS): boolean {
	if (needsFullParse(line)) return false;
	const length = line.length;
	let i = 0;
	while (isSpace(line.charCodeAt(i))) i++;
	if (line.charCodeAt(i) !== OPEN) return false;
	out.date = undefined;
	out.time = undefined;
	out.playerId = undefined;
	out.mediaId = undefined;
	let seen = 0;
	i++;
	while (isSpace(line.charCodeAt(i))) i++;
	if (line.charCodeAt(i) === CLOSE) {
		i++;
	} else {
		for (;;) {
			if (line.charCodeAt(i) !== QUOTE) return false;
			const keyEnd = line.indexOf('"', i + 1);
			if (keyEnd === -1) return false;
			const key = keyAt(line, i + 1, keyEnd);
			if (key !== 0) {
				// A needed key twice: JSON.parse keeps the last, which this reader does not try to follow.
				if ((seen & key) !== 0) return false;
				seen |= key;
			}
			i = keyEnd + 1;
			while (isSpace(line.charCodeAt(i))) i++;
			if (line.charCodeAt(i) !== COLON) return false;
			i++;
			while (isSpace(line.charCodeAt(i))) i++;
			const c = line.charCodeAt(i);
			let value: unknown;
			if (c === QUOTE) {
				const end = line.indexOf('"', i + 1);
				if (end === -1) return false;
				if ((key & wanted) !== 0) value = line.slice(i + 1, end);
				i = end + 1;
			} else if (c === MINUS || (c >= ZERO && c <= NINE)) {
				const end = numberEnd(line, i);
				if (end === -1) return false;
				if ((key & wanted) !== 0) value = numberValue(line, i, end);
				i = end;
			} else if (c === 116 /* t */ && line.startsWith('true', i)) {
				value = true;
				i += 4;
			} else if (c === 102 /* f */ && line.startsWith('false', i)) {
				value = false;
				i += 5;
			} else if (c === 110 /* n */ && line.startsWith('null', i)) {
				value = null;
				i += 4;
			} else {
				// A nested object or array, or not JSON at all.
				return false;
			}
			if ((key & wanted) === 0) {
				// Not asked for: left undefined.
			} else if (key === DATE) out.date = value;
			else if (key === TIME) out.time = value;
			else if (key === PLAYER) out.playerId = value;
			else if (key === MEDIA) out.mediaId = value;
			while (isSpace(line.charCodeAt(i))) i++;
			const next = line.charCodeAt(i);
			if (next === COMMA) {
				i++;
				while (isSpace(line.charCodeAt(i))) i++;
				continue;
			}
			if (next === CLOSE) {
				i++;
				break;
			}
			return false;
		}
	}
	while (isSpace(line.charCodeAt(i))) i++;
	return i === length;
}

/** Keys a layout holds at most: a line with more is left to the general reader. */
const MAX_LAYOUT_KEYS = 64;

/**
 * The keys of a line `readPlaylogFields` understood, in order, or undefined when one repeats or
 * there are more than a layout holds.
 */
function flatKeys(line: string): string[] | undefined {
	const keys: string[] = [];
	const seen = new Set<string>();
	let i = line.indexOf('{') + 1;
	for (;;) {
		const start = line.indexOf('"', i);
		if (start === -1) break;
		const end = line.indexOf('"', start + 1);
		const key = line.slice(start + 1, end);
		if (seen.has(key) || keys.length === MAX_LAYOUT_KEYS) return undefined;
		seen.add(key);
		keys.push(key);
		i = line.indexOf(':', end) + 1;
		while (isSpace(line.charCodeAt(i))) i++;
		// Past the value: a string to its closing quote, anything else to the next comma.
		if (line.charCodeAt(i) === QUOTE) i = line.indexOf('"', i + 1) + 1;
		const comma = line.indexOf(',', i);
		if (comma === -1) break;
		i = comma + 1;
	}
	return keys;
}

// JSON's own grammar, for text without escapes: whitespace (a line holds no line feed), a string
// without escapes or control characters, a number, a literal.
const WS = '[ \\t\\r]*';
const STRING = '"[^"\\\\\\x00-\\x1f]*"';
const NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const SCALAR = `${STRING}|${NUMBER}|true|false|null`;
/** date, time, playerId, mediaId with their bits: the order of `layoutPattern`'s groups. */
const FIELD_KEYS = Object.entries(PLAYLOG_FIELD_BITS) as Array<[keyof PlaylogFields, number]>;

/** Text matched as itself in a regular expression. */
function literal(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The value of a captured JSON scalar, as JSON.parse gives it. */
function scalarValue(text: string): unknown {
	switch (text.charCodeAt(0)) {
		case QUOTE:
			return text.slice(1, -1);
		case 116 /* t */:
			return true;
		case 102 /* f */:
			return false;
		case 110 /* n */:
			return null;
		default:
			return numberValue(text, 0, text.length);
	}
}

/**
 * The regular expression of one layout: a flat JSON object with exactly `keys`, in that order,
 * capturing the values of the fields in `wanted`; `groups` gives, for date, time, playerId and
 * mediaId, the capture group holding it (0: not captured).
 */
export function layoutPattern(keys: readonly string[], wanted = ALL_FIELDS): { pattern: RegExp; groups: number[] } {
	const groups = [0, 0, 0, 0];
	let group = 0;
	const members = keys.map((key) => {
		const field = FIELD_KEYS.findIndex(([name, bit]) => name === key && (wanted & bit) !== 0);
		if (field !== -1) groups[field] = ++group;
		const value = field !== -1 ? `(${SCALAR})` : `(?:${SCALAR})`;
		return `"${literal(key)}"${WS}:${WS}${value}`;
	});
	// One whitespace run between any two tokens (`{}` has one, not two): adjacent runs would let
	// the engine try every split of a long run of spaces.
	const body = members.length === 0 ? WS : `${WS}${members.join(`${WS},${WS}`)}${WS}`;
	return { pattern: new RegExp(`^${WS}\\{${body}\\}${WS}$`), groups };
}

/** A layout seen this many lines in a row is given up for the line's own. */
const RELEARN_AFTER = 16;
/** Layouts learned at most per file: beyond, lines that differ all go to the general reader. */
const MAX_LAYOUTS = 64;

/**
 * `readPlaylogFields` for a whole file, a few times faster on files whose lines all have the same
 * keys in the same order (every file seen: one writer writes them all). From a line the general
 * reader understands it learns the layout, the keys in their order, as one regular expression of
 * JSON's own grammar that captures the fields asked for; a line it matches is a flat JSON object
 * with exactly those keys, once each, so its captures are what JSON.parse gives. A line it does
 * not match goes to `readPlaylogFields`, and a run of such lines teaches a new layout.
 */
export class PlaylogLineReader {
	private layout: RegExp | undefined;
	/** For each field, the capture group holding it in `layout`, or 0 when the layout lacks it. */
	private groups = [0, 0, 0, 0];
	private misses = 0;
	private learned = 0;

	constructor(private readonly wanted = ALL_FIELDS) {}

	/** As `readPlaylogFields(line, out, wanted)`: true with the fields read, false for JSON.parse. */
	read(line: string, out: PlaylogFields): boolean {
		const layout = this.layout;
		if (layout !== undefined) {
			const match = layout.exec(line);
			if (match !== null) {
				this.misses = 0;
				const groups = this.groups;
				out.date = groups[0] === 0 ? undefined : scalarValue(match[groups[0]]);
				out.time = groups[1] === 0 ? undefined : scalarValue(match[groups[1]]);
				out.playerId = groups[2] === 0 ? undefined : scalarValue(match[groups[2]]);
				out.mediaId = groups[3] === 0 ? undefined : scalarValue(match[groups[3]]);
				return true;
			}
		}
		if (!readPlaylogFields(line, out, this.wanted)) return false;
		if (this.learned < MAX_LAYOUTS && (layout === undefined || ++this.misses >= RELEARN_AFTER)) this.learn(line);
		return true;
	}

	private learn(line: string) {
		this.learned++;
		this.misses = 0;
		const keys = flatKeys(line);
		if (keys === undefined) return;
		const { pattern, groups } = layoutPattern(keys, this.wanted);
		this.layout = pattern;
		this.groups = groups;
	}
}
