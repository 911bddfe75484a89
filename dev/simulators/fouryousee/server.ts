/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * 4YouSee Manager API simulator. Its default answers are the documented shapes, in this order of
 * authority: the seed (/work/shared/seeds/000_34acf6c0703bd7f5.txt, the support docs' "Relatórios"
 * page, https://4yousee-suporte.github.io/endpoints/relatorios.html), the recorded cases in
 * test/contract/fixtures/fouryousee.json (named by case id next to each route), then the research
 * (providers.md section 1). Where the sources leave a behaviour open, `variant` switches between the
 * readings (see `FourYouSeeVariant`); the defaults are the documented or most likely ones, listed in
 * docs/fouryousee.md, Sources and assumptions.
 *
 * ```ts
 * const sim = await new FourYouSeeSimulator({ timeScale: 0.001, players: 12 }).start();
 * credentials.fourYouSeeApi = { baseUrl: sim.apiUrl, secretToken: FOURYOUSEE_SIM_TOKEN };
 * sim.playlogLines = 2000;                       // size of the next report files
 * sim.countPlays(reportId, ['mediaId', 'playerId'], { playerIds: [101] });   // ground truth
 * await sim.stop();
 * ```
 *
 * What it does, as the research describes the real API:
 * - every `/v1/...` route (also the ones part B registers) requires `Secret-Token`; a missing or
 *   unknown token gets 401 `{"message":"..."}`;
 * - one request per second per token (open question 6: counted per token, any URI); more gets 429,
 *   with `Retry-After: 1` unless `retryAfterHeader: false` (open question 5);
 * - lists use `{results, total, currentPage, totalPages}` with `page`/`limit` (limit capped at 100)
 *   and `sort=-id,name` (`sim.sendList`); a missing thing is 404 `{"message":"<Thing> with ID n was
 *   not found"}` (`sim.sendNotFound`);
 * - `POST /v1/reports` validates the 30-day range, answers the report `waiting`, and after
 *   `reportDelayMs` (provider time, scaled) the report becomes `success` (or `failed`, see
 *   `failNextReports`) and the notification is POSTed to its webhook URL, repeated 2, 6 and 18
 *   minutes later (scaled) while the receiver does not answer 2xx;
 * - the playlog file is served without auth from `/s3/4yousee-playlogs-reports/<account>/<id>-<hash>.gz`
 *   (the real one is a public S3 object URL), not rate limited.
 *
 * FOR PART B (library routes in ./library.ts, called as `registerLibrary(sim, sim.store)` from the
 * constructor): register routes with `sim.get('/v1/players', handler)` etc.; auth and the rate
 * limit are applied for you, and `(req as FourYouSeeRequest).account` names the caller. Helpers:
 * `sim.sendList(req, res, items)`, `sim.sendNotFound(res, 'Player', id)`, `sim.store.nextId('players')`.
 * The seeded store is `FourYouSeeStore` below: its collections are plain arrays of JSON records in
 * the API's own shapes (research "Endpoints"), ID ranges per collection so mix-ups show.
 */
import { createHash } from 'node:crypto';

import {
	Simulator,
	type RouteHandler,
	type SimulatorOptions,
	type SimulatorRequest,
	type SimulatorResponse,
} from '../simulator';
import { registerLibrary } from './library';
import {
	buildPlaylogFile,
	countPlaylogs,
	generatePlaylogs,
	matches,
	type FileDamage,
	type Playlog,
	type PlaylogCountRow,
	type PlaylogFileFormat,
	type PlaylogFilter,
	type PlaylogGroupField,
	type PlaylogSpec,
} from './playlogs';

export const FOURYOUSEE_SIM_TOKEN = 'sim-4yousee-secret-token-0001';
/** A second account's token: its reports "do not belong to current user" for the first. */
export const FOURYOUSEE_SIM_OTHER_TOKEN = 'sim-4yousee-secret-token-0002';
export const API_PREFIX = '/v1';
export const STORAGE_PREFIX = '/s3/4yousee-playlogs-reports';
const DAY_MS = 86_400_000;

export type SimRecord = Record<string, unknown> & { id: number | string };

export interface SimReport {
	id: number;
	/** Which account (token owner) created it. */
	account: string;
	type: string;
	format: 'json';
	filter: Record<string, unknown>;
	status: 'waiting' | 'success' | 'failed';
	createdAt: string;
	updatedAt: string;
	error?: { code: number; message: string };
	webhook?: string;
	/** Not part of the API: how the file is generated. */
	spec: PlaylogSpec;
	damage: FileDamage;
	hash: string;
}

export interface NotificationDelivery {
	reportId: number;
	url: string;
	/** 1 = first delivery, 2..4 = the retries after 2, 6, 18 minutes. */
	attempt: number;
	/** The receiver's status, or undefined when the connection failed. */
	status?: number;
	at: number;
}

/** The seeded account. Collections are the API's JSON records; B reads and changes them in place. */
export class FourYouSeeStore {
	/** Account slug as it appears in playlog lines and storage URLs. */
	readonly account = 'sim-3385E2';

	userGroups: SimRecord[] = [];
	users: SimRecord[] = [];
	playerGroups: SimRecord[] = [];
	players: SimRecord[] = [];
	mediaCategories: SimRecord[] = [];
	medias: SimRecord[] = [];
	playlists: SimRecord[] = [];
	uploads: SimRecord[] = [];
	templates: SimRecord[] = [];
	newsSources: SimRecord[] = [];
	news: SimRecord[] = [];
	reports: SimReport[] = [];

	private readonly counters: Record<string, number> = {};

	/** The next free numeric ID of a collection (IDs never repeat, even after deletes). */
	nextId(collection: string): number {
		const current = this.counters[collection];
		if (current === undefined) {
			const list = (this as unknown as Record<string, SimRecord[]>)[collection] ?? [];
			const max = list.reduce((m, r) => (typeof r.id === 'number' && r.id > m ? r.id : m), 0);
			this.counters[collection] = max + 1;
		} else {
			this.counters[collection] = current + 1;
		}
		return this.counters[collection];
	}
}

const PLATFORMS = ['LG', 'SAMSUNG', 'ANDROID', '4YOUSEE_PLAYER'];
const PLAYER_STATUSES = [
	{ id: 1, name: 'Online', time: 10 },
	{ id: 2, name: 'Alert', time: 20 },
	{ id: 3, name: 'Offline', time: 30 },
	{ id: 4, name: 'Assistance needed', time: 1440 },
	{ id: 5, name: 'Local assist needed', time: 9999999 },
	{ id: 6, name: 'Never accessed', time: 0 },
];
const CITIES = ['Sao Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre', 'Recife', 'Salvador', 'Brasilia'];

/** A realistic, deterministic account: players, medias in categories, playlists, users, news. */
export function seedStore(options: { players?: number; medias?: number } = {}): FourYouSeeStore {
	const store = new FourYouSeeStore();
	const playerCount = options.players ?? 12;
	const mediaCount = options.medias ?? 40;
	store.userGroups = [
		{ id: 1, name: 'Administrators', description: 'Full access' },
		{ id: 2, name: 'Operators', description: 'Manage contents and playlists' },
		{ id: 3, name: 'Advertisers', description: 'Read proof-of-play reports' },
	];
	store.users = [
		{ id: 1, name: 'Ana Souza', username: 'ana', email: 'ana@example.com', group: { id: 1, name: 'Administrators' } },
		{ id: 2, name: 'Bruno Lima', username: 'bruno', email: 'bruno@example.com', group: { id: 2, name: 'Operators' } },
		{ id: 3, name: 'Carla Dias', username: 'carla', email: 'carla@example.com', group: { id: 2, name: 'Operators' } },
		{ id: 4, name: 'Diego Alves', username: 'diego', email: 'diego@example.com', group: { id: 3, name: 'Advertisers' } },
	];
	store.playerGroups = [
		{ id: 1, name: 'Stores' },
		{ id: 2, name: 'Malls' },
		{ id: 3, name: 'Airports' },
	];
	const categoryNames = ['Ads', 'Institutional', 'News', 'Weather', 'Promotions', 'Menu boards'];
	// Keys and types of case fys-categories-get-with-parent: `updateFlow` is a string, `parent` an object or null.
	store.mediaCategories = categoryNames.map((name, i) => ({
		id: 301 + i,
		name,
		description: `${name} contents`,
		parent: null,
		children: [],
		carouselThumbnail: null,
		autoShuffle: false,
		updateFlow: '1',
		sequence: [],
	}));
	for (let i = 0; i < mediaCount; i++) {
		const id = 2001 + i;
		const video = i % 3 === 0;
		const html = i % 7 === 6;
		const category = store.mediaCategories[i % store.mediaCategories.length];
		(category.sequence as number[]).push(id);
		store.medias.push({
			id,
			name: `${category.name} ${String(i + 1).padStart(2, '0')}`,
			description: '',
			file: html ? `h_${id}.zip` : video ? `v_${id}.mp4` : `i_${id}.png`,
			durationInSeconds: video ? 15 + (i % 4) * 15 : 10,
			categories: [{ id: category.id, name: category.name }],
			schedule: { startDate: null, endDate: null, times: [] },
		});
	}
	for (let i = 0; i < 6; i++) {
		const items = store.medias.slice(i * 5, i * 5 + 5).map((m) => ({ type: 'media', id: m.id }));
		store.playlists.push({
			id: 401 + i,
			name: `Playlist ${['Morning', 'Afternoon', 'Evening', 'Weekend', 'Promo', 'Default'][i]}`,
			isSubPlaylist: false,
			category: null,
			items,
			sequence: items.map((_, index) => index),
			durationInSeconds: items.reduce((s, it) => s + Number(store.medias.find((m) => m.id === it.id)?.durationInSeconds ?? 10), 0),
		});
	}
	for (let i = 0; i < playerCount; i++) {
		const id = 101 + i;
		const group = store.playerGroups[i % store.playerGroups.length];
		const playlist = store.playlists[i % store.playlists.length];
		const status = PLAYER_STATUSES[i % 5 === 4 ? 2 : i % 11 === 10 ? 5 : 0];
		const playlists: Record<string, unknown> = {};
		for (let day = 0; day < 7; day++) playlists[String(day)] = { id: playlist.id, name: playlist.name };
		store.players.push({
			id,
			name: `${CITIES[i % CITIES.length]} ${group.name} #${Math.floor(i / CITIES.length) + 1}`,
			description: `Screen ${i + 1}`,
			platform: PLATFORMS[i % PLATFORMS.length],
			lastContactInMinutes: status.id === 1 ? 1 : status.time,
			group: { id: group.id, name: group.name },
			playerStatus: status,
			playlists,
			audios: { '0': null },
			lastLogReceived: '2026-11-21 23:59:00',
		});
	}
	// Case fys-uploads-list: 32-hex IDs.
	store.uploads = [
		{ id: '0e8c4b1f2a3d4e5f60718293a4b5c6d7', filename: 'summer-sale.mp4' },
		{ id: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', filename: 'menu-board.png' },
	];
	store.templates = [
		{ id: 501, name: 'News ticker', width: 1920, height: 1080, type: 'zip' },
		{ id: 502, name: 'Weather card', width: 1080, height: 1920, type: 'zip' },
		{ id: 503, name: 'Legacy banner', width: 1280, height: 720, type: 'swf' },
	];
	// Case fys-newsources-list-items: "Yes"/"No" strings, a boolean insertContentAutomatically,
	// variables null or a string array, url "" or a relative path.
	store.newsSources = [
		{ id: 601, name: 'Company news', url: '', template: 501, onlyWithImages: 'No', limit: 10, daysToExpire: 7, weight: 1, variables: ['title', 'text'], approveAutomatically: 'Yes', insertContentAutomatically: false },
		{ id: 602, name: 'Weather', url: '/rotinas/canal_obter_rss.php?idcanal=31', template: 502, onlyWithImages: 'Yes', limit: 5, daysToExpire: 1, weight: 1, variables: null, approveAutomatically: 'No', insertContentAutomatically: true },
	];
	for (let i = 0; i < 5; i++) {
		const source = store.newsSources[i % 2];
		store.news.push({
			id: 701 + i,
			content: { title: `Headline ${i + 1}`, text: `Body of headline ${i + 1}` },
			creationDate: '2026-11-20 09:00:00',
			status: i % 2 ? 'waiting' : 'approved',
			approvalDate: i % 2 ? null : '2026-11-20 09:05:00',
			startDate: '2026-11-20 09:00:00',
			endDate: '2026-11-27 09:00:00',
			newsourceId: source.id,
			newsourceName: source.name,
			image: null,
		});
	}
	return store;
}

/**
 * Behaviours the sources leave open. Each default is what the documents show (or, where they show
 * nothing, the reading named in docs/fouryousee.md); tests switch a variant on explicitly.
 */
export interface FourYouSeeVariant {
	/**
	 * `GET /reports/{id}` of a failed report carries `error` (default false: no source shows it; the
	 * report object has exactly id, type, format, filter, status, url, createdAt, updatedAt,
	 * case fys-reports-list-item-keys; only the notification carries `error`, case fys-webhook-failed).
	 */
	failedReportError: boolean;
	/** HTTP status of "Report with ID n does not belong to current user" (not recorded; default 403). */
	foreignReportStatus: number;
	/**
	 * Lists ignore `sort` and stay in ID order (default false: exemplos/conteudos.md documents
	 * `sort`, "by default ordered by id ascending"; the only multi-page sample, case
	 * fys-templates-list-page1, is in ID order although its doc line shows `sort=-name,id`).
	 */
	sortIgnored: boolean;
	/**
	 * Players, playlists and media categories apply `id`/`name` (default false: their docs name no
	 * filters; medias, templates and news sources document them).
	 */
	undocumentedFiltersHonoured: boolean;
	/** HTTP status of `{"error":"C004","message":"Resource not found."}` outside DELETE /medias (not recorded; default 400 like that one). */
	c004Status: number;
	/**
	 * How report files are written (default NDJSON, every recorded line; the docs also call the file
	 * "csv"). Applies to files built after the change.
	 */
	reportFileFormat: PlaylogFileFormat;
}

export const DEFAULT_VARIANT: FourYouSeeVariant = {
	failedReportError: false,
	foreignReportStatus: 403,
	sortIgnored: false,
	undocumentedFiltersHonoured: false,
	c004Status: 400,
	reportFileFormat: 'ndjson',
};

export interface FourYouSeeSimulatorOptions extends SimulatorOptions {
	/** Behaviours the sources leave open (see FourYouSeeVariant). */
	variant?: Partial<FourYouSeeVariant>;
	/** Seeded players (default 12; a benchmark uses 5,000). */
	players?: number;
	medias?: number;
	/** Minimum spacing of two requests of one token, in real milliseconds (not scaled). Default 1000. */
	rateLimitMs?: number;
	/**
	 * Arrival jitter forgiven by the limiter (default 50 ms): a client that sends exactly one request
	 * per second sees arrivals a few milliseconds closer than that.
	 */
	rateLimitToleranceMs?: number;
	/** Whether 429 answers carry `Retry-After` (default true; the docs do not say). */
	retryAfterHeader?: boolean;
	/** Provider time a report takes to generate (default 60 s, scaled by timeScale). */
	reportDelayMs?: number;
	/** Lines of each report file (default 500). Change `sim.playlogLines` between reports. */
	playlogLines?: number;
	/** Shape of `GET /v1/reports` (open question 2): the usual envelope (default) or a bare array. */
	reportListShape?: 'envelope' | 'bare';
	/** Deliver every notification 4 times even when acknowledged (tests a receiver's dedupe). */
	alwaysRepeatNotifications?: boolean;
	/** Notification retry delays in provider milliseconds (default 2, 6, 18 minutes; scaled). */
	notificationRetryMs?: number[];
	/**
	 * Test mode: reports created from now on stay `waiting` for ever (default false: they finish
	 * after `reportDelayMs`). For waits that only Stop or the node's Timeout can end.
	 */
	reportsNeverFinish?: boolean;
	/**
	 * Test mode: playlog files are sent `chunkBytes` at a time, one chunk every `everyMs` real
	 * milliseconds (default undefined: the whole file at once). Every download is logged in
	 * `sim.downloads`, with each chunk written and when the connection closed.
	 */
	storageDribble?: { chunkBytes: number; everyMs: number };
}

/** One playlog file download, as the storage route saw it. */
export interface StorageDownload {
	reportId: number;
	startedAt: number;
	/** Each chunk written to the connection: when, and how many bytes. */
	chunks: Array<{ at: number; bytes: number }>;
	/** Bytes written in all. */
	bytesSent: number;
	/** The whole file was sent. */
	completed: boolean;
	/** When the connection closed (by either side); undefined while open. */
	closedAt?: number;
}

export interface FourYouSeeRequest extends SimulatorRequest {
	/** The account the Secret-Token belongs to. */
	account: string;
}

function stamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

export class FourYouSeeSimulator extends Simulator {
	readonly store: FourYouSeeStore;

	/** Every notification POST made, in order. */
	readonly deliveries: NotificationDelivery[] = [];

	playlogLines: number;

	rateLimitMs: number;

	retryAfterHeader: boolean;

	reportListShape: 'envelope' | 'bare';

	/** Test mode (see the option): reports created while it is on never finish. */
	reportsNeverFinish: boolean;

	/** Test mode (see the option): how playlog files are dribbled; undefined sends them at once. */
	storageDribble: { chunkBytes: number; everyMs: number } | undefined;

	/** Every playlog file download, in arrival order. */
	readonly downloads: StorageDownload[] = [];

	/** The readings of what the sources leave open; may be changed between requests. */
	readonly variant: FourYouSeeVariant;

	/** Tokens and the account each one belongs to. */
	readonly tokens = new Map<string, string>();

	private readonly reportDelayMs: number;

	private readonly toleranceMs: number;

	private readonly alwaysRepeat: boolean;

	private readonly retryScheduleMs: number[];

	private readonly lastRequestAt = new Map<string, number>();

	private readonly files = new Map<number, Promise<Buffer>>();

	private failNext = 0;

	private readonly finished = new Map<number, Promise<void>>();

	private stopped = false;

	private readonly background = new Set<Promise<void>>();

	constructor(options: FourYouSeeSimulatorOptions = {}) {
		super({ name: '4yousee', ...options });
		this.store = seedStore({ players: options.players, medias: options.medias });
		this.playlogLines = options.playlogLines ?? 500;
		this.rateLimitMs = options.rateLimitMs ?? 1000;
		this.toleranceMs = options.rateLimitToleranceMs ?? 50;
		this.retryAfterHeader = options.retryAfterHeader ?? true;
		this.reportDelayMs = options.reportDelayMs ?? 60_000;
		this.reportListShape = options.reportListShape ?? 'envelope';
		this.reportsNeverFinish = options.reportsNeverFinish ?? false;
		this.storageDribble = options.storageDribble;
		this.variant = { ...DEFAULT_VARIANT, ...options.variant };
		this.alwaysRepeat = options.alwaysRepeatNotifications ?? false;
		this.retryScheduleMs = options.notificationRetryMs ?? [120_000, 360_000, 1_080_000];
		this.tokens.set(FOURYOUSEE_SIM_TOKEN, this.store.account);
		this.tokens.set(FOURYOUSEE_SIM_OTHER_TOKEN, 'other-7F00A1');
		this.seedForeignReport();
		this.registerReports();
		registerLibrary(this, this.store);
	}

	/** The credential's Base URL: `http://127.0.0.1:<port>/v1`. */
	get apiUrl(): string {
		return `${this.url}${API_PREFIX}`;
	}

	/** API routes get the Secret-Token check and the rate limit; storage routes do not. */
	override route(...args: Parameters<Simulator['route']>): this {
		const [method, pattern, handler, options] = args;
		if (!pattern.startsWith(`${API_PREFIX}/`)) return super.route(method, pattern, handler, options);
		return super.route(
			method,
			pattern,
			async (req, res) => {
				const token = req.headers['secret-token'];
				const account = typeof token === 'string' ? this.tokens.get(token) : undefined;
				if (!account) {
					res.json({ message: token ? 'Invalid Secret-Token' : 'Secret-Token header is required' }, 401);
					return;
				}
				if (!this.admit(token as string, res)) return;
				(req as FourYouSeeRequest).account = account;
				await handler(req, res);
			},
			options,
		);
	}

	/**
	 * Sends a list page as the API does: `{results,total,currentPage,totalPages}` (case fys-users-list),
	 * limit capped at 100 (Postman documenter), `totalPages` 0 on an empty list while `currentPage` is 1
	 * (case fys-medias-list-empty), in ID order unless `sort` says otherwise (exemplos/conteudos.md).
	 */
	sendList(req: SimulatorRequest, res: SimulatorResponse, items: readonly Record<string, unknown>[]): void {
		const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 100) || 100));
		const page = Math.max(1, Number(req.query.page ?? 1) || 1);
		const byId = sortRecords(items, 'id');
		const sort = typeof req.query.sort === 'string' && !this.variant.sortIgnored ? req.query.sort : undefined;
		const sorted = sort ? sortRecords(byId, sort) : byId;
		const totalPages = Math.ceil(sorted.length / limit);
		res.json({
			results: sorted.slice((page - 1) * limit, page * limit),
			total: sorted.length,
			currentPage: page,
			totalPages,
		});
	}

	/** `{"message":"<Thing> with ID n was not found"}`, 404 (cases fys-medias-get-404, fys-categories-get-404). */
	sendNotFound(res: SimulatorResponse, thing: string, id: unknown): void {
		res.json({ message: `${thing} with ID ${String(id)} was not found` }, 404);
	}

	/** `{"error":"C004","message":"Resource not found."}` (cases fys-news-get-404, fys-medias-delete-404). */
	sendC004(res: SimulatorResponse, status = this.variant.c004Status): void {
		res.json({ error: 'C004', message: 'Resource not found.' }, status);
	}

	/**
	 * What `POST /v1/reports` does, without HTTP (tests use it so their own calls do not count
	 * against the rate limit): validates, stores a `waiting` report and schedules its completion.
	 * Returns the validation message when the API would answer 400.
	 */
	createReport(body: Record<string, unknown>, account: string = this.store.account): SimReport | string {
		const filter = (body.filter ?? {}) as Record<string, unknown>;
		const problem = validateReportFilter(filter);
		if (problem) return problem;
		const normalised = {
			startDate: filter.startDate,
			startTime: filter.startTime ?? '00:00:00',
			endDate: filter.endDate,
			endTime: filter.endTime ?? '23:59:59',
			mediaId: Array.isArray(filter.mediaId) ? filter.mediaId : [],
			playerId: Array.isArray(filter.playerId) ? filter.playerId : [],
			sort: filter.sort ?? -1,
		};
		const id = Math.max(522872, ...this.store.reports.map((r) => r.id)) + 1;
		const webhook = typeof body.webhook === 'string' && body.webhook !== '' ? body.webhook : undefined;
		const report = this.newReport(id, account, normalised, Date.now(), webhook);
		report.type = typeof body.type === 'string' ? body.type : 'detailed';
		if (this.failNext > 0) {
			this.failNext--;
			report.error = { code: 422, message: 'There was an error generating the report' };
		}
		this.store.reports.push(report);
		const work = this.generate(report);
		this.finished.set(report.id, work.ready);
		this.track(work.all);
		return report;
	}

	/** Adds `count` finished reports of the main account straight to the store (for list tests). */
	seedReports(count: number, status: SimReport['status'] = 'success'): SimReport[] {
		const added: SimReport[] = [];
		const base = Date.parse('2026-10-01T00:00:00Z');
		for (let i = 0; i < count; i++) {
			const id = Math.max(522872, ...this.store.reports.map((r) => r.id)) + 1;
			const day = `2026-10-${String((i % 28) + 1).padStart(2, '0')}`;
			const report = this.newReport(
				id,
				this.store.account,
				{ startDate: day, startTime: '00:00:00', endDate: day, endTime: '23:59:59', mediaId: [], playerId: [], sort: -1 },
				base + i * 60_000,
			);
			report.status = status;
			if (status === 'failed') report.error = { code: 422, message: 'There was an error generating the report' };
			this.store.reports.push(report);
			added.push(report);
		}
		return added;
	}

	/** The next `count` reports fail instead of succeeding. */
	failNextReports(count = 1): void {
		this.failNext += count;
	}

	/** Damages a report's file (before or after it is downloaded for the first time). */
	damageReportFile(reportId: number, damage: FileDamage): void {
		const report = this.report(reportId);
		report.damage = damage;
		this.files.delete(reportId);
	}

	/** A report as the simulator holds it (throws when unknown). */
	report(reportId: number): SimReport {
		const report = this.store.reports.find((r) => r.id === Number(reportId));
		if (!report) throw new Error(`4yousee simulator: no report ${reportId}`);
		return report;
	}

	/**
	 * The report as `GET /v1/reports/{id}` shows it: exactly the eight keys of cases
	 * fys-reports-get-success and fys-reports-list-item-keys (`error` only with the
	 * `failedReportError` variant).
	 */
	reportJson(report: SimReport): Record<string, unknown> {
		return {
			id: report.id,
			type: report.type,
			format: report.format,
			filter: report.filter,
			status: report.status,
			url: report.status === 'success' ? this.storageUrl(report) : null,
			createdAt: report.createdAt,
			updatedAt: report.updatedAt,
			...(report.error && report.status === 'failed' && this.variant.failedReportError ? { error: report.error } : {}),
		};
	}

	/**
	 * The body POSTed to the webhook: the documented failure payload `{id, status, error, filter}`
	 * (the seed; case fys-webhook-failed), or for a success the report object (ASSUMPTION: no
	 * literal success body exists; the reference receiver reads `url` and `filter` from it).
	 */
	notificationBody(report: SimReport): Record<string, unknown> {
		if (report.status === 'failed') {
			return { id: report.id, status: 'failed', error: report.error, filter: report.filter };
		}
		return this.reportJson(report);
	}

	/** The gzip playlog file of a finished report (built once, then cached). */
	async playlogFile(reportId: number): Promise<Buffer> {
		const report = this.report(reportId);
		let file = this.files.get(report.id);
		if (!file) {
			file = buildPlaylogFile(report.spec, report.damage, this.variant.reportFileFormat);
			this.files.set(report.id, file);
		}
		return await file;
	}

	/** Ground truth: plays of a report grouped by the given fields, after a filter. */
	countPlays(reportId: number, groupBy: PlaylogGroupField[], filter?: PlaylogFilter): PlaylogCountRow[] {
		return countPlaylogs(this.report(reportId).spec, groupBy, filter);
	}

	/** Ground truth: the report's playlogs after a filter, in file order (small reports only). */
	playlogs(reportId: number, filter?: PlaylogFilter): Playlog[] {
		const out: Playlog[] = [];
		for (const p of generatePlaylogs(this.report(reportId).spec)) if (matches(p, filter)) out.push(p);
		return out;
	}

	/**
	 * POSTs a notification now (outside the retry schedule), like a repeated delivery. Returns the
	 * receiver's status. `body` replaces the usual payload (forged notifications).
	 */
	async notify(reportId: number, options: { url?: string; body?: unknown; rawBody?: string; contentType?: string } = {}): Promise<number> {
		const report = this.report(reportId);
		const url = options.url ?? report.webhook;
		if (!url) throw new Error(`4yousee simulator: report ${reportId} has no webhook URL`);
		const body = options.rawBody ?? JSON.stringify(options.body ?? this.notificationBody(report));
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': options.contentType ?? 'application/json' },
			body,
		});
		await response.arrayBuffer();
		return response.status;
	}

	/** Waits until a report created by this simulator has its final status (not its notifications). */
	async whenFinished(reportId: number): Promise<SimReport> {
		await this.finished.get(Number(reportId));
		return this.report(reportId);
	}

	/** Waits for every scheduled report completion and notification to finish. */
	async settle(): Promise<void> {
		while (this.background.size) await Promise.all([...this.background]);
	}

	override async stop(): Promise<void> {
		this.stopped = true;
		await super.stop();
		await Promise.allSettled([...this.background]);
	}

	protected override notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		res.json({ message: `No route for ${req.method} ${req.path}` }, 404);
	}

	protected override serverError(error: unknown, _req: SimulatorRequest, res: SimulatorResponse): void {
		res.json({ message: 'An unexpected error occurred', detail: error instanceof Error ? error.message : String(error) }, 500);
	}

	/**
	 * One request per second per token (Postman documenter: "1 call per second per IP/URI"; counted
	 * per token, ASSUMPTION). The 429 body is not recorded.
	 */
	private admit(token: string, res: SimulatorResponse): boolean {
		const now = Date.now();
		const last = this.lastRequestAt.get(token);
		if (last !== undefined && now - last < this.rateLimitMs - this.toleranceMs) {
			if (this.retryAfterHeader) res.header('retry-after', String(Math.max(1, Math.ceil((last + this.rateLimitMs - now) / 1000))));
			res.json({ message: 'Too Many Requests' }, 429);
			return false;
		}
		this.lastRequestAt.set(token, now);
		return true;
	}

	private seedForeignReport(): void {
		const at = Date.parse('2026-11-01T10:00:00Z');
		this.store.reports.push(
			this.newReport(158542, 'other-7F00A1', {
				startDate: '2026-10-01',
				startTime: '00:00:00',
				endDate: '2026-10-02',
				endTime: '23:59:59',
				mediaId: [],
				playerId: [],
				sort: -1,
			}, at),
		);
		this.store.reports[0].status = 'success';
	}

	private newReport(id: number, account: string, filter: Record<string, unknown>, at: number, webhook?: string): SimReport {
		const playerIds = (filter.playerId as number[]).length
			? (filter.playerId as number[]).map(Number)
			: this.store.players.map((p) => Number(p.id));
		const mediaIds = new Set((filter.mediaId as number[]).map(Number));
		const medias = (mediaIds.size ? this.store.medias.filter((m) => mediaIds.has(Number(m.id))) : this.store.medias).map((m) => ({
			id: Number(m.id),
			type: String(m.file).startsWith('v_') ? 'V' : String(m.file).startsWith('h_') ? 'H' : 'I',
		}));
		for (const id of mediaIds) if (!medias.some((m) => m.id === id)) medias.push({ id, type: 'I' });
		return {
			id,
			account,
			type: 'detailed',
			format: 'json',
			filter,
			status: 'waiting',
			createdAt: stamp(at),
			updatedAt: stamp(at),
			webhook,
			spec: {
				seed: id,
				lines: this.playlogLines,
				account,
				playerIds,
				medias,
				start: `${String(filter.startDate)} ${String(filter.startTime)}`,
				end: `${String(filter.endDate)} ${String(filter.endTime)}`,
				sort: Number(filter.sort) === 1 ? 1 : -1,
			},
			damage: {},
			hash: createHash('sha1').update(`${account}/${id}`).digest('hex').slice(0, 13),
		};
	}

	private storageUrl(report: SimReport): string {
		return `${this.url}${STORAGE_PREFIX}/${report.account}/${report.id}-${report.hash}.gz`;
	}

	private registerReports(): void {
		// Seed "GET /reports"; the linked list is not stored: the usual envelope (ASSUMPTION), items as
		// case fys-reports-list-item-keys.
		this.get('/v1/reports', (req, res) => {
			const own = this.store.reports.filter((r) => r.account === (req as FourYouSeeRequest).account).map((r) => this.reportJson(r));
			if (this.reportListShape === 'bare') res.json(sortRecords(own, '-id'));
			else this.sendList(req, res, sortRecords(own, typeof req.query.sort === 'string' ? req.query.sort : '-id'));
		});

		// Seed "GET /reports/{reportId}"; cases fys-reports-get-success, fys-reports-get-404, fys-reports-get-foreign.
		this.get('/v1/reports/:id', (req, res) => {
			const report = this.store.reports.find((r) => String(r.id) === req.params.id);
			if (!report) return this.sendNotFound(res, 'Report', req.params.id);
			if (report.account !== (req as FourYouSeeRequest).account) {
				res.json({ message: `Report with ID ${report.id} does not belong to current user` }, this.variant.foreignReportStatus);
				return;
			}
			res.json(this.reportJson(report));
		});

		// Seed "POST /reports" (30-day maximum); answer: case fys-reports-post (status "waiting", url null).
		const postReport: RouteHandler = (req, res) => {
			const created = this.createReport((req.body ?? {}) as Record<string, unknown>, (req as FourYouSeeRequest).account);
			if (typeof created === 'string') {
				// Case fys-reports-post-rejected: only `details.report[0]` is known (status ASSUMPTION: 400).
				res.json({ details: { report: [created] } }, 400);
				return;
			}
			res.json(this.reportJson(created));
		};
		this.post('/v1/reports', postReport);
		// The Python client posts to `reports/` (case fys-reports-post).
		this.post('/v1/reports/', postReport);

		// Case fys-report-file-download: a plain GET on the S3 object, no Secret-Token; gzip NDJSON.
		this.get(`${STORAGE_PREFIX}/:account/:file`, async (req, res) => {
			const match = /^(\d+)-([0-9a-f]+)\.gz$/.exec(req.params.file);
			const report = match ? this.store.reports.find((r) => r.id === Number(match[1]) && r.hash === match[2]) : undefined;
			if (!report || report.account !== req.params.account || report.status !== 'success') {
				res.status(404).send(
					'<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
					'application/xml',
				);
				return;
			}
			const file = await this.playlogFile(report.id);
			const short = report.damage.shortBodyBytes ?? 0;
			if (short > 0) {
				// The announced length, fewer bytes, then the connection closes (a proxy cutting a download).
				res.raw.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': file.length });
				res.raw.write(file.subarray(0, Math.max(0, file.length - short)), () => res.raw.destroy());
				return;
			}
			res.header('content-type', 'application/x-gzip').header('content-length', file.length);
			const download: StorageDownload = { reportId: report.id, startedAt: Date.now(), chunks: [], bytesSent: 0, completed: false };
			this.downloads.push(download);
			res.raw.on('close', () => {
				download.closedAt = Date.now();
			});
			const dribble = this.storageDribble;
			if (!dribble) {
				res.send(file);
				download.chunks.push({ at: Date.now(), bytes: file.length });
				download.bytesSent = file.length;
				download.completed = true;
				return;
			}
			// Test mode: a slow storage link. Writing stops as soon as the connection is closed.
			const size = Math.max(1, Math.floor(dribble.chunkBytes));
			for (let at = 0; at < file.length; at += size) {
				if (res.raw.destroyed || this.stopped) return;
				const chunk = file.subarray(at, at + size);
				res.raw.write(chunk);
				download.chunks.push({ at: Date.now(), bytes: chunk.length });
				download.bytesSent += chunk.length;
				await new Promise((resolve) => setTimeout(resolve, dribble.everyMs));
			}
			if (res.raw.destroyed) return;
			res.raw.end();
			download.completed = true;
		});
	}

	private track(work: Promise<void>): void {
		const tracked = work.catch(() => undefined).finally(() => this.background.delete(tracked));
		this.background.add(tracked);
	}

	/** `ready`: the report has its final status; `all`: its notifications are delivered too. */
	private generate(report: SimReport): { ready: Promise<void>; all: Promise<void> } {
		// Test mode: the report stays "waiting" (it is never generated, nor notified); nothing is
		// left pending, so `settle()` and `stop()` do not wait for it.
		if (this.reportsNeverFinish) return { ready: Promise.resolve(), all: Promise.resolve() };
		const ready = (async () => {
			await this.delay(this.reportDelayMs);
			if (this.stopped) return;
			report.updatedAt = stamp(Date.now());
			report.status = report.error ? 'failed' : 'success';
		})();
		const all = (async () => {
			await ready;
			if (!this.stopped && report.webhook) await this.deliver(report, report.webhook);
		})();
		return { ready, all };
	}

	/** The documented schedule: first delivery, then 2, 6 and 18 minutes later until a 2xx. */
	private async deliver(report: SimReport, url: string): Promise<void> {
		const waits = [0, ...this.retryScheduleMs];
		for (let attempt = 1; attempt <= waits.length; attempt++) {
			await this.delay(waits[attempt - 1]);
			if (this.stopped) return;
			const entry: NotificationDelivery = { reportId: report.id, url, attempt, at: Date.now() };
			this.deliveries.push(entry);
			try {
				entry.status = await this.notify(report.id, { url });
			} catch {
				entry.status = undefined;
			}
			const acknowledged = entry.status !== undefined && entry.status >= 200 && entry.status < 300;
			if (acknowledged && !this.alwaysRepeat) return;
		}
	}
}

/** The API's checks on a report filter; the message names the allowed range. */
function validateReportFilter(filter: Record<string, unknown>): string | undefined {
	const { startDate, endDate } = filter;
	const startTime = filter.startTime ?? '00:00:00';
	const endTime = filter.endTime ?? '23:59:59';
	if (typeof startDate !== 'string' || !DATE.test(startDate)) return 'startDate is required (YYYY-MM-DD)';
	if (typeof endDate !== 'string' || !DATE.test(endDate)) return 'endDate is required (YYYY-MM-DD)';
	if (typeof startTime !== 'string' || !TIME.test(startTime)) return 'startTime must be HH:MM:SS';
	if (typeof endTime !== 'string' || !TIME.test(endTime)) return 'endTime must be HH:MM:SS';
	const start = Date.parse(`${startDate}T${startTime}Z`);
	const end = Date.parse(`${endDate}T${endTime}Z`);
	if (end < start) return 'endDate must be after startDate';
	if (end - start > 30 * DAY_MS) return 'The maximum interval is 30 days';
	return undefined;
}

/** `sort=-id,name`: comma-separated fields, `-` for descending. */
export function sortRecords<T extends Record<string, unknown>>(items: readonly T[], sort?: string): T[] {
	const list = [...items];
	if (!sort) return list;
	const keys = sort
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean)
		.map((k) => (k.startsWith('-') ? { field: k.slice(1), dir: -1 } : { field: k, dir: 1 }));
	return list.sort((a, b) => {
		for (const { field, dir } of keys) {
			const x = a[field] as number | string;
			const y = b[field] as number | string;
			if (x === y) continue;
			if (x === undefined) return dir;
			if (y === undefined) return -dir;
			return (x < y ? -1 : 1) * dir;
		}
		return 0;
	});
}
