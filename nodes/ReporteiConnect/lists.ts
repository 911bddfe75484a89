import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { failureOf } from '../shared/errors';
import { credentialsOf, type RequestContext } from '../shared/http';
import { merchantProfile, REPORTEI, reporteiAnswer, type ReporteiCall } from './transport';

/**
 * Connect's lists: `?page=&per_page=` answered by a Laravel paginator `{data, meta}`
 * (https://github.com/reportei/connect-docs/blob/3151871/README.md#pagination). The documents
 * leave open what this reader tolerates (docs/reportei.md, "Sources and assumptions"):
 * - the largest `per_page`: 100 is asked first, and a 422 about the page size is answered by
 *   asking again with the maximum the refusal names, else the documented default 15, remembered
 *   for the rest of the run;
 * - a server that serves fewer items than asked (its own maximum, silently): the page size it
 *   served is adopted, so page numbers stay aligned with what was read;
 * - `meta` with `last_page` (sections/customers.md), `total_pages` (lp-connect), only `total`, or
 *   no `meta` at all: then the list is read until an empty page;
 * - doc defects such as `"to": 2` on a page of one item: `to` and `from` are never read.
 * Every page is asked for from the position reached, so a change of page size neither skips nor
 * repeats an item; items already seen (by `uuid`) are dropped, and a page that brings nothing new
 * ends the list.
 *
 * Return All reads the pages after the first a few at a time while the rate-limit budget allows
 * (`parallelPages`): those pages are asked for where the list would go on if nothing changed, and
 * taken in page order only while that holds; from the first page that moved the list (a refused
 * page size, a smaller page, the end) the rest are dropped and read again from where it went.
 */

/** Where a list read stands: items of the server's list passed so far, and the page size in use. */
export interface ListCursor {
	position: number;
	size: number;
}

export interface PageRead {
	/** The items of this page from the cursor's position on. */
	items: IDataObject[];
	/** Where the next page starts; undefined when this page was the last. */
	next?: ListCursor;
	/** The page's `meta`, when it had one. */
	meta?: IDataObject;
	/** The page size was lowered after Connect refused the one asked for. */
	lowered?: PageSizeChange;
	/** `X-RateLimit-Remaining` of the (last) answer, when Connect sent it. */
	remaining?: number;
}

export interface PageSizeChange {
	from: number;
	to: number;
	/** Connect's words when it refused the larger size. */
	said?: string;
}

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Page sizes Connect refused during one run, by path: the smaller size that worked. */
const remembered = new WeakMap<object, Map<string, number>>();

/** The page size to start a list with: 100, or what this run already learned for the path. */
export function pageSizeFor(request: RequestContext, path: string): number {
	return remembered.get(request.n8n)?.get(path) ?? REPORTEI.pageSize;
}

function remember(request: RequestContext, path: string, size: number): void {
	let byPath = remembered.get(request.n8n);
	if (!byPath) {
		byPath = new Map();
		remembered.set(request.n8n, byPath);
	}
	byPath.set(path, Math.min(size, byPath.get(path) ?? Infinity));
}

const PAGE_SIZE_WORDS = /per[\s_-]?page|page[\s_-]?size|itens por p[aá]gina/i;
const STATED_MAXIMUM =
	/(?:greater than|more than|no more than|exceed|at most|up to|between \d+ and|maximum(?: of| is)?|max(?:imum)?\s*[:=]?|superior a|maior que|entre \d+ e|m[aá]ximo(?: de| é)?)\s*(\d+)/i;

/**
 * The page size to try after a refusal, or undefined when the refusal is not about the page size.
 * ASSUMPTION: Connect refuses a too large `per_page` with 422 (or 400) naming `per_page`, as
 * Laravel's validator does (`{"message": "...", "errors": {"per_page": ["The per page field must
 * not be greater than 50."]}}`); the body of that refusal is not documented.
 */
export function smallerPageSize(error: unknown, size: number): number | undefined {
	const failure = failureOf(error);
	if (!failure || (failure.status !== 422 && failure.status !== 400)) return undefined;
	const body = isObject(failure.body) ? failure.body : {};
	const bags = [body.errors, isObject(body.error) ? body.error.details : undefined, body.details].filter(isObject);
	const named = bags.some((bag) => Object.keys(bag).some((key) => PAGE_SIZE_WORDS.test(key)));
	if (!named && !PAGE_SIZE_WORDS.test(failure.said ?? '')) return undefined;
	const stated = num(STATED_MAXIMUM.exec(failure.said ?? '')?.[1]);
	if (stated !== undefined && stated >= 1 && stated < size) return stated;
	if (size > REPORTEI.defaultPageSize) return REPORTEI.defaultPageSize;
	return size > 1 ? Math.floor(size / 2) : undefined;
}

/** The items of one answer and whether the answer can have more pages at all. */
function itemsOf(body: unknown): { items: IDataObject[]; paged: boolean; meta?: IDataObject } {
	if (Array.isArray(body)) return { items: body as IDataObject[], paged: false };
	const b = isObject(body) ? body : {};
	if (Array.isArray(b.data)) return { items: b.data as IDataObject[], paged: true, meta: isObject(b.meta) ? b.meta : undefined };
	// ASSUMPTION: an unpaginated `GET /customer-integrations` may name its list; the clients read `data`.
	for (const key of ['customer_integrations', 'integrations']) {
		if (Array.isArray(b[key])) return { items: b[key] as IDataObject[], paged: false };
	}
	return { items: [], paged: false, meta: isObject(b.meta) ? b.meta : undefined };
}

/**
 * One page from the cursor's position, asking again with a smaller page when the size is refused
 * (unless `repage` is false: a page read ahead throws the refusal, see `reporteiList`).
 */
export async function readPage(request: RequestContext, path: string, call: ReporteiCall, cursor: ListCursor, repage = true): Promise<PageRead> {
	let size = cursor.size;
	let lowered: PageSizeChange | undefined;
	for (;;) {
		const page = Math.floor(cursor.position / size) + 1;
		const skip = cursor.position - (page - 1) * size;
		let body: unknown;
		let remaining: number | undefined;
		let refused: unknown;
		try {
			({ body, remaining } = await reporteiAnswer<unknown>(request, 'GET', path, { ...call, qs: { ...call.qs, page, per_page: size } }));
		} catch (error) {
			refused = error;
		}
		if (refused !== undefined) {
			const smaller = repage ? smallerPageSize(refused, size) : undefined;
			if (smaller === undefined) throw refused;
			lowered = { from: lowered?.from ?? size, to: smaller, said: failureOf(refused)?.said };
			remember(request, path, smaller);
			size = smaller;
			continue;
		}
		const { items: served, paged, meta } = itemsOf(body);
		const items = served.slice(skip);
		const end = (page - 1) * size + served.length;
		if (!paged || served.length === 0 || end <= cursor.position) return { items, meta, lowered, remaining };
		const lastPage = num(meta?.last_page) ?? num(meta?.total_pages);
		const current = num(meta?.current_page) ?? page;
		const total = num(meta?.total);
		const last = lastPage !== undefined ? current >= lastPage : total !== undefined ? end >= total : false;
		if (last) return { items, meta, lowered, remaining };
		// A page that is not the last holds a whole page: fewer items than asked is the server's own size.
		let nextSize = size;
		if (served.length < size) {
			const perPage = num(meta?.per_page);
			nextSize = perPage !== undefined && perPage >= 1 && perPage < size ? perPage : served.length;
		}
		return { items, meta, lowered, remaining, next: { position: end, size: nextSize } };
	}
}

export interface ListOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit?: number;
}

export interface ListResult {
	items: IDataObject[];
	/** The first page's `meta`. */
	meta?: IDataObject;
	lowered?: PageSizeChange;
}

/** Safety stop against a server that never says "last" and never repeats itself. */
const MAX_PAGES = 100_000;

/**
 * Pages of one Return All read at once at most. Connect's default budget is 999 requests a minute
 * and 10 a second (`rate_limit_per_second` of the merchant settings,
 * https://github.com/reportei/connect-docs/blob/3151871/sections/merchants.md): four pages in
 * flight stay well inside the per-second budget, whose headers (if any) are not documented.
 */
export const MAX_PARALLEL_PAGES = 4;

/**
 * Requests of the lists of this process in flight per merchant account: two lists of one account
 * read at once share its budget, so each counts the other's pages before asking for more.
 */
const inFlight = new Map<string, number>();

async function accountOf(request: RequestContext): Promise<string> {
	const credentials = await credentialsOf(request.n8n, merchantProfile.credentialType);
	const hash = createHash('sha256');
	for (const field of merchantProfile.accountFields) hash.update(`${field}=${String(credentials?.[field] ?? '')};`);
	return hash.digest('hex').slice(0, 24);
}

/**
 * How many pages to ask for at once from `cursor`: more than one only when Connect reported its
 * budget on the last answers (`remaining`, the lowest of them) and said where the list ends
 * (`meta.total`, or `last_page` with `per_page`); never more than the budget minus the requests
 * other lists of this account have in flight, minus one kept for the first page's repeat after a
 * page-size refusal, nor more pages than are left.
 */
export function parallelPages(cursor: ListCursor, meta: IDataObject | undefined, remaining: number | undefined, elsewhere = 0): number {
	if (remaining === undefined) return 1;
	const lastPage = num(meta?.last_page) ?? num(meta?.total_pages);
	const perPage = num(meta?.per_page);
	const total = num(meta?.total) ?? (lastPage !== undefined && perPage !== undefined ? lastPage * perPage : undefined);
	if (total === undefined) return 1;
	const left = Math.ceil((total - pageStart(cursor)) / cursor.size);
	return Math.max(1, Math.min(MAX_PARALLEL_PAGES, Math.floor(remaining) - elsewhere - 1, left));
}

/** Where the page holding the cursor's position starts. */
function pageStart(cursor: ListCursor): number {
	return Math.floor(cursor.position / cursor.size) * cursor.size;
}

/** The cursors of the `count` pages from `cursor` on, as the list goes on when nothing changes. */
function cursorsFrom(cursor: ListCursor, count: number): ListCursor[] {
	const start = pageStart(cursor);
	return Array.from({ length: count }, (_, i) => (i === 0 ? cursor : { position: start + i * cursor.size, size: cursor.size }));
}

/** Pages read from `cursors` at once, counted against the account's requests in flight. */
async function readPages(request: RequestContext, path: string, call: ReporteiCall, cursors: ListCursor[], account: string | undefined) {
	if (cursors.length === 1 || account === undefined) return await Promise.allSettled([readPage(request, path, call, cursors[0])]);
	inFlight.set(account, (inFlight.get(account) ?? 0) + cursors.length);
	try {
		// Only the first page of a batch re-pages after a page-size refusal: each page read ahead
		// costs one request, and a refused one is read again as the first of the next batch.
		return await Promise.allSettled(cursors.map(async (cursor, i) => await readPage(request, path, call, cursor, i === 0)));
	} finally {
		const left = (inFlight.get(account) ?? 0) - cursors.length;
		if (left > 0) inFlight.set(account, left);
		else inFlight.delete(account);
	}
}

function sameCursor(a: ListCursor, b: ListCursor): boolean {
	return a.position === b.position && a.size === b.size;
}

/** A whole list (Return All) or its first items (Limit), each item once, in Connect's order. */
export async function reporteiList(request: RequestContext, path: string, options: ListOptions, call: ReporteiCall = {}): Promise<ListResult> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit ?? 50));
	const result: ListResult = { items: [] };
	if (wanted === 0) return result;
	const seen = new Set<string>();
	const account = options.returnAll ? await accountOf(request) : undefined;
	let cursor: ListCursor | undefined = { position: 0, size: Math.max(1, Math.min(pageSizeFor(request, path), wanted)) };
	let last: Pick<PageRead, 'meta' | 'remaining'> = {};
	let n = 0;
	while (cursor && n < MAX_PAGES) {
		const count: number =
			n === 0 || account === undefined ? 1 : parallelPages(cursor, last.meta, last.remaining, inFlight.get(account) ?? 0);
		const cursors = cursorsFrom(cursor, Math.min(count, MAX_PAGES - n));
		const answers = await readPages(request, path, call, cursors, account);
		// Every answer counted against the budget, the lowest remaining is the current one.
		const budgets = answers.map((a) => (a.status === 'fulfilled' ? a.value.remaining : undefined));
		last = { remaining: budgets.includes(undefined) ? undefined : Math.min(...(budgets as number[])) };
		for (let i = 0; i < answers.length && cursor && sameCursor(cursor, cursors[i]); i++) {
			const answer = answers[i];
			if (answer.status === 'rejected') {
				if (i > 0 && smallerPageSize(answer.reason, cursors[i].size) !== undefined) break;
				throw answer.reason;
			}
			const page = answer.value;
			if (page.lowered) result.lowered = { ...page.lowered, from: result.lowered?.from ?? page.lowered.from };
			if (n === 0) result.meta = page.meta;
			n++;
			last.meta = page.meta;
			let fresh = 0;
			for (const item of page.items) {
				const id = typeof item?.uuid === 'string' ? item.uuid : undefined;
				if (id !== undefined) {
					if (seen.has(id)) continue;
					seen.add(id);
				}
				fresh++;
				if (result.items.length < wanted) result.items.push(item);
			}
			// A page of items already read: the server ignores `page`, and nothing more will come.
			if ((page.items.length > 0 && fresh === 0) || result.items.length >= wanted) return result;
			cursor = page.next;
		}
	}
	return result;
}

/** What an execution hint says about a lowered page size. */
export function loweredHint(what: string, change: PageSizeChange): string {
	const said = change.said ? ` ("${change.said}")` : '';
	return `Reportei refused ${change.from} ${what} a page${said}, so they were read ${change.to} a page; nothing was skipped or repeated.`;
}
