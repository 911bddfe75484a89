/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * 4YouSee Manager library routes (everything but reports): in-memory CRUD over the seeded
 * `FourYouSeeStore`, answering in the shapes of the recorded cases (test/contract/fixtures/
 * fouryousee.json, named next to each route; sources: the support docs
 * https://4yousee-suporte.github.io/endpoints/ and the Python client's docstrings), then the research
 * (providers.md section 1 "Endpoints" and "Errors").
 *
 * Behaviour worth knowing in tests:
 * - `PUT /players/{id}` replaces the whole player like POST (fields left out fall back to empty
 *   values): a client must send the full body, so partial updates show up as lost playlists;
 *   POST and PUT answer without `lastLogReceived`, GET with it (cases fys-players-post, -put, -get);
 * - playlists, medias, categories and news take partial PUTs (the docs' examples);
 * - playlists answer a videowall as `videoWall` with grid entries without `type`, expanded medias
 *   with name/file/durationInSeconds/categories, `category` as `{id, name}` (fys-playlists-put, -post);
 * - categories answer `updateFlow` as a string and `parent` as an object; a new one has
 *   `sequence: null` (fys-categories-post, fys-categories-get-with-parent);
 * - `DELETE` answers 204, except `DELETE /medias/{id}`, which answers the deleted media, and a
 *   missing media there is 400 `{"error":"C004","message":"Resource not found."}`; a missing news
 *   entry answers the same body (fys-news-get-404);
 * - players, playlists and categories ignore `id`/`name` unless the `undocumentedFiltersHonoured`
 *   variant is on (their docs name no filters);
 * - `GET /uploads` pages by `page`/`limit` but answers only `{results, total}`;
 * - `POST /uploads` parses multipart/form-data and wants the file in the field `media`; empty files
 *   and other extensions get the documented messages; a staged upload is consumed by a media;
 * - `PUT /medias/categories/bulk` answers `{carouselItems: [<updated categories>]}` (undocumented);
 * - `sim` ↔ `lib.uploadedFiles` keeps the bytes of every upload so tests can compare them.
 */
import { createHash } from 'node:crypto';

import type { SimulatorRequest, SimulatorResponse } from '../simulator';
import type { FourYouSeeSimulator, FourYouSeeStore, SimRecord } from './server';

type Json = Record<string, unknown>;

/** A file received by `POST /uploads`, kept for assertions. */
export interface ReceivedUpload {
	id: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
	/** The multipart field the file came in. */
	field: string;
}

/** State the store has no collection for, per store (so parallel simulators stay apart). */
export interface LibraryState {
	uploadedFiles: ReceivedUpload[];
}

const states = new WeakMap<FourYouSeeStore, LibraryState>();

export function libraryState(store: FourYouSeeStore): LibraryState {
	let state = states.get(store);
	if (!state) {
		state = { uploadedFiles: [] };
		states.set(store, state);
	}
	return state;
}

const PLATFORMS = ['LG', 'SAMSUNG', 'ANDROID', '4YOUSEE_PLAYER'];
const UPLOAD_TYPES = ['html', 'zip', 'mp3', 'mp4', 'png', 'jpg', 'jpeg'];
const NEWS_STATUSES = ['approved', 'disapproved', 'waiting'];
const ITEM_TYPES = ['media', 'carousel', 'subPlaylist', 'news', 'layout', 'videowall'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function body(req: SimulatorRequest): Json {
	const b = req.body;
	return b && typeof b === 'object' && !Array.isArray(b) ? (b as Json) : {};
}

function badRequest(res: SimulatorResponse, message: string): void {
	res.json({ message }, 400);
}

function find(list: SimRecord[], id: unknown): SimRecord | undefined {
	return list.find((r) => String(r.id) === String(id));
}

function queryText(req: SimulatorRequest, name: string): string | undefined {
	const v = req.query[name];
	const s = Array.isArray(v) ? v[0] : v;
	return s === undefined || s === '' ? undefined : s;
}

function queryIds(req: SimulatorRequest, name: string): string[] | undefined {
	const s = queryText(req, name);
	return s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** The `id`/`name` filters the medias, templates and news sources lists take (exemplos/conteudos.md, templates.md, fontes.md). */
function idNameFilter(req: SimulatorRequest, items: SimRecord[]): SimRecord[] {
	const ids = queryIds(req, 'id');
	const name = queryText(req, 'name')?.toLowerCase();
	return items.filter(
		(r) => (!ids || ids.includes(String(r.id))) && (!name || String(r.name ?? '').toLowerCase().includes(name)),
	);
}

function ref(list: SimRecord[], id: unknown): Json | null {
	if (id === null || id === undefined || id === '' || id === 0) return null;
	const found = find(list, id);
	return found ? { id: found.id, name: found.name } : null;
}

/** A simple multipart/form-data reader: the parts with their names, file names and bytes. */
export function parseMultipart(
	raw: Buffer,
	contentType: string,
): Array<{ name: string; filename?: string; contentType?: string; data: Buffer }> {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return [];
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const parts: Array<{ name: string; filename?: string; contentType?: string; data: Buffer }> = [];
	let start = raw.indexOf(boundary);
	while (start !== -1) {
		const next = raw.indexOf(boundary, start + boundary.length);
		if (next === -1) break;
		const chunk = raw.subarray(start + boundary.length + 2, next - 2);
		const headerEnd = chunk.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = chunk.subarray(0, headerEnd).toString('utf8');
			const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
			parts.push({ name, filename, contentType: type, data: chunk.subarray(headerEnd + 4) });
		}
		start = next;
	}
	return parts;
}

export function registerLibrary(sim: FourYouSeeSimulator, store: FourYouSeeStore): void {
	const state = libraryState(store);
	const fileUrl = (file: string) => `http://4usee.com/${store.account}/common/videos/${file}`;

	/* -------------------------------- users, groups, templates, sources -------------------------- */

	/** `id`/`name` on the lists whose docs name no filters: applied only with the variant on. */
	const undocumentedFilter = (req: SimulatorRequest, items: SimRecord[]) =>
		sim.variant.undocumentedFiltersHonoured ? idNameFilter(req, items) : items;

	// Cases fys-users-groups-list, fys-users-list.
	sim.get('/v1/users/groups', (req, res) => sim.sendList(req, res, store.userGroups));
	sim.get('/v1/users', (req, res) => sim.sendList(req, res, store.users));

	// Case fys-templates-list-page1; filters id, name, type (templates.md).
	sim.get('/v1/templates', (req, res) => {
		const type = queryText(req, 'type');
		sim.sendList(req, res, idNameFilter(req, store.templates).filter((t) => !type || t.type === type));
	});

	// Case fys-newsources-list-items; filters id, name, template, insertContentAutomatically 1|0 (fontes.md).
	sim.get('/v1/newsources', (req, res) => {
		const template = queryText(req, 'template');
		const auto = queryText(req, 'insertContentAutomatically');
		sim.sendList(
			req,
			res,
			idNameFilter(req, store.newsSources).filter(
				(s) =>
					(!template || String(s.template) === template) &&
					(auto === undefined || String(Number(s.insertContentAutomatically === true)) === auto),
			),
		);
	});

	/* ------------------------------------------- players ----------------------------------------- */

	/** POST and PUT take the same full body; what is left out becomes empty (a full replace). */
	const playerFromBody = (b: Json, id: number, previous?: SimRecord): SimRecord | string => {
		if (typeof b.name !== 'string' || b.name.trim() === '') return 'name is required';
		if (b.platform !== undefined && !PLATFORMS.includes(String(b.platform))) return `platform must be one of ${PLATFORMS.join(', ')}`;
		const playlists: Json = {};
		const sent = (b.playlists ?? {}) as Json;
		for (let day = 0; day < 7; day++) {
			const pid = sent[String(day)];
			if (pid !== null && pid !== undefined && !find(store.playlists, pid)) return `Playlist with ID ${String(pid)} was not found`;
			playlists[String(day)] = ref(store.playlists, pid);
		}
		const audioId = ((b.audios ?? {}) as Json)['0'];
		if (audioId !== null && audioId !== undefined && !find(store.playlists, audioId)) return `Playlist with ID ${String(audioId)} was not found`;
		if (b.group !== undefined && b.group !== null && !find(store.playerGroups, b.group)) return `Group with ID ${String(b.group)} was not found`;
		return {
			id,
			name: b.name,
			description: typeof b.description === 'string' ? b.description : '',
			platform: b.platform ?? '4YOUSEE_PLAYER',
			lastContactInMinutes: previous?.lastContactInMinutes ?? null,
			group: ref(store.playerGroups, b.group),
			playerStatus: previous?.playerStatus ?? { id: 6, name: 'Never accessed', time: 0 },
			playlists,
			audios: { '0': ref(store.playlists, audioId) },
			lastLogReceived: previous?.lastLogReceived ?? null,
		};
	};

	/** POST and PUT answer the player without `lastLogReceived` (cases fys-players-post, fys-players-put). */
	const playerAnswer = (player: SimRecord): Json => {
		const { lastLogReceived: _last, ...rest } = player;
		return rest;
	};

	// Case fys-players-list-items.
	sim.get('/v1/players', (req, res) => sim.sendList(req, res, undocumentedFilter(req, store.players)));
	sim.post('/v1/players', (req, res) => {
		const player = playerFromBody(body(req), store.nextId('players'));
		if (typeof player === 'string') return badRequest(res, player);
		store.players.push(player);
		res.json(playerAnswer(player));
	});
	// Cases fys-players-get, fys-players-get-404.
	sim.get('/v1/players/:id', (req, res) => {
		const player = find(store.players, req.params.id);
		if (!player) return sim.sendNotFound(res, 'Player', req.params.id);
		res.json(player);
	});
	sim.put('/v1/players/:id', (req, res) => {
		const index = store.players.findIndex((p) => String(p.id) === req.params.id);
		if (index === -1) return sim.sendNotFound(res, 'Player', req.params.id);
		const player = playerFromBody(body(req), store.players[index].id as number, store.players[index]);
		if (typeof player === 'string') return badRequest(res, player);
		store.players[index] = player;
		res.json(playerAnswer(player));
	});
	// Case fys-players-delete: 204.
	sim.delete('/v1/players/:id', (req, res) => {
		const index = store.players.findIndex((p) => String(p.id) === req.params.id);
		if (index === -1) return sim.sendNotFound(res, 'Player', req.params.id);
		store.players.splice(index, 1);
		res.end(204);
	});

	/* ------------------------------------------ playlists ---------------------------------------- */

	const checkPlaylist = (b: Json, current?: SimRecord): string | undefined => {
		const items = (b.items ?? current?.items ?? []) as Json[];
		if (!Array.isArray(items)) return 'items must be a list';
		for (const item of items) {
			if (!item || typeof item !== 'object' || !ITEM_TYPES.includes(String(item.type))) {
				return `items[].type must be one of ${ITEM_TYPES.join(', ')}`;
			}
			if (item.type === 'media' && !find(store.medias, item.id)) return `Media with ID ${String(item.id)} was not found`;
		}
		const sequence = (b.sequence ?? current?.sequence ?? []) as unknown[];
		if (!Array.isArray(sequence) || sequence.some((i) => !Number.isInteger(i) || (i as number) < 0 || (i as number) >= items.length)) {
			return 'sequence must hold indexes of items';
		}
		return undefined;
	};
	/** A media as a playlist shows it: `contentSchedule` only with the parts the media has (fys-playlists-get). */
	const mediaEntry = (id: unknown): Json => {
		const media = find(store.medias, id);
		if (!media) return { id };
		const schedule = (media.schedule ?? {}) as Json;
		const contentSchedule: Json = {};
		if (schedule.startDate) contentSchedule.startDate = schedule.startDate;
		if (schedule.endDate) contentSchedule.endDate = schedule.endDate;
		if (Array.isArray(schedule.times) && schedule.times.length) contentSchedule.times = schedule.times;
		return {
			id: media.id,
			name: media.name,
			file: media.file,
			durationInSeconds: media.durationInSeconds,
			categories: media.categories,
			...(Object.keys(contentSchedule).length ? { contentSchedule } : {}),
		};
	};
	/**
	 * Playlists answer with expanded items and `durationInSeconds`; a videowall comes back as
	 * `videoWall` with grid entries without `type`, `category` as `{id, name}` or null
	 * (cases fys-playlists-get, fys-playlists-put, fys-playlists-post).
	 */
	const expandPlaylist = (p: SimRecord): Json => {
		const items = (p.items as Json[]).map((item) => {
			if (item.type === 'media') return { type: 'media', ...mediaEntry(item.id) };
			if (String(item.type).toLowerCase() === 'videowall') {
				const grid = ((item.grid ?? []) as Json[][]).map((row) => row.map((cell) => mediaEntry(cell.id)));
				return { type: 'videoWall', abortIfError: item.abortIfError ?? false, ignoreLayout: item.ignoreLayout ?? false, grid };
			}
			if (item.type === 'carousel') return { ...item, items: item.items ?? [], sequence: item.sequence ?? [] };
			return item;
		});
		const duration = (p.sequence as number[]).reduce((s, i) => s + Number((items[i] as Json).durationInSeconds ?? 10), 0);
		return {
			id: p.id,
			name: p.name,
			durationInSeconds: duration,
			isSubPlaylist: p.isSubPlaylist,
			category: ref(store.mediaCategories, p.category),
			items,
			sequence: p.sequence,
		};
	};

	sim.get('/v1/playlists', (req, res) => sim.sendList(req, res, undocumentedFilter(req, store.playlists).map(expandPlaylist)));
	sim.post('/v1/playlists', (req, res) => {
		const b = body(req);
		if (typeof b.name !== 'string' || b.name.trim() === '') return badRequest(res, 'name is required');
		const problem = checkPlaylist(b);
		if (problem) return badRequest(res, problem);
		const playlist: SimRecord = {
			id: store.nextId('playlists'),
			name: b.name,
			// The Python client spells it `isSubplaylist` (case fys-playlists-post).
			isSubPlaylist: b.isSubPlaylist === true || b.isSubplaylist === true,
			category: b.category ?? null,
			items: b.items ?? [],
			sequence: b.sequence ?? [],
		};
		store.playlists.push(playlist);
		res.json(expandPlaylist(playlist));
	});
	sim.get('/v1/playlists/:id', (req, res) => {
		const playlist = find(store.playlists, req.params.id);
		if (!playlist) return sim.sendNotFound(res, 'Playlist', req.params.id);
		res.json(expandPlaylist(playlist));
	});
	sim.put('/v1/playlists/:id', (req, res) => {
		const playlist = find(store.playlists, req.params.id);
		if (!playlist) return sim.sendNotFound(res, 'Playlist', req.params.id);
		const b = body(req);
		const problem = checkPlaylist(b, playlist);
		if (problem) return badRequest(res, problem);
		for (const key of ['name', 'isSubPlaylist', 'category', 'items', 'sequence']) if (key in b) playlist[key] = b[key];
		res.json(expandPlaylist(playlist));
	});
	sim.delete('/v1/playlists/:id', (req, res) => {
		const index = store.playlists.findIndex((p) => String(p.id) === req.params.id);
		if (index === -1) return sim.sendNotFound(res, 'Playlist', req.params.id);
		store.playlists.splice(index, 1);
		res.end(204);
	});

	/* -------------------------------------- media categories ------------------------------------- */
	// Registered before /v1/medias/:id, which would otherwise take "categories" for an ID.

	const applyCategory = (category: SimRecord, b: Json): string | undefined => {
		if ('parent' in b && b.parent !== null && !find(store.mediaCategories, b.parent)) return `Category with ID ${String(b.parent)} was not found`;
		if ('parent' in b && String(b.parent) === String(category.id)) return 'A category cannot be its own parent';
		if ('sequence' in b && (!Array.isArray(b.sequence) || (b.sequence as unknown[]).some((id) => !find(store.medias, id)))) {
			return 'sequence must list media IDs';
		}
		// The PUT docs spell it `updateflow`, the client and the answers `updateFlow` (README point 2).
		const flow = 'updateflow' in b ? b.updateflow : b.updateFlow;
		if (flow !== undefined && ![1, 2].includes(Number(flow))) return 'updateflow must be 1 or 2';
		for (const key of ['name', 'description', 'parent', 'sequence', 'autoShuffle']) if (key in b) category[key] = b[key];
		if (flow !== undefined) category.updateFlow = String(Number(flow));
		return undefined;
	};
	/** `parent` as the six-key object of case fys-categories-get-with-parent, or null. */
	const parentJson = (id: unknown): Json | null => {
		const parent = id === null || id === undefined ? undefined : find(store.mediaCategories, id);
		if (!parent) return null;
		const { id: pid, name, description, carouselThumbnail, autoShuffle, updateFlow } = parent;
		return { id: pid, name, description, carouselThumbnail, autoShuffle, updateFlow };
	};
	const categoryJson = (c: SimRecord): Json => ({
		id: c.id,
		name: c.name,
		description: c.description,
		parent: parentJson(c.parent),
		children: store.mediaCategories.filter((x) => String(x.parent) === String(c.id)).map((x) => ({ id: x.id, name: x.name })),
		carouselThumbnail: c.carouselThumbnail,
		autoShuffle: c.autoShuffle,
		updateFlow: c.updateFlow,
		sequence: c.sequence,
	});

	// Cases fys-categories-get, fys-categories-get-with-parent, fys-categories-get-404.
	sim.get('/v1/medias/categories', (req, res) => sim.sendList(req, res, undocumentedFilter(req, store.mediaCategories).map(categoryJson)));
	// Cases fys-categories-post-request, fys-categories-post (the docs post to `categories/`).
	const postCategory = (req: SimulatorRequest, res: SimulatorResponse) => {
		const b = body(req);
		if (typeof b.name !== 'string' || b.name.trim() === '') return badRequest(res, 'name is required');
		// Case fys-categories-post: a new category has `sequence: null`.
		const category: SimRecord = {
			id: store.nextId('mediaCategories'),
			name: b.name,
			description: null,
			parent: null,
			children: [],
			carouselThumbnail: null,
			autoShuffle: false,
			updateFlow: '1',
			sequence: null,
		};
		const problem = applyCategory(category, { ...(b.description !== undefined ? { description: b.description } : {}), ...(b.parent ? { parent: b.parent } : {}) });
		if (problem) return badRequest(res, problem);
		store.mediaCategories.push(category);
		res.json(categoryJson(category));
	};
	sim.post('/v1/medias/categories', postCategory);
	sim.post('/v1/medias/categories/', postCategory);
	// Case fys-categories-bulk-put.
	sim.put('/v1/medias/categories/bulk', (req, res) => {
		const items = body(req).carouselItems;
		if (!Array.isArray(items) || items.length === 0) return badRequest(res, 'carouselItems must be a non-empty list');
		const missing = (items as Json[]).find((item) => !find(store.mediaCategories, item.id));
		if (missing) return sim.sendNotFound(res, 'Category', missing.id);
		const updated: Json[] = [];
		for (const item of items as Json[]) {
			const category = find(store.mediaCategories, item.id) as SimRecord;
			const { id: _id, ...changes } = item;
			const problem = applyCategory(category, changes);
			if (problem) return badRequest(res, problem);
			updated.push(categoryJson(category));
		}
		res.json({ carouselItems: updated });
	});
	sim.get('/v1/medias/categories/:id', (req, res) => {
		const category = find(store.mediaCategories, req.params.id);
		if (!category) return sim.sendNotFound(res, 'Category', req.params.id);
		res.json(categoryJson(category));
	});
	sim.put('/v1/medias/categories/:id', (req, res) => {
		const category = find(store.mediaCategories, req.params.id);
		if (!category) return sim.sendNotFound(res, 'Category', req.params.id);
		const problem = applyCategory(category, body(req));
		if (problem) return badRequest(res, problem);
		res.json(categoryJson(category));
	});

	/* ------------------------------------------- uploads ----------------------------------------- */

	// Cases fys-uploads-list, fys-uploads-list-empty: only {results, total}.
	sim.get('/v1/uploads', (req, res) => {
		const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 100) || 100));
		const page = Math.max(1, Number(req.query.page ?? 1) || 1);
		// Research: GET /uploads answers only {results, total}.
		res.json({ results: store.uploads.slice((page - 1) * limit, page * limit), total: store.uploads.length });
	});
	// Cases fys-uploads-post-image, -video, -error-empty, -error-type (statuses not recorded: 400).
	sim.post('/v1/uploads', (req, res) => {
		const contentType = String(req.headers['content-type'] ?? '');
		const file = parseMultipart(req.rawBody, contentType).find((p) => p.name === 'media' && p.filename !== undefined);
		if (!file || file.data.length === 0) {
			return badRequest(res, 'Upload file is empty. Check the documentation for this resource for more information');
		}
		const extension = String(file.filename).split('.').pop()?.toLowerCase() ?? '';
		if (!UPLOAD_TYPES.includes(extension)) {
			return badRequest(res, 'File type not allowed. Check the documentation for this resource for more information');
		}
		const id = createHash('md5').update(file.data).update(String(state.uploadedFiles.length)).digest('hex');
		const upload = { id, filename: file.filename as string };
		store.uploads.push(upload);
		state.uploadedFiles.push({ ...upload, contentType: file.contentType ?? '', bytes: Buffer.from(file.data), field: file.name });
		res.json(upload);
	});
	// Case fys-uploads-delete-404.
	sim.delete('/v1/uploads/:id', (req, res) => {
		const index = store.uploads.findIndex((u) => String(u.id) === req.params.id);
		if (index === -1) return res.json({ message: 'Upload file not found' }, 404);
		store.uploads.splice(index, 1);
		res.end(204);
	});

	/* ------------------------------------------- medias ------------------------------------------ */

	/** Checks `file` against the staged uploads and `categories` against the store. */
	const checkMedia = (b: Json, creating: boolean): string | undefined => {
		if (creating && (typeof b.name !== 'string' || b.name.trim() === '')) return 'name is required';
		if (creating || 'file' in b) {
			const file = b.file as Json | undefined;
			if (!file || typeof file !== 'object' || !file.id || !file.filename) return 'file must be the {id, filename} object returned by POST /uploads';
			const upload = find(store.uploads, file.id);
			if (!upload || upload.filename !== file.filename) return 'Upload file not found';
		}
		if (creating || 'categories' in b) {
			const categories = b.categories as unknown[];
			if (!Array.isArray(categories) || categories.length === 0) return 'categories must list at least one category ID';
			const missing = categories.find((id) => !find(store.mediaCategories, id));
			if (missing !== undefined) return `Category with ID ${String(missing)} was not found`;
		}
		return undefined;
	};
	const consumeUpload = (file: Json): string => {
		const index = store.uploads.findIndex((u) => String(u.id) === String(file.id));
		store.uploads.splice(index, 1);
		return String(file.filename);
	};
	/**
	 * POST/PUT/DELETE answer `duration`, `categories` as IDs and `file` as a URL (cases fys-medias-post,
	 * fys-medias-put, fys-medias-delete); a media created without a schedule answers
	 * `schedule: {times: []}` (case fys-medias-post-minimal).
	 */
	const mediaAnswer = (m: SimRecord, scheduleSent = true): Json => ({
		id: m.id,
		name: m.name,
		file: fileUrl(String(m.file)),
		duration: m.durationInSeconds,
		schedule: scheduleSent ? m.schedule : { times: [] },
		categories: (m.categories as Json[]).map((c) => c.id),
	});
	const applyMedia = (media: SimRecord, b: Json): void => {
		if ('name' in b) media.name = b.name;
		if ('description' in b) media.description = b.description;
		if ('duration' in b) media.durationInSeconds = b.duration;
		if ('schedule' in b) media.schedule = b.schedule;
		if ('categories' in b) media.categories = (b.categories as unknown[]).map((id) => ref(store.mediaCategories, id));
		if ('file' in b) media.file = consumeUpload(b.file as Json);
	};

	// Cases fys-medias-list-empty, fys-medias-get-by-name-items; filters id, name, categoryId, metadata (exemplos/conteudos.md).
	sim.get('/v1/medias', (req, res) => {
		const categoryIds = queryIds(req, 'categoryId');
		const metadata = queryText(req, 'metadata') === 'true';
		const medias = idNameFilter(req, store.medias)
			.filter((m) => !categoryIds || (m.categories as Json[]).some((c) => categoryIds.includes(String(c.id))))
			.map((m) =>
				metadata
					? { ...m, poster: fileUrl(`poster_${String(m.id)}.jpg`), thumbnail: fileUrl(`thumb_${String(m.id)}.jpg`), metaDescription: `${String(m.name)} (${String(m.file)})` }
					: m,
			);
		sim.sendList(req, res, medias);
	});
	sim.post('/v1/medias', (req, res) => {
		const b = body(req);
		const problem = checkMedia(b, true);
		if (problem) return badRequest(res, problem);
		const media: SimRecord = {
			id: store.nextId('medias'),
			name: '',
			description: '',
			file: '',
			durationInSeconds: 10,
			categories: [],
			schedule: { startDate: null, endDate: null, times: [] },
		};
		applyMedia(media, b);
		store.medias.push(media);
		res.json(mediaAnswer(media, 'schedule' in b));
	});
	// Cases fys-medias-get (durationInSeconds, relative file, category objects), fys-medias-get-404.
	sim.get('/v1/medias/:id', (req, res) => {
		const media = find(store.medias, req.params.id);
		if (!media) return sim.sendNotFound(res, 'Media', req.params.id);
		res.json(media);
	});
	sim.put('/v1/medias/:id', (req, res) => {
		const media = find(store.medias, req.params.id);
		if (!media) return sim.sendNotFound(res, 'Media', req.params.id);
		const b = body(req);
		const problem = checkMedia(b, false);
		if (problem) return badRequest(res, problem);
		applyMedia(media, b);
		res.json(mediaAnswer(media));
	});
	sim.delete('/v1/medias/:id', (req, res) => {
		const index = store.medias.findIndex((m) => String(m.id) === req.params.id);
		// conteudos.md: a missing media on DELETE is 400 C004, not 404.
		if (index === -1) return sim.sendC004(res, 400);
		const [media] = store.medias.splice(index, 1);
		res.json(mediaAnswer(media));
	});

	/* -------------------------------------------- news ------------------------------------------- */

	const checkNews = (b: Json, creating: boolean): string | undefined => {
		if (creating || 'content' in b) {
			if (!b.content || typeof b.content !== 'object' || Array.isArray(b.content)) return 'content must be an object';
		}
		for (const key of ['startDate', 'endDate']) {
			if ((creating || key in b) && (typeof b[key] !== 'string' || !DATE_TIME.test(b[key] as string))) return `${key} must be YYYY-MM-DD HH:MM:SS`;
		}
		if (creating && !find(store.newsSources, b.newsourceId)) return `Newsource with ID ${String(b.newsourceId)} was not found`;
		if ('status' in b && !NEWS_STATUSES.includes(String(b.status))) return `status must be one of ${NEWS_STATUSES.join(', ')}`;
		if ('file' in b) {
			const file = b.file as Json;
			const upload = file && typeof file === 'object' ? find(store.uploads, file.id) : undefined;
			if (!upload || upload.filename !== file.filename) return 'Upload file not found';
		}
		return undefined;
	};
	const applyNews = (news: SimRecord, b: Json): void => {
		for (const key of ['content', 'startDate', 'endDate']) if (key in b) news[key] = b[key];
		if ('newsourceId' in b) {
			const source = find(store.newsSources, b.newsourceId);
			news.newsourceId = source?.id ?? b.newsourceId;
			news.newsourceName = source?.name ?? null;
		}
		if ('status' in b) {
			news.status = b.status;
			news.approvalDate = b.status === 'approved' ? '2026-11-22 10:00:00' : null;
		}
		if ('file' in b) {
			const file = b.file as Json;
			consumeUpload(file);
			news.image = `http://4usee.com/${store.account}/common/imgnews/${String(news.id)}.${String(file.filename).split('.').pop()}`;
		}
	};

	// noticias.md: filters newsourceId, startDate, endDate, content, status (the linked list is not stored).
	sim.get('/v1/news', (req, res) => {
		const sources = queryIds(req, 'newsourceId');
		const start = queryText(req, 'startDate');
		const end = queryText(req, 'endDate');
		const status = queryText(req, 'status');
		const contentText = queryText(req, 'content');
		let content: Json | undefined;
		if (contentText) {
			try {
				content = JSON.parse(contentText) as Json;
			} catch {
				return badRequest(res, 'content must be JSON');
			}
		}
		const list = store.news.filter(
			(n) =>
				(!sources || sources.includes(String(n.newsourceId))) &&
				(!start || String(n.startDate).slice(0, 10) >= start) &&
				(!end || String(n.endDate).slice(0, 10) <= end) &&
				(!status || n.status === status) &&
				(!content || Object.entries(content).every(([k, v]) => (n.content as Json)[k] === v)),
		);
		sim.sendList(req, res, list);
	});
	// Case fys-news-post.
	sim.post('/v1/news', (req, res) => {
		const b = body(req);
		const problem = checkNews(b, true);
		if (problem) return badRequest(res, problem);
		const news: SimRecord = {
			id: store.nextId('news'),
			content: {},
			creationDate: '2026-11-22 10:00:00',
			status: 'waiting',
			approvalDate: null,
			startDate: '',
			endDate: '',
			newsourceId: null,
			newsourceName: null,
			image: null,
		};
		applyNews(news, b);
		if (find(store.newsSources, b.newsourceId)?.approveAutomatically === 'Yes') applyNews(news, { status: 'approved' });
		store.news.push(news);
		res.json(news);
	});
	// Cases fys-news-get (adds `hash`), fys-news-get-404 (C004).
	sim.get('/v1/news/:id', (req, res) => {
		const news = find(store.news, req.params.id);
		if (!news) return sim.sendC004(res);
		res.json({ ...news, hash: createHash('sha1').update(JSON.stringify(news.content)).digest('hex') });
	});
	// Case fys-news-put; a missing entry: C004 like GET (ASSUMPTION).
	sim.put('/v1/news/:id', (req, res) => {
		const news = find(store.news, req.params.id);
		if (!news) return sim.sendC004(res);
		const b = body(req);
		const problem = checkNews(b, false);
		if (problem) return badRequest(res, problem);
		applyNews(news, b);
		res.json(news);
	});
	// Case fys-news-delete: 204.
	sim.delete('/v1/news/:id', (req, res) => {
		const index = store.news.findIndex((n) => String(n.id) === req.params.id);
		if (index === -1) return sim.sendC004(res);
		store.news.splice(index, 1);
		res.end(204);
	});
}
