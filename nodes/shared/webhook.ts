import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/**
 * What every webhook trigger of this package does before it looks at a delivery: a size limit,
 * the raw body (n8n keeps it for webhooks) decoded as strict UTF-8, a nesting limit, a JSON parse
 * with the provider's tolerated variants, and one way to answer. Every refusal is a 4xx with a
 * sentence saying why; nothing here throws.
 *
 * What n8n refuses before a trigger sees the request (packages/cli/src/middlewares/body-parser.ts,
 * n8n 2.41): a body of `N8N_PAYLOAD_SIZE_MAX` (16 MB by default) or more, and a body whose
 * `Content-Encoding: gzip|deflate` does not inflate, are answered 500 by n8n's own body reader; a
 * `Content-Type: application/json` body that is not JSON is answered 422 ("Failed to parse request
 * body"). Everything else reaches the trigger, including bodies n8n parsed but cannot store sanely:
 * JSON nested thousands of levels deep is saved with the execution, and reading that execution
 * back then fails with 500, so such bodies are refused here, before any parse.
 */

export interface WebhookBodyOptions {
	/** Larger bodies are refused with 413. */
	maxBytes: number;
	/** What a valid body is, for messages: "a 4YouSee notification". */
	what: string;
	/**
	 * Other readings of a text that is not strict JSON, tried in order after `JSON.parse` (for
	 * providers whose senders write something JSON-like); each returns undefined when it cannot.
	 */
	lenient?: Array<(text: string) => unknown>;
	/** Deeper nesting of objects and arrays is refused with 400 (default 64). */
	maxDepth?: number;
}

export type WebhookBody = { ok: true; body: unknown } | { ok: false; status: number; message: string };

export const DEFAULT_MAX_DEPTH = 64;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

type RawText = { text: string } | { refused: WebhookBody } | undefined;

function rawText(ctx: IWebhookFunctions, options: WebhookBodyOptions, tooLarge: WebhookBody): RawText {
	const raw = (ctx.getRequestObject() as unknown as { rawBody?: unknown }).rawBody;
	if (raw instanceof Uint8Array) {
		if (raw.byteLength > options.maxBytes) return { refused: tooLarge };
		try {
			// JSON is UTF-8 (RFC 8259); a leading BOM is dropped.
			return { text: strictUtf8.decode(raw) };
		} catch {
			return {
				refused: { ok: false, status: 400, message: `The body is not valid UTF-8 text, so it is not ${options.what}` },
			};
		}
	}
	if (typeof raw === 'string') return { text: raw };
	return undefined;
}

/**
 * How deep objects and arrays nest in a JSON(-like) text, read once from start to end, stopping as
 * soon as it passes `max`. Both quote characters open strings, so the single-quoted texts some
 * senders write are measured right too (in strict JSON a `'` only occurs inside `"…"`).
 */
export function nestingDepth(text: string, max = Infinity): number {
	let depth = 0;
	let deepest = 0;
	let quote = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (quote) {
			if (c === 92 /* \ */) i++;
			else if (c === quote) quote = 0;
			continue;
		}
		if (c === 34 /* " */ || c === 39 /* ' */) quote = c;
		else if (c === 123 /* { */ || c === 91 /* [ */) {
			depth++;
			if (depth > deepest) {
				deepest = depth;
				if (deepest > max) return deepest;
			}
		} else if (c === 125 /* } */ || c === 93 /* ] */) depth = Math.max(0, depth - 1);
	}
	return deepest;
}

/** How deep a parsed value nests, without recursion, stopping as soon as it passes `max`. */
function valueDepth(value: unknown, max: number): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length) {
		const [current, depth] = stack.pop()!;
		if (!current || typeof current !== 'object') continue;
		if (depth > deepest) deepest = depth;
		if (deepest > max) return deepest;
		for (const inner of Object.values(current as IDataObject)) {
			if (inner && typeof inner === 'object') stack.push([inner, depth + 1]);
		}
	}
	return deepest;
}

function tooDeep(options: WebhookBodyOptions, max: number): WebhookBody {
	return {
		ok: false,
		status: 400,
		message: `The body nests objects or arrays more than ${max} levels deep, so it is not ${options.what}`,
	};
}

/** The body of the delivery, parsed, or the answer that refuses it (a 4xx). Never throws. */
export function readWebhookBody(ctx: IWebhookFunctions, options: WebhookBodyOptions): WebhookBody {
	const tooLarge: WebhookBody = {
		ok: false,
		status: 413,
		message: `The body is larger than ${options.maxBytes} bytes, so it is not ${options.what}`,
	};
	const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
	try {
		const declared = Number(ctx.getHeaderData()['content-length']);
		if (Number.isFinite(declared) && declared > options.maxBytes) return tooLarge;
		const raw = rawText(ctx, options, tooLarge);
		if (raw && 'refused' in raw) return raw.refused;
		if (raw) return parse(raw.text, options, tooLarge, maxDepth);
		// No raw body kept: n8n parsed it already.
		const parsed = ctx.getBodyData() as unknown;
		if (typeof parsed === 'string') return parse(parsed, options, tooLarge, maxDepth);
		if (valueDepth(parsed, maxDepth) > maxDepth) return tooDeep(options, maxDepth);
		if (JSON.stringify(parsed ?? {}).length > options.maxBytes) return tooLarge;
		return { ok: true, body: parsed };
	} catch {
		// A request object without the usual parts (a test call, a proxy's oddity) is still only a bad request.
		return { ok: false, status: 400, message: `The request could not be read, so it is not ${options.what}` };
	}
}

function parse(text: string, options: WebhookBodyOptions, tooLarge: WebhookBody, maxDepth: number): WebhookBody {
	if (text.length > options.maxBytes || Buffer.byteLength(text, 'utf8') > options.maxBytes) return tooLarge;
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, status: 400, message: `The body is empty, so it is not ${options.what}` };
	// Before any parse: JSON.parse builds the whole tree, however deep.
	if (nestingDepth(trimmed, maxDepth) > maxDepth) return tooDeep(options, maxDepth);
	try {
		return { ok: true, body: JSON.parse(trimmed) as unknown };
	} catch {
		for (const read of options.lenient ?? []) {
			let body: unknown;
			try {
				body = read(trimmed);
			} catch {
				body = undefined;
			}
			if (body === undefined) continue;
			// A lenient reading is measured again: a stray quote can hide brackets from the scan.
			if (valueDepth(body, maxDepth) > maxDepth) return tooDeep(options, maxDepth);
			return { ok: true, body };
		}
	}
	return { ok: false, status: 400, message: `The body is not JSON, so it is not ${options.what}` };
}

/** Answers the delivery now with a status and a JSON body; nothing is started. */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}
