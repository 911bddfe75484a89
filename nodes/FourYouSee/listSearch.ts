import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestContext } from '../shared/http';
import { searchPageNumber, searchResults } from '../shared/locators';
import { pageLimitEnvelope } from '../shared/pagination';
import { FOURYOUSEE, fourYouSeeRequest } from './transport';

/**
 * The pickers' lists: `methods.listSearch` (From List, one page of 100 per call, the next page as
 * the pagination token, so the editor asks only for the pages it shows) and `methods.loadOptions`
 * (the multi-selects of ID lists). Every call goes through the transport, which keeps to
 * 4YouSee's one request per second per account.
 */

/** One Manager list as a picker reads it. */
interface PickerList {
	path: string;
	/** What the list holds, for messages: "players". */
	what: string;
	/**
	 * The list's own filter for the typed text: its documented `id` for digits, `name` otherwise
	 * (medias, templates, news sources; sent to the other lists too, which may ignore it; the typed
	 * text is applied to each page as well).
	 */
	filters?: boolean;
	entry: (object: IDataObject) => INodeListSearchItems | undefined;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

function named(object: IDataObject, fallback: string): INodeListSearchItems | undefined {
	const id = text(object.id);
	if (id === '') return undefined;
	return { name: text(object.name) || `${fallback} ${id}`, value: id };
}

const PLAYERS: PickerList = {
	path: '/players',
	what: 'players',
	filters: true,
	entry: (p) => {
		const option = named(p, 'Player');
		const status = p.playerStatus && typeof p.playerStatus === 'object' ? text((p.playerStatus as IDataObject).name) : '';
		return option && { ...option, description: status ? `${String(option.value)} · ${status}` : String(option.value) };
	},
};

const PLAYLISTS: PickerList = { path: '/playlists', what: 'playlists', filters: true, entry: (p) => named(p, 'Playlist') };

const MEDIAS: PickerList = {
	path: '/medias',
	what: 'medias',
	filters: true,
	entry: (m) => {
		const option = named(m, 'Media');
		return option && { ...option, description: [String(option.value), text(m.file)].filter(Boolean).join(' · ') };
	},
};

const MEDIA_CATEGORIES: PickerList = {
	path: '/medias/categories',
	what: 'media categories',
	filters: true,
	entry: (c) => {
		const option = named(c, 'Category');
		// `parent` is an object in answers, an ID in requests (docs/fouryousee.md, Sources and assumptions).
		const parent = c.parent && typeof c.parent === 'object' ? text((c.parent as IDataObject).name) : '';
		return option && (parent ? { ...option, name: `${parent} / ${option.name}` } : option);
	},
};

const NEWS_SOURCES: PickerList = { path: '/newsources', what: 'news sources', filters: true, entry: (s) => named(s, 'News source') };

const TEMPLATES: PickerList = {
	path: '/templates',
	what: 'templates',
	filters: true,
	entry: (t) => {
		const option = named(t, 'Template');
		const size = t.width && t.height ? `${text(t.width)}×${text(t.height)}` : '';
		return option && { ...option, description: [String(option.value), size, text(t.type)].filter(Boolean).join(' · ') };
	},
};

/** A news entry has no name: its first content value and its source stand for it. */
const NEWS: PickerList = {
	path: '/news',
	what: 'news',
	entry: (n) => {
		const id = text(n.id);
		if (id === '') return undefined;
		const content = n.content && typeof n.content === 'object' ? Object.values(n.content as IDataObject).find((v) => typeof v === 'string' && v.trim() !== '') : undefined;
		const headline = text(content).slice(0, 60);
		return {
			name: headline ? `${headline}${text(content).length > 60 ? '…' : ''}` : `News ${id}`,
			value: id,
			description: [id, text(n.newsourceName), text(n.status)].filter(Boolean).join(' · '),
		};
	},
};

const REPORTS: PickerList = {
	path: '/reports',
	what: 'reports',
	entry: (r) => {
		const id = text(r.id);
		if (id === '') return undefined;
		const f = (r.filter ?? {}) as IDataObject;
		const range = f.startDate ? `${text(f.startDate)} to ${text(f.endDate)}` : '';
		return { name: `Report ${id}${range ? `: ${range}` : ''}`, value: id, description: text(r.status) };
	},
};

/** Uploads are `{id, filename}`: the file name stands for the 32-hex ID. */
const UPLOADS: PickerList = {
	path: '/uploads',
	what: 'uploads',
	entry: (u) => {
		const id = text(u.id);
		return id === '' ? undefined : { name: text(u.filename) || id, value: id, description: id };
	},
};

/** One page of a list, read through the transport; a failure names the list it was for. */
async function readPage(ctx: ILoadOptionsFunctions, list: PickerList, page: number, filter: string): Promise<{ items: IDataObject[]; last: boolean }> {
	const request = { page, offset: (page - 1) * FOURYOUSEE.pageSize, size: FOURYOUSEE.pageSize };
	const typed = list.filters && filter !== '' ? (/^\d+$/.test(filter) ? { id: filter } : { name: filter }) : {};
	try {
		const body = await fourYouSeeRequest(requestContext(ctx), 'GET', list.path, { qs: { ...pageLimitEnvelope.query(request), ...typed } });
		return pageLimitEnvelope.read(body, request);
	} catch (error) {
		const e = error as { message?: string; description?: string };
		throw new NodeOperationError(ctx.getNode(), `Could not list the ${list.what} of this 4YouSee account: ${e.message ?? String(error)}`, {
			description: e.description ?? 'Check the credential, then open the list again.',
		});
	}
}

async function search(
	ctx: ILoadOptionsFunctions,
	list: PickerList,
	filter: string | undefined,
	paginationToken: string | undefined,
	first?: INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const page = searchPageNumber(paginationToken);
	const typed = text(filter);
	const { items, last } = await readPage(ctx, list, page, typed);
	const result = searchResults({ items, next: last ? undefined : String(page + 1) }, list.entry, typed);
	if (first && page === 1 && (typed === '' || first.name.toLowerCase().includes(typed.toLowerCase()))) {
		result.results.unshift(first);
	}
	return result;
}

/** Value of the "no playlist" entry of weekday and audio playlist pickers. */
export const NO_PLAYLIST = 'none';

/** Value of the "top level" entry of the parent category picker. */
export const TOP_LEVEL = 'none';

export const listSearch = {
	async searchPlayers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, PLAYERS, filter, paginationToken);
	},
	async searchPlaylists(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, PLAYLISTS, filter, paginationToken);
	},
	/** Playlists, led by "No Playlist" (clears that weekday or the audio playlist). */
	async searchPlaylistsOrNone(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, PLAYLISTS, filter, paginationToken, { name: 'No Playlist', value: NO_PLAYLIST, description: 'Leave it without a playlist' });
	},
	async searchMedias(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, MEDIAS, filter, paginationToken);
	},
	async searchMediaCategories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, MEDIA_CATEGORIES, filter, paginationToken);
	},
	/** Media categories, led by "Top Level" (no parent). */
	async searchParentCategories(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, MEDIA_CATEGORIES, filter, paginationToken, { name: 'Top Level', value: TOP_LEVEL, description: 'No parent category' });
	},
	async searchNews(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, NEWS, filter, paginationToken);
	},
	async searchNewsSources(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, NEWS_SOURCES, filter, paginationToken);
	},
	async searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, TEMPLATES, filter, paginationToken);
	},
	async searchReports(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, REPORTS, filter, paginationToken);
	},
	async searchUploads(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, UPLOADS, filter, paginationToken);
	},
};

/**
 * Pages a multi-select loads at most: each page is one request, one second apart, and the editor
 * waits for all of them. Larger accounts enter further IDs with an expression (the fields say so).
 */
const MAX_OPTION_PAGES = 5;

async function allOptions(ctx: ILoadOptionsFunctions, list: PickerList): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	for (let page = 1; page <= MAX_OPTION_PAGES; page++) {
		const { items, last } = await readPage(ctx, list, page, '');
		for (const item of items) {
			const entry = list.entry(item);
			if (entry) options.push({ name: `${entry.name} (${String(entry.value)})`, value: Number(entry.value) || entry.value });
		}
		if (last) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export const loadOptions = {
	async getPlayers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, PLAYERS);
	},
	async getMedias(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, MEDIAS);
	},
	async getMediaCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, MEDIA_CATEGORIES);
	},
	async getNewsSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return await allOptions(this, NEWS_SOURCES);
	},
};
