/**
 * A reader for Python literals, the notation 4YouSee's reference webhook receiver reads
 * notifications in (https://github.com/4YouSee-Suporte/4youseewebhook/blob/8bd937a/webhook/base/views.py
 * swaps quotes, then evaluates the body): dicts, lists, tuples, strings in either quote, numbers,
 * None/True/False (and JSON's null/true/false). Nothing is evaluated: anything else, a call, a name,
 * an operator, makes the whole text unreadable.
 */

/** Deeper nesting is refused: a notification is two levels deep. */
const MAX_DEPTH = 32;

class NotALiteral extends Error {}

const CONSTANTS: Record<string, unknown> = { None: null, True: true, False: false, null: null, true: true, false: false };

const ESCAPES: Record<string, string> = {
	'\\': '\\',
	"'": "'",
	'"': '"',
	n: '\n',
	r: '\r',
	t: '\t',
	b: '\b',
	f: '\f',
	v: '\v',
	a: '\x07',
	'0': '\0',
	'\n': '',
};

class Reader {
	private at = 0;

	constructor(private readonly text: string) {}

	read(): unknown {
		const value = this.value(0);
		this.space();
		if (this.at !== this.text.length) throw new NotALiteral();
		return value;
	}

	private space(): void {
		while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
	}

	private value(depth: number): unknown {
		if (depth > MAX_DEPTH) throw new NotALiteral();
		this.space();
		const c = this.text[this.at];
		if (c === '{') return this.dict(depth);
		if (c === '[') return this.sequence(depth, ']');
		if (c === '(') return this.sequence(depth, ')');
		if (c === "'" || c === '"') return this.string();
		if ((c === 'u' || c === 'U') && (this.text[this.at + 1] === "'" || this.text[this.at + 1] === '"')) {
			this.at++;
			return this.string();
		}
		if (c !== undefined && /[-+0-9.]/.test(c)) return this.number();
		const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at, this.at + 8))?.[0];
		if (word !== undefined && word in CONSTANTS) {
			this.at += word.length;
			return CONSTANTS[word];
		}
		throw new NotALiteral();
	}

	private expect(char: string): void {
		this.space();
		if (this.text[this.at] !== char) throw new NotALiteral();
		this.at++;
	}

	/** `{key: value, ...}`, a trailing comma allowed; keys are strings or numbers, as JSON keys. */
	private dict(depth: number): Record<string, unknown> {
		this.at++;
		const out: Record<string, unknown> = {};
		for (;;) {
			this.space();
			if (this.text[this.at] === '}') {
				this.at++;
				return out;
			}
			const key = this.value(depth + 1);
			if (typeof key !== 'string' && typeof key !== 'number') throw new NotALiteral();
			this.expect(':');
			const value = this.value(depth + 1);
			// Never on the prototype: a key "__proto__" is an ordinary key here.
			Object.defineProperty(out, String(key), { value, enumerable: true, writable: true, configurable: true });
			this.space();
			if (this.text[this.at] === ',') this.at++;
			else if (this.text[this.at] !== '}') throw new NotALiteral();
		}
	}

	private sequence(depth: number, close: string): unknown[] {
		this.at++;
		const out: unknown[] = [];
		for (;;) {
			this.space();
			if (this.text[this.at] === close) {
				this.at++;
				return out;
			}
			out.push(this.value(depth + 1));
			this.space();
			if (this.text[this.at] === ',') this.at++;
			else if (this.text[this.at] !== close) throw new NotALiteral();
		}
	}

	private string(): string {
		const quote = this.text[this.at++];
		let out = '';
		for (;;) {
			const c = this.text[this.at++];
			if (c === undefined || c === '\n') throw new NotALiteral();
			if (c === quote) return out;
			if (c !== '\\') {
				out += c;
				continue;
			}
			const e = this.text[this.at++];
			if (e === undefined) throw new NotALiteral();
			if (e in ESCAPES) out += ESCAPES[e];
			else if (e === 'x') out += this.code(2);
			else if (e === 'u') out += this.code(4);
			else if (e === 'U') out += this.code(8);
			// Python keeps an unknown escape as written.
			else out += `\\${e}`;
		}
	}

	private code(digits: number): string {
		const hex = this.text.slice(this.at, this.at + digits);
		if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new NotALiteral();
		this.at += digits;
		const point = parseInt(hex, 16);
		if (point > 0x10ffff) throw new NotALiteral();
		return String.fromCodePoint(point);
	}

	private number(): number {
		const match = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?/.exec(this.text.slice(this.at));
		if (!match) throw new NotALiteral();
		this.at += match[0].length;
		const n = Number(match[0].replace(/_/g, ''));
		if (!Number.isFinite(n)) throw new NotALiteral();
		return n;
	}
}

/** The value a Python literal writes, or undefined when the text is anything else. */
export function readPythonLiteral(text: string): unknown {
	try {
		return new Reader(text).read();
	} catch {
		// NotALiteral, or a malformed escape: either way the text is not a literal this reader takes.
		return undefined;
	}
}
