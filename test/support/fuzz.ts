/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * A seeded corpus of malformed and forged webhook requests, the same on every run for one seed:
 * wrong methods, content types and encodings, sizes and lying lengths, deep nesting, odd unicode,
 * JSON-like junk, Python-literal bodies and forged IDs and tokens, for each webhook trigger of the
 * package. `asN8nDelivers` applies what n8n's own body reader does before a trigger sees the
 * request (packages/cli/src/middlewares/body-parser.ts), so tests feed the trigger exactly what it
 * would get, or know that n8n answers first.
 *
 * ```ts
 * for (const request of fuzzRequests(FUZZ_TARGETS.fourYouSeeTrigger, { seed: 1 })) {
 *   const delivered = asN8nDelivers(request);
 *   if ('refusedBy' in delivered) continue;            // n8n answers 4xx/5xx itself
 *   ... feed delivered.rawBody / delivered.body / request.headers / request.query to webhook()
 * }
 * ```
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { parse as parseQueryString } from 'node:querystring';

export interface FuzzRequest {
	/** What the request is, for test names and failure messages: `nesting/65`. */
	label: string;
	method: string;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	query: Record<string, string | string[]>;
	/** The bytes on the wire. */
	body: Buffer;
}

/** What a webhook trigger accepts, for making requests that look like it and are not. */
export interface FuzzTarget {
	name: string;
	method: string;
	/** The trigger's own body limit. */
	maxBytes: number;
	/** A body the trigger would accept (apart from what it checks with the provider). */
	validBody(rng: Rng): Record<string, unknown>;
	/** Body fields holding IDs, to forge. */
	idFields: string[];
	/** A query parameter holding a signed token, to forge. */
	tokenParameter?: string;
	/** A token of the right shape, signed with nothing the trigger knows. */
	forgedToken?(rng: Rng): string;
}

/** n8n's default `N8N_PAYLOAD_SIZE_MAX` (16 MB): larger bodies never reach a node. */
export const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

/** The largest body the corpus builds (1 MB). */
const LARGE = 1024 * 1024;

/* ------------------------------------------------------------------------------------------------
 * Random numbers from a seed (mulberry32)
 * ---------------------------------------------------------------------------------------------- */

export interface Rng {
	(): number;
	int(max: number): number;
	pick<T>(list: readonly T[]): T;
}

export function rng(seed: number): Rng {
	let state = seed >>> 0;
	const next = (() => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}) as Rng;
	next.int = (max) => Math.floor(next() * max);
	next.pick = (list) => list[next.int(list.length)];
	return next;
}

/* ------------------------------------------------------------------------------------------------
 * The triggers
 * ---------------------------------------------------------------------------------------------- */

const hex = (r: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(16)]).join('');
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;

export const FUZZ_TARGETS = {
	/** 4YouSee posts the report object of a finished report (docs/fouryousee.md, "Webhooks"). */
	fourYouSeeTrigger: {
		name: 'fourYouSeeTrigger',
		method: 'POST',
		maxBytes: 64 * 1024,
		validBody: (r) => ({
			id: 1 + r.int(99_999),
			status: r.pick(['success', 'failed']),
			url: `https://s3.amazonaws.com/4yousee-reports/${hex(r, 16)}.json.gz`,
			startDate: '2024-05-01',
			endDate: '2024-05-07',
		}),
		idFields: ['id', 'reportId', 'report.id'],
	},
	/** Reportei Connect callbacks carry a token this package signed in `n8n_request` (metrics.ts). */
	reporteiConnectTrigger: {
		name: 'reporteiConnectTrigger',
		method: 'POST',
		maxBytes: 16 * 1024 * 1024,
		validBody: (r) => ({
			[`metric_${r.int(1000)}`]: { value: r.int(10_000), comparison: { value: r.int(10_000) } },
			[`metric_${r.int(1000)}`]: { value: r.int(10_000) },
		}),
		idFields: ['request_id'],
		tokenParameter: 'n8n_request',
		forgedToken: (r) => `${uuid(r)}.${Date.now().toString(36)}.${Buffer.from(hex(r, 64), 'hex').toString('base64url')}`,
	},
} satisfies Record<string, FuzzTarget>;

/* ------------------------------------------------------------------------------------------------
 * The corpus
 * ---------------------------------------------------------------------------------------------- */

const METHODS = ['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'post', 'PROPFIND'];
const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'application/json; charset=utf-16',
	'application/json; charset=latin1',
	'text/plain',
	'text/html',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=xyz',
	'application/xml',
	'application/octet-stream',
	'application/vnd.api+json',
	'JSON',
	'',
];

const JUNK = [
	'{',
	'}',
	'[',
	'{"id": 1,}',
	'{"id": 1 "status": "success"}',
	'{id: 1}',
	'{"id": NaN}',
	'{"id": Infinity}',
	'{"id": 1} {"id": 2}',
	'{"id": 1}\n{"id": 2}',
	'// comment\n{"id": 1}',
	'{"id": 1 /* comment */}',
	'{"id": 0x1F}',
	'{"id": 1e400}',
	'{"id": -0}',
	'{"id": 123456789012345678901234567890}',
	'{"id": 1, "id": 2}',
	'{"__proto__": {"polluted": true}, "id": 1}',
	'{"constructor": {"prototype": {"polluted": true}}}',
	'null',
	'true',
	'0',
	'"just a string"',
	'[]',
	'{}',
	'[1, 2, 3]',
	'{"id": "1", "status": null}',
	'{"id": {"$gt": 0}}',
	'\u0000',
	'\ufeff{"id": 1}',
	'{"a": "\\ud800"}',
	'{"a": "\\u0000"}',
	'{"a": "\\x41"}',
	'{"a": "unterminated}',
	'{"a": "\\"}',
	']]]]]]]]',
	'}}}}}}}}{',
	'<?xml version="1.0"?><report><id>1</id></report>',
	'id=1&status=success',
	'{"id": 1}garbage',
	' \t\r\n ',
	'undefined',
	'{"id": 1, "status": "success", "url": "javascript:alert(1)"}',
];

const PYTHON = [
	"{'id': 1, 'status': 'success'}",
	"{'id': 1, 'status': 'success', 'done': True, 'url': None}",
	"{'id': 1, 'values': (1, 2, 3)}",
	"{u'id': 1, u'status': u'success'}",
	"{'id': b'1'}",
	"{'id': 1, 'ratio': float('nan')}",
	"{'id': 1, 'when': datetime.datetime(2024, 5, 1, 10, 0)}",
	"{'id': 1, 'it\\'s': 'quoted'}",
	"{'id': 1, 'set': {1, 2}}",
	"{'id': 1, 'status': 'success',}",
	"dict(id=1, status='success')",
	"OrderedDict([('id', 1)])",
];

const UNICODE = [
	'😀',
	'שלום',
	'مرحبا',
	'\u200b\u200d\ufeff',
	'e\u0301\u0301\u0301\u0301',
	'\u0000\u0001\u001f',
	'𝕳𝖊𝖑𝖑𝖔',
	'\u2028\u2029',
	'A'.repeat(10_000),
	'ｉｄ',
	'İı',
	'\uffff\ufffe',
];

const FORGED_IDS: unknown[] = [
	0,
	-1,
	1.5,
	'1',
	'',
	' 1 ',
	'1; DROP TABLE reports',
	'../../etc/passwd',
	'%2e%2e%2f',
	'1\u0000',
	'9'.repeat(400),
	Number.MAX_SAFE_INTEGER + 2,
	[1, 2],
	{ id: 1 },
	null,
	true,
	'<script>alert(1)</script>',
	'１２３',
	'0x10',
	'1e3',
];

function nested(depth: number, kind: 'array' | 'object' | 'mixed', r: Rng): string {
	let open = '';
	let close = '';
	for (let i = 0; i < depth; i++) {
		const array = kind === 'array' || (kind === 'mixed' && r() < 0.5);
		open += array ? '[' : '{"a":';
		close = (array ? ']' : '}') + close;
	}
	return `${open}1${close}`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const parts = path.split('.');
	let current = target;
	for (const part of parts.slice(0, -1)) {
		if (!current[part] || typeof current[part] !== 'object') current[part] = {};
		current = current[part] as Record<string, unknown>;
	}
	current[parts[parts.length - 1]] = value;
}

type Maker = (target: FuzzTarget, r: Rng) => Omit<FuzzRequest, 'label'> & { label: string };

/** A valid-looking request of the target, to be broken in one way by each maker. */
function base(target: FuzzTarget, r: Rng, body: Buffer | string = JSON.stringify(target.validBody(r))): Omit<FuzzRequest, 'label'> {
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const query: Record<string, string | string[]> = {};
	if (target.tokenParameter && target.forgedToken) query[target.tokenParameter] = target.forgedToken(r);
	return {
		method: target.method,
		headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
		query,
		body: bytes,
	};
}

const MAKERS: Record<string, Maker> = {
	method: (t, r) => ({ ...base(t, r), method: r.pick(METHODS), label: 'method' }),
	contentType: (t, r) => {
		const request = base(t, r);
		const type = r.pick(CONTENT_TYPES);
		if (type === '') delete request.headers['content-type'];
		else request.headers['content-type'] = type;
		return { ...request, label: `content-type/${type || 'none'}` };
	},
	encoding: (t, r) => {
		const plain = Buffer.from(JSON.stringify(t.validBody(r)));
		const choice = r.pick(['gzip', 'deflate', 'gzip-corrupt', 'deflate-corrupt', 'br', 'identity', 'gzip-twice', 'GZIP'] as const);
		const body =
			choice === 'gzip' || choice === 'GZIP'
				? gzipSync(plain)
				: choice === 'deflate'
					? deflateSync(plain)
					: choice === 'gzip-corrupt'
						? Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), plain])
						: choice === 'deflate-corrupt'
							? plain
							: choice === 'gzip-twice'
								? gzipSync(gzipSync(plain))
								: plain;
		const request = base(t, r, body);
		request.headers['content-encoding'] = choice.replace(/-.*/, '');
		return { ...request, label: `encoding/${choice}` };
	},
	bytes: (t, r) => {
		const valid = Buffer.from(JSON.stringify(t.validBody(r)));
		const choice = r.pick(['lone-ff', 'overlong', 'surrogate', 'truncated', 'utf16le', 'utf16-bom', 'latin1', 'random'] as const);
		const at = 1 + r.int(Math.max(1, valid.length - 2));
		const body =
			choice === 'lone-ff'
				? Buffer.concat([valid.subarray(0, at), Buffer.from([0xff]), valid.subarray(at)])
				: choice === 'overlong'
					? Buffer.concat([valid.subarray(0, at), Buffer.from([0xc0, 0xaf]), valid.subarray(at)])
					: choice === 'surrogate'
						? Buffer.concat([valid.subarray(0, at), Buffer.from([0xed, 0xa0, 0x80]), valid.subarray(at)])
						: choice === 'truncated'
							? Buffer.concat([valid.subarray(0, valid.length - 1), Buffer.from([0xe2, 0x82])])
							: choice === 'utf16le'
								? Buffer.from(valid.toString('utf8'), 'utf16le')
								: choice === 'utf16-bom'
									? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid.toString('utf8'), 'utf16le')])
									: choice === 'latin1'
										? Buffer.from(`{"name": "caf\u00e9", "id": 1}`, 'latin1')
										: Buffer.from(Array.from({ length: 1 + r.int(512) }, () => r.int(256)));
		return { ...base(t, r, body), label: `bytes/${choice}` };
	},
	size: (t, r) => {
		const choice = r.pick(['empty', 'blank', 'declared-huge', 'declared-negative', 'declared-junk', 'over-limit', 'at-limit', 'declared-small'] as const);
		if (choice === 'over-limit' || choice === 'at-limit') {
			// Over the trigger's limit, or just under it. A limit of megabytes is only claimed (the
			// declared length) or approached with 1 MB: n8n itself refuses 16 MB and more.
			if (t.maxBytes > LARGE && choice === 'over-limit') {
				const request = base(t, r);
				request.headers['content-length'] = String(t.maxBytes + 1);
				return { ...request, label: `size/${choice}` };
			}
			const size = Math.min(t.maxBytes + (choice === 'over-limit' ? 1 : -16), LARGE);
			return { ...base(t, r, `{"pad":"${'x'.repeat(Math.max(0, size - 10))}"}`), label: `size/${choice}` };
		}
		const request = base(t, r, choice === 'empty' ? '' : choice === 'blank' ? ' \n\t ' : undefined);
		if (choice === 'declared-huge') request.headers['content-length'] = String(t.maxBytes * 10);
		if (choice === 'declared-negative') request.headers['content-length'] = '-1';
		if (choice === 'declared-junk') request.headers['content-length'] = '12abc';
		if (choice === 'declared-small') request.headers['content-length'] = '2';
		return { ...request, label: `size/${choice}` };
	},
	nesting: (t, r) => {
		// The depth of the whole body, its outer object included.
		const depth = r.pick([63, 64, 65, 100, 1000, 5000, 20_000]);
		const kind = r.pick(['array', 'object', 'mixed'] as const);
		const inString = r() < 0.2;
		const deep = nested(depth - 1, kind, r);
		const body = inString ? JSON.stringify({ ...t.validBody(r), note: deep }) : `{"id": 1, "deep": ${deep}}`;
		return { ...base(t, r, body), label: `nesting/${depth}${inString ? '-in-string' : ''}` };
	},
	unicode: (t, r) => {
		const body = t.validBody(r);
		const text = r.pick(UNICODE);
		if (r() < 0.5) body[text] = text;
		else setPath(body, r.pick(t.idFields), text);
		return { ...base(t, r, JSON.stringify(body)), label: 'unicode' };
	},
	junk: (t, r) => ({ ...base(t, r, r.pick(JUNK)), label: 'junk' }),
	python: (t, r) => {
		const request = base(t, r, r.pick(PYTHON));
		if (r() < 0.5) request.headers['content-type'] = 'text/plain';
		return { ...request, label: 'python' };
	},
	forgedId: (t, r) => {
		const body = t.validBody(r);
		setPath(body, r.pick(t.idFields), r.pick(FORGED_IDS));
		return { ...base(t, r, JSON.stringify(body)), label: 'forged-id' };
	},
	forgedToken: (t, r) => {
		const request = base(t, r);
		if (!t.tokenParameter || !t.forgedToken) {
			// A trigger without a token gets requests claiming to be signed, which it must ignore.
			request.headers[r.pick(['x-signature', 'authorization', 'x-hub-signature-256'])] = `sha256=${hex(r, 64)}`;
			return { ...request, label: 'forged-signature' };
		}
		const real = t.forgedToken(r);
		const [id, issued, mac] = real.split('.');
		const choice = r.pick(['signature', 'malformed', 'expired', 'future', 'missing', 'empty', 'repeated', 'unicode', 'long'] as const);
		const forged: Record<typeof choice, string | string[] | undefined> = {
			signature: `${id}.${issued}.${mac.slice(0, -2)}AA`,
			malformed: r.pick([`${id}.${issued}`, `${id}..${mac}`, `not-a-uuid.${issued}.${mac}`, `${id}.${issued}.${mac}.extra`]),
			expired: `${id}.${(Date.now() - 400 * 86_400_000).toString(36)}.${mac}`,
			future: `${id}.${(Date.now() + 86_400_000).toString(36)}.${mac}`,
			missing: undefined,
			empty: '',
			repeated: [real, t.forgedToken(r)],
			unicode: `${id}.${issued}.${mac}😀`,
			long: `${id}.${issued}.${'A'.repeat(5000)}`,
		};
		const value = forged[choice];
		if (value === undefined) delete request.query[t.tokenParameter];
		else request.query[t.tokenParameter] = value;
		return { ...request, label: `forged-token/${choice}` };
	},
};

/** `count` requests (default 1,200) for one trigger, the same for the same seed. */
export function fuzzRequests(target: FuzzTarget, options: { seed: number; count?: number }): FuzzRequest[] {
	const r = rng(options.seed);
	const makers = Object.values(MAKERS);
	const out: FuzzRequest[] = [];
	const count = options.count ?? 1200;
	for (let n = 0; n < count; n++) {
		// Every kind in turn, so a small count still has all of them.
		const made = makers[n % makers.length](target, r);
		out.push({ ...made, label: `${target.name} #${n} ${made.label}` });
	}
	return out;
}

/* ------------------------------------------------------------------------------------------------
 * What n8n does before the trigger
 * ---------------------------------------------------------------------------------------------- */

export type N8nDelivery =
	| { rawBody: Buffer; body: unknown }
	| { refusedBy: 'n8n'; status: number; why: string };

function mediaType(headers: Record<string, string>): string {
	return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function charset(headers: Record<string, string>): BufferEncoding {
	const declared = /charset=([^;]+)/i.exec(headers['content-type'] ?? '')?.[1]?.trim().toLowerCase();
	if (declared === 'utf-16' || declared === 'utf16le' || declared === 'utf-16le') return 'utf16le';
	if (declared === 'latin1' || declared === 'iso-8859-1') return 'latin1';
	return 'utf8';
}

/**
 * What the trigger gets of a request, as n8n 2.41's body reader prepares it: the body inflated
 * for `Content-Encoding: gzip|deflate` (exactly those, lower case), kept as `rawBody`, and parsed
 * by content type into `body`; or n8n's own answer when it refuses first (500 for a body over
 * the payload limit or one that does not inflate, 422 for `application/json` that is not JSON).
 * XML bodies are left unparsed here (n8n parses them with xml2js, and refuses broken XML with
 * 422): a JSON trigger then sees more of the corpus than it would, not less.
 */
export function asN8nDelivers(request: FuzzRequest): N8nDelivery {
	let raw = request.body;
	const encoding = request.headers['content-encoding'];
	try {
		if (encoding === 'gzip') raw = gunzipSync(raw);
		else if (encoding === 'deflate') raw = inflateSync(raw);
	} catch {
		return { refusedBy: 'n8n', status: 500, why: `Content-Encoding ${encoding} does not inflate` };
	}
	if (raw.length >= N8N_PAYLOAD_SIZE_MAX) return { refusedBy: 'n8n', status: 500, why: 'body over the payload limit' };
	const type = mediaType(request.headers);
	let body: unknown = {};
	if (raw.length && !type.startsWith('multipart/')) {
		const text = raw.toString(charset(request.headers));
		try {
			if (type === 'application/json') body = JSON.parse(text) as unknown;
			else if (type === 'application/x-www-form-urlencoded') body = { ...parseQueryString(text, undefined, undefined, { maxKeys: 1000 }) };
			else if (type === 'text/plain') body = text;
		} catch (error) {
			return { refusedBy: 'n8n', status: 422, why: `Failed to parse request body: ${(error as Error).message}` };
		}
	}
	return { rawBody: raw, body };
}
