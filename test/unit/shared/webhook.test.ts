import type { IWebhookFunctions } from 'n8n-workflow';

import { nestingDepth, readWebhookBody, type WebhookBodyOptions } from '../../../nodes/shared/webhook';
import { asN8nDelivers, FUZZ_TARGETS, fuzzRequests, type FuzzRequest, type FuzzTarget } from '../../support/fuzz';

/** The parts of a webhook call readWebhookBody reads, as n8n fills them. */
function call(input: { rawBody?: Buffer | string; body?: unknown; headers?: Record<string, string> }): IWebhookFunctions {
	return {
		getRequestObject: () => ({ rawBody: input.rawBody }),
		getBodyData: () => input.body ?? {},
		getHeaderData: () => input.headers ?? {},
	} as unknown as IWebhookFunctions;
}

const options: WebhookBodyOptions = { maxBytes: 1024, what: 'a test notification' };
const read = (rawBody: Buffer | string, extra: Partial<WebhookBodyOptions> = {}) => readWebhookBody(call({ rawBody }), { ...options, ...extra });

describe('readWebhookBody', () => {
	it('parses JSON, with or without a byte order mark', () => {
		expect(read('{"id": 1}')).toEqual({ ok: true, body: { id: 1 } });
		expect(read(Buffer.from('\ufeff{"id": 1}', 'utf8'))).toEqual({ ok: true, body: { id: 1 } });
	});

	it('refuses bytes that are not UTF-8 with 400', () => {
		for (const bytes of [[0x7b, 0xff, 0x7d], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x22, 0xe2, 0x82]]) {
			expect(read(Buffer.from(bytes))).toEqual({ ok: false, status: 400, message: 'The body is not valid UTF-8 text, so it is not a test notification' });
		}
	});

	it('refuses nesting deeper than 64 levels with 400, before parsing', () => {
		const deep = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
		expect(read(deep(64), { maxBytes: 1e6 })).toMatchObject({ ok: true });
		const refused = { ok: false, status: 400, message: 'The body nests objects or arrays more than 64 levels deep, so it is not a test notification' };
		expect(read(deep(65), { maxBytes: 1e6 })).toEqual(refused);
		const parse = jest.spyOn(JSON, 'parse');
		expect(read(deep(5000), { maxBytes: 1e6 })).toEqual(refused);
		expect(parse).not.toHaveBeenCalled();
		parse.mockRestore();
		expect(read(deep(10), { maxDepth: 5 })).toMatchObject({ ok: false, status: 400 });
	});

	it('does not count brackets inside strings, in either quote', () => {
		expect(read(JSON.stringify({ note: '['.repeat(500) }), { maxBytes: 1e6 })).toMatchObject({ ok: true });
		expect(nestingDepth(`{'a': '${'{'.repeat(100)}'}`)).toBe(1);
		expect(nestingDepth('{"a": "\\"[[[["}')).toBe(1);
	});

	it('checks a body n8n parsed already for depth and size', () => {
		let deep: unknown = 1;
		for (let i = 0; i < 100; i++) deep = { a: deep };
		expect(readWebhookBody(call({ body: deep }), options)).toMatchObject({ ok: false, status: 400 });
		expect(readWebhookBody(call({ body: { pad: 'x'.repeat(2000) } }), options)).toMatchObject({ ok: false, status: 413 });
		expect(readWebhookBody(call({ body: { id: 1 } }), options)).toEqual({ ok: true, body: { id: 1 } });
	});

	it('refuses a body over the limit with 413, by its declared length or its bytes', () => {
		expect(readWebhookBody(call({ rawBody: '{}', headers: { 'content-length': '5000' } }), options)).toMatchObject({ ok: false, status: 413 });
		expect(read(`{"pad": "${'x'.repeat(2000)}"}`)).toMatchObject({ ok: false, status: 413 });
	});

	it('tries lenient readings after JSON, and survives one that throws', () => {
		const lenient = [
			() => {
				throw new Error('broken reader');
			},
			(text: string) => {
				try {
					return JSON.parse(text.replace(/'/g, '"')) as unknown;
				} catch {
					return undefined;
				}
			},
		];
		expect(read("{'id': 1}", { lenient })).toEqual({ ok: true, body: { id: 1 } });
		expect(read("{'id': True}", { lenient })).toEqual({ ok: false, status: 400, message: 'The body is not JSON, so it is not a test notification' });
	});

	it('answers a request it cannot read at all with 400', () => {
		const broken = { getHeaderData: () => { throw new Error('no headers'); } } as unknown as IWebhookFunctions;
		expect(readWebhookBody(broken, options)).toMatchObject({ ok: false, status: 400 });
	});
});

describe.each(Object.values(FUZZ_TARGETS as Record<string, FuzzTarget>).map((target) => [target.name, target] as const))('fuzz corpus of %s', (_name, target) => {
	const corpus = fuzzRequests(target, { seed: 20240501 });
	const lenient = target.name === 'fourYouSeeTrigger' ? [(text: string) => JSON.parse(text.replace(/'/g, '"')) as unknown] : [];

	it('has over 1,000 requests of every kind, the same for the same seed', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(1000);
		const kinds = new Set(corpus.map((r) => r.label.split(' ')[2].split('/')[0]));
		expect([...kinds].sort()).toEqual(
			['bytes', 'content-type', 'encoding', 'forged-id', target.tokenParameter ? 'forged-token' : 'forged-signature', 'junk', 'method', 'nesting', 'python', 'size', 'unicode'].sort(),
		);
		const again = fuzzRequests(target, { seed: 20240501, count: 50 });
		expect(again.map((r) => r.body.toString('base64'))).toEqual(corpus.slice(0, 50).map((r) => r.body.toString('base64')));
	});

	it('never throws, and gives a parsed body or a 4xx with a sentence for every request', () => {
		const wrong: string[] = [];
		let reached = 0;
		for (const request of corpus) {
			const delivered = asN8nDelivers(request);
			if ('refusedBy' in delivered) continue;
			reached++;
			// Half the calls as n8n keeps them (raw bytes), half with only what n8n parsed.
			const fromRaw = reached % 2 === 0;
			const ctx = call({ rawBody: fromRaw ? delivered.rawBody : undefined, body: delivered.body, headers: request.headers });
			let result;
			try {
				result = readWebhookBody(ctx, { maxBytes: target.maxBytes, what: 'a notification', lenient });
			} catch (error) {
				wrong.push(`${request.label}: threw ${(error as Error).message}`);
				continue;
			}
			if (result.ok) {
				if (result.body === undefined) wrong.push(`${request.label}: ok without a body`);
				continue;
			}
			if (result.status < 400 || result.status > 499) wrong.push(`${request.label}: status ${result.status}`);
			if (!/^The (body|request) .+, so it is not a notification$/.test(result.message)) wrong.push(`${request.label}: "${result.message}"`);
		}
		expect(wrong).toEqual([]);
		expect(reached).toBeGreaterThan(corpus.length / 2);
	});

	it('refuses deep nesting, bad bytes and oversized bodies for the right reason', () => {
		const reasons = (label: RegExp) =>
			corpus
				.filter((r) => label.test(r.label))
				.map((r): [FuzzRequest, ReturnType<typeof asN8nDelivers>] => [r, asN8nDelivers(r)])
				.filter(([, d]) => !('refusedBy' in d))
				.map(([r, d]) => readWebhookBody(call({ rawBody: (d as { rawBody: Buffer }).rawBody, headers: r.headers }), { maxBytes: target.maxBytes, what: 'x', lenient }));
		// Too deep, or (20,000 levels) larger than the limit first.
		for (const result of reasons(/nesting\/(65|100|1000|5000|20000)$/)) {
			expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/64 levels|larger than/) });
		}
		for (const result of reasons(/nesting\/(63|64)/)) expect(result).toMatchObject({ ok: true });
		for (const result of reasons(/bytes\/(lone-ff|overlong|surrogate|truncated)$/)) expect(result).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/UTF-8/) });
		for (const result of reasons(/size\/(over-limit|declared-huge)$/)) expect(result).toMatchObject({ ok: false, status: 413 });
	});
});
