/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import type { IDataObject } from 'n8n-workflow';

import {
	collectList,
	collectPages,
	offsetLimitEnvelope,
	pageLimitEnvelope,
	pagePerPageEnvelope,
	type Envelope,
	type PageRequest,
} from '../../../nodes/shared/pagination';

/** A list of `total` records served in each envelope's shape; `requests` records what was asked. */
function server(total: number, shape: 'pageLimit' | 'offset' | 'perPage', opts: { dropTotals?: boolean; ignoreWindow?: boolean } = {}) {
	const all = Array.from({ length: total }, (_, i) => ({ id: i + 1 }));
	const requests: IDataObject[] = [];
	const fetch = async (query: IDataObject, _r: PageRequest): Promise<unknown> => {
		requests.push(query);
		if (shape === 'pageLimit') {
			const limit = Math.min(Number(query.limit), 100);
			const page = Number(query.page);
			const results = all.slice((page - 1) * limit, page * limit);
			return opts.dropTotals ? { results } : { results, total, currentPage: page, totalPages: Math.ceil(total / limit) };
		}
		if (shape === 'offset') {
			if (opts.ignoreWindow) return { data: all, pagination: { offset: 0, limit: total, total } };
			const offset = Number(query.offset);
			const limit = Number(query.limit);
			return { data: all.slice(offset, offset + limit), pagination: opts.dropTotals ? {} : { offset, limit, total } };
		}
		const perPage = Number(query.per_page);
		const page = Number(query.page);
		const data = all.slice((page - 1) * perPage, page * perPage);
		return opts.dropTotals
			? { data }
			: { data, meta: { current_page: page, last_page: Math.max(1, Math.ceil(total / perPage)), per_page: perPage, total } };
	};
	return { fetch, requests };
}

const envelopes: Array<[string, Envelope, 'pageLimit' | 'offset' | 'perPage']> = [
	['page/limit with totalPages', pageLimitEnvelope, 'pageLimit'],
	['offset/limit with total', offsetLimitEnvelope, 'offset'],
	['page/per_page with meta.last_page', pagePerPageEnvelope, 'perPage'],
];

describe.each(envelopes)('%s', (_name, envelope, shape) => {
	it('returns nothing for an empty list, in one request', async () => {
		const s = server(0, shape);
		expect(await collectPages(envelope, s.fetch, { returnAll: true, pageSize: 100 })).toEqual([]);
		expect(s.requests).toHaveLength(1);
	});

	it('stops after exactly one full page', async () => {
		const s = server(100, shape);
		const items = await collectPages(envelope, s.fetch, { returnAll: true, pageSize: 100 });
		expect(items).toHaveLength(100);
		expect(s.requests).toHaveLength(1);
	});

	it('returns all 353 items at 100 a page in 4 requests', async () => {
		const s = server(353, shape);
		const items = await collectPages(envelope, s.fetch, { returnAll: true, pageSize: 100 });
		expect(items.map((i) => i.id)).toEqual(Array.from({ length: 353 }, (_, i) => i + 1));
		expect(s.requests).toHaveLength(4);
	});

	it('stops at Limit 150 after 2 requests', async () => {
		const s = server(353, shape);
		const items = await collectPages(envelope, s.fetch, { returnAll: false, limit: 150, pageSize: 100 });
		expect(items).toHaveLength(150);
		expect(items[149].id).toBe(150);
		expect(s.requests).toHaveLength(2);
	});

	it('asks for no more than the limit when it fits in one page', async () => {
		const s = server(353, shape);
		const items = await collectPages(envelope, s.fetch, { returnAll: false, limit: 5, pageSize: 100 });
		expect(items).toHaveLength(5);
		expect(s.requests).toHaveLength(1);
		expect(Object.values(s.requests[0])).toContain(5);
	});

	it('stops on a short last page', async () => {
		const s = server(130, shape);
		const items = await collectPages(envelope, s.fetch, { returnAll: true, pageSize: 50 });
		expect(items).toHaveLength(130);
		expect(s.requests).toHaveLength(3);
	});

	it('pages on when the envelope is missing its totals, until a short page', async () => {
		const s = server(200, shape, { dropTotals: true });
		const items = await collectPages(envelope, s.fetch, { returnAll: true, pageSize: 100 });
		expect(items).toHaveLength(200);
		expect(s.requests).toHaveLength(3);
	});
});

describe('offset/limit against a server that ignores the window (older RDE /reports)', () => {
	it('takes the whole list from the first answer and asks no more', async () => {
		const s = server(260, 'offset', { ignoreWindow: true });
		const items = await collectPages(offsetLimitEnvelope, s.fetch, { returnAll: true, pageSize: 100 });
		expect(items).toHaveLength(260);
		expect(s.requests).toHaveLength(1);
	});

	it('still honours Limit', async () => {
		const s = server(260, 'offset', { ignoreWindow: true });
		expect(await collectPages(offsetLimitEnvelope, s.fetch, { returnAll: false, limit: 30, pageSize: 100 })).toHaveLength(30);
	});
});

it('reads a bare array as the only page', async () => {
	const fetch = jest.fn(async () => [{ id: 1 }, { id: 2 }]);
	expect(await collectPages(pageLimitEnvelope, fetch, { returnAll: true, pageSize: 1 })).toHaveLength(2);
	expect(fetch).toHaveBeenCalledTimes(1);
});

describe('whether more existed', () => {
	it.each([
		['stops at a limit inside a page', 250, 30, true],
		['stops at a limit on a page boundary before the end', 250, 100, true],
		['reaches the end exactly at the limit', 100, 100, false],
		['ends before the limit', 40, 50, false],
	])('%s', async (_name, total, limit, more) => {
		const { fetch } = server(total, 'pageLimit');
		const reached: number[] = [];
		const list = await collectList(pageLimitEnvelope, fetch, { returnAll: false, limit, pageSize: 100, onLimitReached: (n) => reached.push(n) });
		expect(list.more).toBe(more);
		expect(list.items).toHaveLength(Math.min(total, limit));
		expect(reached).toEqual(more ? [limit] : []);
	});

	it('never says so for Return All, and collectPages still returns the items alone', async () => {
		const { fetch } = server(250, 'offset');
		const reached: number[] = [];
		const all = await collectList(offsetLimitEnvelope, fetch, { returnAll: true, pageSize: 100, onLimitReached: (n) => reached.push(n) });
		expect(all).toMatchObject({ more: false });
		expect(all.items).toHaveLength(250);
		expect(reached).toEqual([]);
		expect(await collectPages(offsetLimitEnvelope, server(5, 'offset').fetch, { returnAll: true, pageSize: 100 })).toHaveLength(5);
	});
});

describe('a server that ignores the page parameters', () => {
	const full = (stamp: number) => Array.from({ length: 100 }, (_, i) => ({ id: i + 1, signedAt: stamp }));

	it.each([
		['4YouSee page/limit', pageLimitEnvelope, (stamp: number) => ({ results: full(stamp) })],
		['offset/limit without pagination', offsetLimitEnvelope, (stamp: number) => ({ data: full(stamp) })],
		['page/per_page without meta', pagePerPageEnvelope, (stamp: number) => ({ data: full(stamp) })],
	] as Array<[string, Envelope, (stamp: number) => unknown]>)(
		'%s: ends after the first page even when each answer differs in a field other than the ID',
		async (_name, envelope, answer) => {
			let requests = 0;
			const items = await collectPages(envelope, async () => answer(++requests), { returnAll: true, pageSize: 100 });
			expect(items.map((i) => i.id)).toEqual(full(0).map((i) => i.id));
			expect(requests).toBe(2);
		},
	);

	it('ends on a page of the same records in another order, and of records without an ID', async () => {
		const shuffled = [...full(0)].reverse();
		let requests = 0;
		const items = await collectPages(pageLimitEnvelope, async () => ({ results: ++requests === 1 ? full(0) : shuffled }), { returnAll: true, pageSize: 100 });
		expect(items).toHaveLength(100);
		expect(requests).toBe(2);
		const plain = Array.from({ length: 100 }, (_, i) => ({ name: `r${i}` }));
		let again = 0;
		expect(await collectPages(offsetLimitEnvelope, async () => (again++, { data: plain }), { returnAll: true, pageSize: 100 })).toHaveLength(100);
		expect(again).toBe(2);
	});

	it('drops the records a shifted page repeats and keeps the new ones, in order', async () => {
		// One record was added at the top between the two requests: page 2 starts with page 1's last.
		const pages = [Array.from({ length: 100 }, (_, i) => ({ id: i + 1 })), Array.from({ length: 31 }, (_, i) => ({ id: i + 100 }))];
		const items = await collectPages(pageLimitEnvelope, async (_q, r) => ({ results: pages[r.page - 1] ?? [] }), { returnAll: true, pageSize: 100 });
		expect(items.map((i) => i.id)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
	});

	it('uses the envelope identity when it has one', async () => {
		const byName: Envelope = { ...pageLimitEnvelope, identity: (item) => String(item.name) };
		let requests = 0;
		const answer = () => ({ results: Array.from({ length: 100 }, (_, i) => ({ id: ++requests * 1000 + i, name: `n${i}` })) });
		expect(await collectPages(byName, async () => answer(), { returnAll: true, pageSize: 100 })).toHaveLength(100);
	});
});
