/**
 * Trust (trust.lat) simulator: Atenea's client-credentials token endpoint and the Campaigns API,
 * written from research/providers.md section 3.
 *
 * - `POST /oauth/token/` takes a JSON body only (`{client_id, client_secret, grant_type}`); a form
 *   body gets 400 (the docs show JSON; whether Atenea accepts forms is open question 5, so the
 *   simulator is strict). Tokens live `tokenTtlSeconds` provider seconds (scaled by `timeScale`);
 *   `expireTokens()` ends them all at once. An unknown or expired token gets 401.
 * - Campaigns and segments are kept in memory. Each notification goes pending -> sent | failed a few
 *   (scaled) seconds after its campaign is created, then gets its actions (RECEIVED, then
 *   PRESS_ACTION or CLOSED; UNKNOWN when rendering failed), all decided by a hash of its trust_id.
 * - Statistics are computed from the notifications: the last 7 days by default, or the days
 *   `from_date`..`until_date` (YYYY-MM-DD, UTC, both included; names configurable).
 * - History: campaigns spread over the last 30 days for every company, so a date range and the
 *   default window give different numbers.
 * - Ground truth for tests: `statistics(companyId, range?)`, `notificationsOf(companyId)`, `campaigns`,
 *   `segments`.
 *
 * Error bodies are undocumented: the Campaigns service answers `{code, message}` (the envelope's
 * fields), Message-persistance answers `{detail}`, Atenea answers OAuth's `{error, error_description}`.
 */
import { createHash } from 'node:crypto';

import { Simulator, type SimulatorRequest, type SimulatorResponse } from '../../harness/simulator';

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
	/** Statistics range parameter names (default `from_date` / `until_date`). */
	rangeParams?: { from: string; until: string };
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
	id: string;
	name: string;
	company_id: string;
	index_query: Record<string, unknown>;
	created_at: string;
}

export interface Statistics {
	total: number;
	sended: number;
	pending: number;
	fails: number;
	actions: Record<TrustAction, number>;
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

/** A small seeded PRNG (mulberry32) for the history. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
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

	tokenTtlSeconds: number;

	readonly rangeParams: { from: string; until: string };

	private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();

	private counter = 0;

	constructor(options: TrustSimulatorOptions = {}) {
		super({ name: 'trust', timeScale: options.timeScale ?? 0.001 });
		this.seed = options.seed ?? 7;
		this.clients = options.clients ?? [DEFAULT_CLIENT];
		this.tokenTtlSeconds = options.tokenTtlSeconds ?? 7200;
		this.rangeParams = options.rangeParams ?? { from: 'from_date', until: 'until_date' };
		this.seedHistory(options.historyDays ?? 30, options.historyCampaigns ?? 24);

		this.post('/oauth/token/', (req, res) => this.token(req, res));
		this.get('/campaigns/api/v1/company/:companyId/statistics', (req, res) => this.getStatistics(req, res));
		this.get('/campaigns/api/v1/company/:companyId/campaign', (req, res) => this.listCampaigns(req, res));
		this.post('/campaigns/api/v1/campaign', (req, res) => this.createCampaign(req, res));
		this.post('/message-persistance/api/v1/segment', (req, res) => this.createSegment(req, res));
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
		const stats: Statistics = {
			total: 0,
			sended: 0,
			pending: 0,
			fails: 0,
			actions: { RECEIVED: 0, PRESS_ACTION: 0, CLOSED: 0, UNKNOWN: 0 },
			campaign: 0,
		};
		const campaigns = new Set<string>();
		for (const n of this.notifications) {
			if (n.company_id !== companyId || n.createdAt < start || n.createdAt > end) continue;
			const state = this.stateOf(n, at);
			campaigns.add(n.campaign_uuid);
			stats.total += 1;
			if (state.status === 'pending') stats.pending += 1;
			else if (state.status === 'sent') stats.sended += 1;
			else stats.fails += 1;
			// Pressed and closed notifications were received first, so they also count as RECEIVED.
			for (const action of state.actions) stats.actions[action] += 1;
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

	private nextId(kind: string): string {
		this.counter += 1;
		const hex = createHash('sha256').update(`${this.seed}:${kind}:${this.counter}`).digest('hex');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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

	/* ------------------------------------------------------------------ Atenea */

	private token(req: SimulatorRequest, res: SimulatorResponse): void {
		const type = String(req.headers['content-type'] ?? '').toLowerCase();
		if (!type.includes('application/json')) {
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
		res.json({
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: this.tokenTtlSeconds,
			created_at: Math.floor(this.now() / 1000),
		});
	}

	/** The client behind a valid Bearer token, or a 401 already sent. */
	private client(req: SimulatorRequest, res: SimulatorResponse, shape: 'code' | 'detail' = 'code'): TrustClient | undefined {
		const header = String(req.headers.authorization ?? '');
		const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
		const entry = token ? this.tokens.get(token) : undefined;
		if (!entry || entry.expiresAt <= this.now()) {
			const message = entry ? 'The access token expired' : 'The access token is invalid';
			res.json(shape === 'code' ? { code: 401, message } : { detail: message }, 401);
			return undefined;
		}
		return this.clients.find((c) => c.clientId === entry.clientId);
	}

	private company(client: TrustClient, companyId: string, res: SimulatorResponse, shape: 'code' | 'detail' = 'code'): boolean {
		if (client.companies.includes(companyId)) return true;
		const message = `Company ${companyId} not found`;
		res.json(shape === 'code' ? { code: 404, message } : { detail: message }, 404);
		return false;
	}

	/* ------------------------------------------------------------------ Campaigns */

	private getStatistics(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client || !this.company(client, req.params.companyId, res)) return;
		const from = req.query[this.rangeParams.from];
		const until = req.query[this.rangeParams.until];
		let range: { from: string; until: string } | undefined;
		if (from !== undefined || until !== undefined) {
			if (typeof from !== 'string' || typeof until !== 'string' || !DAY.test(from) || !DAY.test(until)) {
				res.json({ code: 400, message: `${this.rangeParams.from} and ${this.rangeParams.until} must both be dates as YYYY-MM-DD` }, 400);
				return;
			}
			if (from > until) {
				res.json({ code: 400, message: `${this.rangeParams.from} must not be after ${this.rangeParams.until}` }, 400);
				return;
			}
			range = { from, until };
		}
		res.json({ code: 200, resource: 'Statistics', data: this.statistics(req.params.companyId, range) });
	}

	private listCampaigns(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client || !this.company(client, req.params.companyId, res)) return;
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

	private createCampaign(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res);
		if (!client) return;
		const body = req.body as Record<string, unknown> | undefined;
		this.campaignBodies.push(body);
		const bad = (message: string) => res.json({ code: 400, message }, 400);
		if (!body || typeof body !== 'object') return bad('The body must be a JSON object');
		for (const field of ['message_id', 'application_name']) {
			if (typeof body[field] !== 'string' || body[field] === '') return bad(`${field} is required`);
		}
		const companyId = body.company_id === undefined ? client.companies[0] : String(body.company_id);
		if (!this.company(client, companyId, res)) return;
		const now = this.now();
		let recipients: Array<{ trust_id: string; variables: Record<string, unknown> }>;
		if (body.segment_id !== undefined) {
			const segment = this.segments.find((s) => s.id === body.segment_id && s.company_id === companyId);
			if (!segment) {
				res.json({ code: 404, message: `Segment ${String(body.segment_id)} not found` }, 404);
				return;
			}
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
				if (!n.variables || typeof n.variables !== 'object' || Array.isArray(n.variables)) {
					return bad(`notifications[${index}].variables must be an object`);
				}
			}
			recipients = list as typeof recipients;
		}
		const campaign = this.addCampaign({ ...body, company_id: companyId }, now);
		for (const r of recipients) {
			this.notifications.push({
				trust_id: r.trust_id,
				variables: r.variables,
				campaign_uuid: campaign.uuid,
				company_id: companyId,
				createdAt: now,
			});
		}
		res.json(
			{
				code: 201,
				resource: 'Campaign',
				data: { ...campaign, terminated: false, notifications: recipients.length },
				message: 'Campaign created',
			},
			201,
		);
	}

	/* ------------------------------------------------------------------ Message-persistance */

	private createSegment(req: SimulatorRequest, res: SimulatorResponse): void {
		const client = this.client(req, res, 'detail');
		if (!client) return;
		const body = req.body as Record<string, unknown> | undefined;
		if (!body || typeof body.name !== 'string' || body.name === '') {
			res.json({ detail: 'name is required' }, 400);
			return;
		}
		if (!body.index_query || typeof body.index_query !== 'object' || Array.isArray(body.index_query)) {
			res.json({ detail: 'index_query must be an object' }, 400);
			return;
		}
		const companyId = body.company_id === undefined ? client.companies[0] : String(body.company_id);
		if (!this.company(client, companyId, res, 'detail')) return;
		const segment: Segment = {
			id: this.nextId('segment'),
			name: body.name,
			company_id: companyId,
			index_query: body.index_query as Record<string, unknown>,
			created_at: iso(this.now()),
		};
		this.segments.push(segment);
		res.json({ code: 201, resource: 'Segment', data: segment, message: 'Segment created' }, 201);
	}
}
