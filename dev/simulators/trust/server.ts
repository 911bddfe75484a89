/**
 * Trust (trust.lat) simulator: Atenea's client-credentials token endpoint, the Campaigns API and
 * Message-persistance's segments. Its default answers are the documented shapes, each route naming
 * its source; what the documents leave open is a switchable variant (`TrustSimulatorOptions`).
 *
 * Sources, in order: the seed document (/work/shared/seeds/002_c72819e3a8a8a1d2.txt, the statistics
 * page of https://docs.trust.lat/docs/api/campaigns/endpoints/read_statistics_by_company_id), the
 * recorded cases in test/contract/fixtures/trust.json (case ids below), research/providers.md §3.
 *
 * - `POST /oauth/token/` (case trust-atenea-token; the Android SDK posts to `/oauth/token`, so both
 *   spellings are served unless `tokenPath` says otherwise) takes a JSON body only; a form body gets
 *   400 (only JSON is documented). Tokens live `tokenTtlSeconds` provider seconds (scaled by
 *   `timeScale`); `expireTokens()` ends them all at once. An unknown or expired token gets 401 with
 *   no body (case trust-401-reauth: no 401 body is shown anywhere).
 * - Campaigns and segments are kept in memory. Each notification goes pending -> sent | failed a few
 *   (scaled) seconds after its campaign is created, then gets its actions (RECEIVED, then
 *   PRESS_ACTION or CLOSED; UNKNOWN when rendering failed), all decided by a hash of its trust_id.
 * - Statistics (seed "Empty"/"Found" answers) are computed from the notifications: the last 7 days
 *   by default, or a range of days. Each sent notification is counted once in `actions`, in the
 *   state it is in now (the seed's "Found" answer has PRESS_ACTION 4 with RECEIVED 0); `counters:
 *   'inclusive'` counts every state it went through instead. The documented answers carry no
 *   CLOSED key, so closed notifications are counted under CLOSED only with `closedCounter: true`.
 * - The range parameter names are not documented: by default `from_date`/`until_date` are honoured
 *   (the names of Trust's Chronos service, research/providers.md §3), `rangeParams` honours others,
 *   `range: 'ignore'` answers the last 7 days whatever the query says.
 * - History: campaigns spread over the last 30 days for every company, so a date range and the
 *   default window give different numbers.
 * - Ground truth for tests: `statistics(companyId, range?)`, `notificationsOf(companyId)`, `campaigns`,
 *   `segments`.
 *
 * Error bodies are not documented anywhere. ASSUMPTION: the services answer their envelope with the
 * status as `code` and a `message` (`errorBody: 'envelope'`); `'detail'`, `'text'`, `'html'` and
 * `'empty'` switch to other shapes.
 */
import { createHash } from 'node:crypto';

import { prng } from '../random';
import { Simulator, type SimulatorRequest, type SimulatorResponse } from '../simulator';

export const TRUST_ACTIONS = ['RECEIVED', 'PRESS_ACTION', 'CLOSED', 'UNKNOWN'] as const;
export type TrustAction = (typeof TRUST_ACTIONS)[number];

export interface TrustClient {
	clientId: string;
	clientSecret: string;
	/** Companies this client may read and write; the first one is used when a body names none. */
	companies: string[];
}

export interface TrustSimulatorOptions {
	/** Factor applied to provider seconds (notification progress, token lifetime). Default 0.001. */
	timeScale?: number;
	/** Seed for the history and the notification outcomes. Default 7. */
	seed?: number;
	/** Token lifetime in provider seconds (Atenea's example says 7200). */
	tokenTtlSeconds?: number;
	clients?: TrustClient[];
	/** Days of seeded history behind "now" (default 30; 0 for none). */
	historyDays?: number;
	/** Seeded campaigns per company (default 24). */
	historyCampaigns?: number;
	/** Statistics range parameter names that are honoured (default `from_date` / `until_date`). */
	rangeParams?: { from: string; until: string };
	/** `ignore`: the statistics are the last 7 days whatever the query says. Default `honour`. */
	range?: 'honour' | 'ignore';
	/** How `actions` counts: each notification once in its current state (default), or every state it reached. */
	counters?: 'exclusive' | 'inclusive';
	/** Whether `actions` carries CLOSED, as the page's text lists but neither documented answer shows. Default false. */
	closedCounter?: boolean;
	/** Atenea token path: both spellings (default), only `/oauth/token/` (docs), only `/oauth/token` (Android SDK). */
	tokenPath?: 'both' | 'slash' | 'noSlash';
	/** `expires_in` and `created_at` as strings, as Trust's Android SDK models them. Default false (numbers, as documented). */
	tokenNumbersAsStrings?: boolean;
	/** Atenea's `token_type` (documented "Bearer"); the API then wants `Authorization: <token_type> <access_token>`. */
	tokenType?: string;
	/** Shape of error bodies (none is documented). Default `envelope`: `{code, resource?, message}`. */
	errorBody?: 'envelope' | 'detail' | 'text' | 'html' | 'empty';
	/**
	 * The campaign create answer (none is documented). Default `campaign`: 201 with the envelope of
	 * segment create and the campaign as the list shows it; `empty`: 201 without a body.
	 */
	createAnswer?: 'campaign' | 'empty';
}

export const DEFAULT_CLIENT: TrustClient = {
	clientId: 'trust-client-1111',
	clientSecret: 'trust-secret-aaaa-bbbb',
	companies: ['1', '2', '3'],
};

export interface Notification {
	trust_id: string;
	variables: Record<string, unknown>;
	campaign_uuid: string;
	company_id: string;
	/** Epoch ms. */
	createdAt: number;
}

export interface NotificationState {
	trust_id: string;
	campaign_uuid: string;
	created_at: string;
	status: 'pending' | 'sent' | 'failed';
	actions: TrustAction[];
}

export interface Campaign {
	app_id: string;
	application_name: string;
	company_id: string;
	created_at: string;
	finish_date: string | null;
	flavor_id: string;
	message_id: string;
	name: string;
	segment_id: string;
	updated_at: string;
	uuid: string;
}

export interface Segment {
	/** An integer, as segment create answers it (real-shapes README, Trust §3). */
	id: number;
	name: string;
	company_id: string;
	index_query: Record<string, unknown>;
}

export interface Statistics {
	total: number;
	sended: number;
	pending: number;
	fails: number;
	/** RECEIVED, PRESS_ACTION and UNKNOWN, and CLOSED with `closedCounter`. */
	actions: Partial<Record<TrustAction, number>>;
	campaign: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FINISH_DATE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

/** Uniform numbers in [0, 1) from a text, stable across runs. */
function draws(text: string, count: number): number[] {
	const digest = createHash('sha256').update(text).digest();
	return Array.from({ length: count }, (_, i) => digest.readUInt32BE(i * 4) / 2 ** 32);
}

/** The fate of one notification, in provider milliseconds after its creation (decided by its trust_id). */
export function lifecycle(trustId: string, seed: number): {
	sendAfterMs: number;
	failed: boolean;
	events: Array<{ action: TrustAction; afterMs: number }>;
} {
	const [d0, d1, d2, d3, d4, d5] = draws(`${seed}:${trustId}`, 6);
	// "Sending starts a few seconds after creation" (create_campaign_v1).
	const sendAfterMs = 2000 + Math.floor(d0 * 4000);
	const failed = d1 < 0.08;
	const events: Array<{ action: TrustAction; afterMs: number }> = [];
	if (!failed) {
		const receivedAt = sendAfterMs + 1000 + Math.floor(d2 * 3000);
		if (d3 < 0.82) {
			events.push({ action: 'RECEIVED', afterMs: receivedAt });
			const seenAt = receivedAt + 2000 + Math.floor(d5 * 6000);
			if (d4 < 0.35) events.push({ action: 'PRESS_ACTION', afterMs: seenAt });
			else if (d4 < 0.8) events.push({ action: 'CLOSED', afterMs: seenAt });
		} else if (d3 < 0.88) {
			events.push({ action: 'UNKNOWN', afterMs: receivedAt });
		}
	}
	return { sendAfterMs, failed, events };
}

/** The longest a notification takes to settle, in provider milliseconds. */
export const SETTLE_MS = 2000 + 4000 + 1000 + 3000 + 2000 + 6000;

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

export class TrustSimulator extends Simulator {
	readonly seed: number;

	readonly clients: TrustClient[];

	readonly campaigns: Campaign[] = [];

	readonly segments: Segment[] = [];

	readonly notifications: Notification[] = [];

	/** Every body received by `POST /campaigns/api/v1/campaign`, in order. */
	readonly campaignBodies: unknown[] = [];

	/** Every body received by `PUT /message-persistance/api/v1/segment/:segment`, in order. */
	readonly segmentUpdates: unknown[] = [];

	tokenTtlSeconds: number;

	readonly rangeParams: { from: string; until: string };

	/** The variants in force; tests may switch them between runs. */
	readonly variant: Required<
		Pick<TrustSimulatorOptions, 'range' | 'counters' | 'closedCounter' | 'tokenPath' | 'tokenNumbersAsStrings' | 'tokenType' | 'errorBody' | 'createAnswer'>
	>;

	private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

	private counter = 0;

	private segmentCounter = 0;

	constructor(options: TrustSimulatorOptions = {}) {
		super({ name: 'trust', timeScale: options.timeScale ?? 0.001 });
		this.seed = options.seed ?? 7;
		this.clients = options.clients ?? [DEFAULT_CLIENT];
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
		this.rangeParams = options.rangeParams ?? { from: 'from_date', until: 'until_date' };
		this.variant = {
			range: options.range ?? 'honour',
			counters: options.counters ?? 'exclusive',
			closedCounter: options.closedCounter ?? false,
			tokenPath: options.tokenPath ?? 'both',
			tokenNumbersAsStrings: options.tokenNumbersAsStrings ?? false,
			tokenType: options.tokenType ?? 'Bearer',
			errorBody: options.errorBody ?? 'envelope',
			createAnswer: options.createAnswer ?? 'campaign',
		};
		this.seedHistory(options.historyDays ?? 30, options.historyCampaigns ?? 24);

		// trust-atenea-token (docs, iOS SDK: with the slash); Android SDK: without. The route matches both.
		this.post('/oauth/token', (req, res) => this.token(req, res));
		// Seed document; trust-statistics-empty.
		this.get('/campaigns/api/v1/company/:companyId/statistics', (req, res) => this.getStatistics(req, res));
		// trust-campaigns-list.
		this.get('/campaigns/api/v1/company/:companyId/campaign', (req, res) => this.listCampaigns(req, res));
		// trust-campaign-create-by-recipients, trust-campaign-create-by-segment (requests only).
		this.post('/campaigns/api/v1/campaign', (req, res) => this.createCampaign(req, res));
		// Segment create (real-shapes README, Trust 3: 201, integer id).
		this.post('/message-persistance/api/v1/segment', (req, res) => this.createSegment(req, res));
		// trust-segment-update (request only).
		this.put('/message-persistance/api/v1/segment/:segment', (req, res) => this.updateSegment(req, res));
	}

	/** Ends every token issued so far: the next API call gets 401. */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/** Real milliseconds until every notification created now has settled (sent/failed and its actions). */
	settleMs(): number {
		return Math.ceil(this.scaled(SETTLE_MS)) + 5;
	}

	/** Where every notification of a company is now. */
	notificationsOf(companyId: string, at = this.now()): NotificationState[] {
		return this.notifications.filter((n) => n.company_id === companyId).map((n) => this.stateOf(n, at));
	}

	/**
	 * The statistics Trust would answer for a company: the last 7 days when no range is given,
	 * else the days `from`..`until` (YYYY-MM-DD, UTC, both included), by notification creation time.
	 */
	statistics(companyId: string, range?: { from: string; until: string }, at = this.now()): Statistics {
		const start = range ? Date.parse(`${range.from}T00:00:00.000Z`) : at - 7 * DAY_MS;
		const end = range ? Date.parse(`${range.until}T00:00:00.000Z`) + DAY_MS - 1 : at;
		const actions: Partial<Record<TrustAction, number>> = { RECEIVED: 0, PRESS_ACTION: 0, UNKNOWN: 0 };
		if (this.variant.closedCounter) actions.CLOSED = 0;
		// Key order of the seed's answers: total, sended, pending, fails, actions, campaign.
		const stats: Statistics = { total: 0, sended: 0, pending: 0, fails: 0, actions, campaign: 0 };
		const campaigns = new Set<string>();
		for (const n of this.notifications) {
			if (n.company_id !== companyId || n.createdAt < start || n.createdAt > end) continue;
			const state = this.stateOf(n, at);
			campaigns.add(n.campaign_uuid);
			stats.total += 1;
			if (state.status === 'pending') stats.pending += 1;
			else if (state.status === 'sent') stats.sended += 1;
			else stats.fails += 1;
			// Exclusive: the state the notification is in now. Inclusive: every state it went through.
			const counted = this.variant.counters === 'exclusive' ? state.actions.slice(-1) : state.actions;
			for (const action of counted) if (actions[action] !== undefined) actions[action] = actions[action]! + 1;
		}
		stats.campaign = campaigns.size;
		return stats;
	}

	private stateOf(n: Notification, at: number): NotificationState {
		const life = lifecycle(n.trust_id, this.seed);
		const elapsed = at - n.createdAt;
		const reached = (afterMs: number) => elapsed >= this.scaled(afterMs);
		const status = !reached(life.sendAfterMs) ? 'pending' : life.failed ? 'failed' : 'sent';
		return {
			trust_id: n.trust_id,
			campaign_uuid: n.campaign_uuid,
			created_at: iso(n.createdAt),
			status,
			actions: status === 'sent' ? life.events.filter((e) => reached(e.afterMs)).map((e) => e.action) : [],
		};
	}

	/**
	 * An ID shaped like the documented ones: UUID-like but not a valid UUID (`zerbf63c-ef51-…`,
	 * trust-campaigns-list), so a node that checks IDs as UUIDs fails here as it would on Trust.
	 */
	private nextId(kind: string): string {
		this.counter += 1;
		const hex = createHash('sha256').update(`${this.seed}:${kind}:${this.counter}`).digest('hex');
		return `z${hex.slice(1, 3)}r${hex.slice(4, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	}

	private seedHistory(days: number, perCompany: number): void {
		if (days <= 0 || perCompany <= 0) return;
		const random = prng(this.seed);
		const now = this.now();
		const companies = [...new Set(this.clients.flatMap((c) => c.companies))];
		for (const company of companies) {
			for (let c = 0; c < perCompany; c++) {
				// Spread over the window, at least an hour old so everything has settled.
				const createdAt = now - 60 * 60 * 1000 - Math.floor(random() * (days * DAY_MS - 2 * 60 * 60 * 1000));
				const campaign = this.addCampaign(
					{
						name: `Campaign ${company}-${c + 1}`,
						message_id: this.nextId('message'),
						application_name: 'com.trust.demo',
						company_id: company,
					},
					createdAt,
				);
				const size = 10 + Math.floor(random() * 40);
				for (let i = 0; i < size; i++) {
					this.notifications.push({
						trust_id: `device-${company}-${Math.floor(random() * 5000)}`,
						variables: {},
						campaign_uuid: campaign.uuid,
						company_id: company,
						createdAt,
					});
				}
			}
		}
	}

	private addCampaign(fields: Record<string, unknown>, createdAt: number): Campaign {
		// The fields of trust-campaigns-list: ids as strings, segment_id "" when unused, finish_date null.
		const campaign: Campaign = {
			app_id: '1',
			application_name: String(fields.application_name),
			company_id: String(fields.company_id),
			created_at: iso(createdAt),
			finish_date: typeof fields.finish_date === 'string' ? fields.finish_date : null,
			flavor_id: String(fields.application_name),
			message_id: String(fields.message_id),
			name: typeof fields.name === 'string' ? fields.name : '',
			segment_id: typeof fields.segment_id === 'string' ? fields.segment_id : '',
			updated_at: iso(createdAt),
			uuid: this.nextId('campaign'),
		};
		this.campaigns.push(campaign);
		return campaign;
	}

	/** A campaign is terminated once its finish date passed (segment) or all notifications settled. */
	private terminated(campaign: Campaign, at: number): boolean {
		if (campaign.segment_id && campaign.finish_date) {
			return Date.parse(`${campaign.finish_date.replace(' ', 'T')}Z`) <= at;
		}
		return this.notifications
			.filter((n) => n.campaign_uuid === campaign.uuid)
			.every((n) => this.stateOf(n, at).status !== 'pending');
	}

	/** An error answer in the shape `errorBody` selects. */
	private fail(res: SimulatorResponse, status: number, message: string, resource?: string): void {
		switch (this.variant.errorBody) {
			case 'detail':
				res.json({ detail: message }, status);
				return;
			case 'text':
				res.status(status).send(message, 'text/plain; charset=utf-8');
				return;
			case 'html':
				res.status(status).send(`<!DOCTYPE html><html><head><title>${status} ${message}</title></head><body><h1>${message}</h1><p>nginx</p></body></html>`, 'text/html');
				return;
			case 'empty':
				res.end(status);
				return;
			default:
				res.json({ code: status, ...(resource ? { resource } : {}), message }, status);
		}
	}

	/* ------------------------------------------------------------------ Atenea */

	private token(req: SimulatorRequest, res: SimulatorResponse): void {
		const slash = req.path.endsWith('/');
		if ((this.variant.tokenPath === 'slash' && !slash) || (this.variant.tokenPath === 'noSlash' && slash)) {
			this.notFound(req, res);
			return;
		}
		const type = String(req.headers['content-type'] ?? '').toLowerCase();
		if (!type.includes('application/json')) {
			// ASSUMPTION: OAuth's error body (no Atenea error is documented).
			res.json({ error: 'invalid_request', error_description: 'The client credentials must be sent as a JSON body.' }, 400);
			return;
		}
		const body = (req.body ?? {}) as Record<string, unknown>;
		if (body.grant_type !== 'client_credentials') {
			res.json({ error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported.' }, 400);
			return;
		}
		const client = this.clients.find((c) => c.clientId === body.client_id && c.clientSecret === body.client_secret);
		if (!client) {
			res.json(
				{
					error: 'invalid_client',
					error_description:
						'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
				},
				401,
			);
			return;
		}
		const accessToken = createHash('sha256').update(`${this.seed}:${client.clientId}:${this.counter++}:${this.now()}`).digest('base64url');
		this.tokens.set(accessToken, { clientId: client.clientId, expiresAt: this.now() + this.scaled(this.tokenTtlSeconds * 1000) });
		const createdAt = Math.floor(this.now() / 1000);
		const asText = this.variant.tokenNumbersAsStrings;
		// trust-atenea-token: access_token, token_type, expires_in, created_at (epoch seconds).
		res.json({
			access_token: accessToken,
			token_type: this.variant.tokenType,
			expires_in: asText ? String(this.tokenTtlSeconds) : this.tokenTtlSeconds,
			created_at: asText ? String(createdAt) : createdAt,
		});
	}

	/**
	 * The client behind a valid `<token_type> <access_token>` header (the iOS SDK builds it so from
	 * the token answer), or a 401 without a body already sent (trust-401-reauth).
	 */
	private client(req: SimulatorRequest, res: SimulatorResponse): TrustClient | undefined {
		const header = String(req.headers.authorization ?? '');
		const space = header.indexOf(' ');
		const scheme = space > 0 ? header.slice(0, space) : '';
		const token = space > 0 ? header.slice(space + 1).trim() : '';
		const entry = scheme.toLowerCase() === this.variant.tokenType.toLowerCase() ? this.tokens.get(token) : undefined;
		if (!entry || entry.expiresAt <= this.now()) {
			res.end(401);
			return undefined;
		}
		return this.clients.find((c) => c.clientId === entry.clientId);
	}

	/** ASSUMPTION: a company the client may not use is a 404 (no such answer is documented). */
	private company(client: TrustClient, companyId: string, res: SimulatorResponse, resource: string): boolean {
		if (client.companies.includes(companyId)) return true;
		this.fail(res, 404, `Company ${companyId} not found`, resource);
		return false;
	}

	/* ------------------------------------------------------------------ Campaigns */

	/** The seed's statistics answers: `{code: 200, resource: "Statistics", data, message: "Ok"}`. */
	private getStatistics(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client || !this.company(client, req.params.companyId, res, 'Statistics')) return;
		let range: { from: string; until: string } | undefined;
		if (this.variant.range === 'honour') {
			const from = req.query[this.rangeParams.from];
			const until = req.query[this.rangeParams.until];
			if (from !== undefined || until !== undefined) {
				if (typeof from !== 'string' || typeof until !== 'string' || !DAY.test(from) || !DAY.test(until)) {
					this.fail(res, 400, `${this.rangeParams.from} and ${this.rangeParams.until} must both be dates as YYYY-MM-DD`, 'Statistics');
					return;
				}
				if (from > until) {
					this.fail(res, 400, `${this.rangeParams.from} must not be after ${this.rangeParams.until}`, 'Statistics');
					return;
				}
				range = { from, until };
			}
		}
		res.json({ code: 200, resource: 'Statistics', data: this.statistics(req.params.companyId, range), message: 'Ok' });
	}

	/** trust-campaigns-list: `{code: 200, resource: "Campaign", data: [...]}` with the `fields`, `search` and `terminated` filters. */
	private listCampaigns(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client || !this.company(client, req.params.companyId, res, 'Campaign')) return;
		const at = this.now();
		const search = typeof req.query.search === 'string' ? req.query.search.toLowerCase() : '';
		const terminated = req.query.terminated;
		const fields = typeof req.query.fields === 'string' && req.query.fields !== '' ? req.query.fields.split(',') : undefined;
		const data = this.campaigns
			.filter((c) => c.company_id === req.params.companyId)
			.map((c) => ({ ...c, terminated: this.terminated(c, at) }))
			.filter((c) => !search || c.uuid.toLowerCase().includes(search) || c.name.toLowerCase().includes(search))
			.filter((c) => terminated === undefined || String(c.terminated) === terminated)
			.sort((a, b) => b.created_at.localeCompare(a.created_at))
			.map((c) => (fields ? Object.fromEntries(fields.map((f) => [f, (c as Record<string, unknown>)[f] ?? null])) : c));
		res.json({ code: 200, resource: 'Campaign', data });
	}

	/**
	 * The bodies of trust-campaign-create-by-recipients (`notifications` of `{trust_id, variables}`)
	 * and trust-campaign-create-by-segment (`segment_id`, `finish_date`). No answer is documented
	 * (see `createAnswer`).
	 */
	private createCampaign(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client) return;
		const body = req.body as Record<string, unknown> | undefined;
		this.campaignBodies.push(body);
		const bad = (message: string) => this.fail(res, 400, message, 'Campaign');
		if (!body || typeof body !== 'object') return bad('The body must be a JSON object');
		for (const field of ['message_id', 'application_name']) {
			if (typeof body[field] !== 'string' || body[field] === '') return bad(`${field} is required`);
		}
		const companyId = body.company_id === undefined ? client.companies[0] : String(body.company_id);
		if (!this.company(client, companyId, res, 'Campaign')) return;
		const now = this.now();
		let recipients: Array<{ trust_id: string; variables: Record<string, unknown> }>;
		if (body.segment_id !== undefined) {
			const segment = this.segmentFor(body.segment_id, companyId);
			if (!segment) {
				this.fail(res, 404, `Segment ${String(body.segment_id)} not found`, 'Campaign');
				return;
			}
			// The page writes the format "YYYY-MM-DD h-m-s" and its example sends a bare date: both are taken.
			if (typeof body.finish_date !== 'string' || !FINISH_DATE.test(body.finish_date)) {
				return bad('finish_date must be given as YYYY-MM-DD HH:mm:ss (UTC)');
			}
			const [d] = draws(`${this.seed}:segment:${segment.id}`, 1);
			recipients = Array.from({ length: 5 + Math.floor(d * 20) }, (_, i) => ({ trust_id: `segment-${segment.id}-${i}`, variables: {} }));
		} else {
			const list = body.notifications;
			if (!Array.isArray(list) || list.length === 0) return bad('notifications is required when no segment_id is given');
			for (const [index, entry] of list.entries()) {
				const n = entry as Record<string, unknown>;
				if (!n || typeof n.trust_id !== 'string' || n.trust_id === '') return bad(`notifications[${index}].trust_id is required`);
				// "variables" may be empty: {} (one crawl of the page says "").
				if (n.variables === '') continue;
				if (!n.variables || typeof n.variables !== 'object' || Array.isArray(n.variables)) {
					return bad(`notifications[${index}].variables must be an object`);
				}
			}
			recipients = (list as Array<{ trust_id: string; variables: unknown }>).map((n) => ({
				trust_id: n.trust_id,
				variables: (n.variables && typeof n.variables === 'object' ? n.variables : {}) as Record<string, unknown>,
			}));
		}
		const campaign = this.addCampaign({ ...body, company_id: companyId, segment_id: body.segment_id === undefined ? undefined : String(body.segment_id) }, now);
		for (const r of recipients) {
			this.notifications.push({
				trust_id: r.trust_id,
				variables: r.variables,
				campaign_uuid: campaign.uuid,
				company_id: companyId,
				createdAt: now,
			});
		}
		if (this.variant.createAnswer === 'empty') {
			res.end(201);
			return;
		}
		// ASSUMPTION (no create answer is documented): segment create's envelope, with the campaign as the list shows it.
		res.json({ code: 201, resource: 'Campaign', data: { ...campaign, terminated: false } }, 201);
	}

	/* ------------------------------------------------------------------ Message-persistance */

	/**
	 * ASSUMPTION: a campaign's `segment_id` and the update path's `:segment_uuid` take the ID the
	 * segment answer gives (the documents show a UUID-like text there and an integer in the answer).
	 */
	private segmentFor(id: unknown, companyId?: string): Segment | undefined {
		return this.segments.find((s) => String(s.id) === String(id) && (companyId === undefined || s.company_id === companyId));
	}

	/** Segment create: 201 `{code: 201, resource: "Segment", data: {id: <integer>, ...}}` (real-shapes README, Trust 3). */
	private createSegment(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client) return;
		const body = req.body as Record<string, unknown> | undefined;
		if (!body || typeof body.name !== 'string' || body.name === '') {
			this.fail(res, 400, 'name is required', 'Segment');
			return;
		}
		if (!body.index_query || typeof body.index_query !== 'object' || Array.isArray(body.index_query)) {
			this.fail(res, 400, 'index_query must be an object', 'Segment');
			return;
		}
		const companyId = body.company_id === undefined ? client.companies[0] : String(body.company_id);
		if (!this.company(client, companyId, res, 'Segment')) return;
		this.segmentCounter += 1;
		const segment: Segment = {
			id: this.segmentCounter,
			name: body.name,
			company_id: companyId,
			index_query: body.index_query as Record<string, unknown>,
		};
		this.segments.push(segment);
		// Beyond `id` the answer is not documented: the segment as it was sent.
		res.json({ code: 201, resource: 'Segment', data: { ...segment } }, 201);
	}

	/** trust-segment-update: `{name, index_query}`, the query replaced as sent. No answer is documented. */
	private updateSegment(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client) return;
		const segment = this.segments.find((s) => String(s.id) === req.params.segment && client.companies.includes(s.company_id));
		if (!segment) {
			this.fail(res, 404, `Segment ${req.params.segment} not found`, 'Segment');
			return;
		}
		const body = req.body as Record<string, unknown> | undefined;
		this.segmentUpdates.push(body);
		if (!body || typeof body !== 'object') {
			this.fail(res, 400, 'The body must be a JSON object', 'Segment');
			return;
		}
		if (body.index_query !== undefined && (!body.index_query || typeof body.index_query !== 'object' || Array.isArray(body.index_query))) {
			this.fail(res, 400, 'index_query must be an object', 'Segment');
			return;
		}
		if (typeof body.name === 'string' && body.name !== '') segment.name = body.name;
		if (body.index_query) segment.index_query = body.index_query as Record<string, unknown>;
		// ASSUMPTION: the envelope with the segment as it is now.
		res.json({ code: 200, resource: 'Segment', data: { ...segment } });
	}
}
