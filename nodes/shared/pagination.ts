import type { IDataObject } from 'n8n-workflow';

/** Which slice of a list one request asks for. */
export interface PageRequest {
	/** 1-based page number. */
	page: number;
	/** Items before this page. */
	offset: number;
	/** Items asked for. */
	size: number;
}

export interface PageResult {
	items: IDataObject[];
	/** True when the envelope says no page follows, or gives no way to tell and the page is short. */
	last: boolean;
}

/** How one pagination style names its parameters and where its envelope keeps items and totals. */
export interface Envelope {
	query(request: PageRequest): IDataObject;
	read(body: unknown, request: PageRequest): PageResult;
	/**
	 * What makes two listed items the same record, for `eachPage`'s repeat guard. Default: `id`,
	 * else `uuid`, else the whole item.
	 */
	identity?(item: IDataObject): string;
}

/** `id`, else `uuid`, else the item's JSON: what tells two listed records apart. */
export function itemIdentity(item: IDataObject): string {
	for (const key of ['id', 'uuid']) {
		const value = item?.[key];
		if (typeof value === 'string' || typeof value === 'number') return `${key}:${value}`;
	}
	return `json:${JSON.stringify(item)}`;
}

function list(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * `?page=&limit=` answered with `{results, total, currentPage, totalPages}` (4YouSee). Some lists
 * answer only `{results, total}`; a bare array is read as a single page.
 */
export const pageLimitEnvelope: Envelope = {
	query: ({ page, size }) => ({ page, limit: size }),
	read(body, { page, offset, size }) {
		if (Array.isArray(body)) return { items: body as IDataObject[], last: true };
		const b = (body ?? {}) as IDataObject;
		const items = list(b.results);
		const totalPages = num(b.totalPages);
		const current = num(b.currentPage) ?? page;
		const total = num(b.total);
		if (totalPages !== undefined) return { items, last: items.length === 0 || current >= totalPages };
		if (total !== undefined) return { items, last: items.length === 0 || offset + items.length >= total };
		return { items, last: items.length < size };
	},
};

/**
 * `?offset=&limit=` answered with `{data, pagination: {offset, limit, total}}` (CloudBlue). Older
 * servers ignore both parameters and send everything (offset 0, limit = total): that page is last.
 */
export const offsetLimitEnvelope: Envelope = {
	query: ({ offset, size }) => ({ offset, limit: size }),
	read(body, { offset, size }) {
		if (Array.isArray(body)) return { items: body as IDataObject[], last: true };
		const b = (body ?? {}) as IDataObject;
		const items = list(b.data);
		const p = (b.pagination ?? {}) as IDataObject;
		const total = num(p.total);
		const servedOffset = num(p.offset);
		if (items.length > size || (offset > 0 && servedOffset === 0)) {
			// The server ignored the window: what came is the whole list (or a repeat of page one).
			return { items: offset > 0 && servedOffset === 0 ? [] : items, last: true };
		}
		if (total !== undefined) return { items, last: items.length === 0 || offset + items.length >= total };
		return { items, last: items.length < size };
	},
};

/**
 * `?page=&per_page=` answered by a Laravel paginator, `{data, meta: {current_page, last_page}}`
 * (Reportei Connect); a simplified `meta.total_pages` is accepted too.
 */
export const pagePerPageEnvelope: Envelope = {
	query: ({ page, size }) => ({ page, per_page: size }),
	read(body, { page, offset, size }) {
		if (Array.isArray(body)) return { items: body as IDataObject[], last: true };
		const b = (body ?? {}) as IDataObject;
		const items = list(b.data);
		const meta = (b.meta ?? {}) as IDataObject;
		const lastPage = num(meta.last_page) ?? num(meta.total_pages);
		const current = num(meta.current_page) ?? page;
		const total = num(meta.total);
		if (lastPage !== undefined) return { items, last: items.length === 0 || current >= lastPage };
		if (total !== undefined) return { items, last: items.length === 0 || offset + items.length >= total };
		return { items, last: items.length < size };
	},
};

export interface CollectOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit?: number;
	/** The provider's largest page. */
	pageSize: number;
	/** Safety stop against a server that never says "last". */
	maxPages?: number;
	/**
	 * Called once when the list stopped at `limit` while the provider had more: `listOptions` uses it
	 * to tell the user (an execution hint).
	 */
	onLimitReached?: (returned: number) => void;
}

/** A list as far as it was read, and whether the provider had more than was asked for. */
export interface CollectedList {
	items: IDataObject[];
	/** True when the list stopped at its limit while more existed. */
	more: boolean;
}

/**
 * Drives Return All / Limit over any envelope, asking only for the pages it needs. `fetchPage`
 * receives the query parameters of one page and returns the parsed body.
 */
export async function collectPages(
	envelope: Envelope,
	fetchPage: (query: IDataObject, request: PageRequest) => Promise<unknown>,
	options: CollectOptions,
): Promise<IDataObject[]> {
	return (await collectList(envelope, fetchPage, options)).items;
}

/** `collectPages` that also says whether the provider had more than the limit let through. */
export async function collectList(
	envelope: Envelope,
	fetchPage: (query: IDataObject, request: PageRequest) => Promise<unknown>,
	options: CollectOptions,
): Promise<CollectedList> {
	const out: IDataObject[] = [];
	const pages = eachPage(envelope, fetchPage, options);
	for (;;) {
		const next = await pages.next();
		if (next.done) return { items: out, more: next.value.more };
		for (const item of next.value) out.push(item);
	}
}

/** How `eachPage` ended: `more` when it stopped at the limit while the provider had more. */
export interface PagesEnd {
	more: boolean;
}

/**
 * The pages themselves, for callers that emit as they go. Stops at the limit; its return value
 * (what `for await` drops) says whether the provider had more.
 *
 * A server that ignores the page parameters answers every page with the first one again, and one
 * that signs links per request does not even repeat it byte for byte: read by position alone such
 * a list never ends and repeats its records. So a record already delivered on an earlier page (by
 * the envelope's `identity`) is not delivered again, and a page that brings no new record ends the
 * list.
 */
export async function* eachPage(
	envelope: Envelope,
	fetchPage: (query: IDataObject, request: PageRequest) => Promise<unknown>,
	options: CollectOptions,
): AsyncGenerator<IDataObject[], PagesEnd> {
	const wanted = options.returnAll ? Infinity : Math.max(0, Math.floor(options.limit ?? 50));
	if (wanted === 0) return { more: false };
	const size = Math.max(1, Math.min(options.pageSize, wanted));
	const maxPages = options.maxPages ?? 100_000;
	const identity = envelope.identity ?? itemIdentity;
	const seen = new Set<string>();
	let delivered = 0;
	for (let page = 1; page <= maxPages; page++) {
		const request: PageRequest = { page, offset: (page - 1) * size, size };
		const body = await fetchPage(envelope.query(request), request);
		const read = envelope.read(body, request);
		const keys = read.items.map((item) => identity(item));
		const items = page === 1 ? read.items : read.items.filter((_, at) => !seen.has(keys[at]));
		if (page > 1 && read.items.length > 0 && items.length === 0) return { more: false };
		for (const key of keys) seen.add(key);
		const last = read.last;
		const take = items.slice(0, wanted - delivered);
		delivered += take.length;
		if (take.length) yield take;
		if (delivered >= wanted && (take.length < items.length || !last)) {
			// "More" is what the envelope read: a list whose answers give no count or page total has
			// more as long as its pages come back full.
			options.onLimitReached?.(delivered);
			return { more: true };
		}
		if (last || delivered >= wanted) return { more: false };
	}
	return { more: false };
}
