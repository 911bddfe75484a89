/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Reportei Connect simulator. Its default answers are the documented ones, route by route, with
 * the source beside each route:
 * - the seed document, the connect-docs README (`/work/shared/seeds/003_2a70c256b2cb812d.txt`,
 *   https://github.com/reportei/connect-docs/blob/3151871/README.md): Bearer + x-customer-token,
 *   `page`/`per_page` with a default of 15, `{data, meta}` pages, `{"message": ...}` errors, rate
 *   limits in response headers;
 * - its sections (merchants, customers, customers-integrations, metrics at connect-docs@3151871)
 *   and the recorded cases of test/contract/fixtures/reportei.json (case ids beside the routes);
 * - research/providers.md section 4 where both are silent.
 * What the documents leave open is switchable, through constructor options or the public fields
 * of the same name (tests set them): page-size maximum, `meta` variants, the error envelopes,
 * results under `data`, per-metric failures, rate-limit headers, the extra merchant fields public
 * clients read, the shape of the undocumented integration list. Every behaviour no document shows
 * is marked `ASSUMPTION` here and listed in docs/reportei.md, "Simulator".
 *
 * ```ts
 * const sim = await new ReporteiSimulator({ timeScale: 0.001, seedCustomers: 1000, rateLimitPerMinute: 60 }).start();
 * credentials.reporteiConnectApi = { accessToken: sim.merchantToken, baseUrl: sim.apiUrl };
 * const { customer, apiToken } = sim.addCustomer('Acme');        // api_token as returned once by POST /customers
 * const integration = sim.addIntegration(customer.uuid, 'instagram_business');
 * sim.failMetric('ig:reach', { message: 'Metric unavailable', type: 'metric_error' }); // a per-metric failure inside a 200
 * sim.advance(8 * 24 * 3600_000);                                 // the trial clock (not the rate-limit window)
 * await sim.waitForDeliveries(1);                                 // async callbacks POSTed so far
 * ```
 * Time: `timeScale` scales the rate-limit minute, the callback delay and the session length
 * (`sessionTimeScale` overrides the latter); the trial and session expiry run on `now()` (real time
 * plus `advance()`), so tests can also jump past them.
 */
import { createHash } from 'node:crypto';

import { Simulator, type SimulatorRequest, type SimulatorResponse } from '../simulator';

/**
 * Error envelopes: `'laravel'` (default) `{message}`, and `{message, errors: {field: [...]}}` for a
 * validation failure (the README's body, and Laravel's bag two clients parse); `'message'` only
 * `{message}`; `'errors'` a validation failure as `{errors: {...}}` alone (one client's reading);
 * `'error'` lp-connect's `{error: {code, message, details}}` (rep-validation-error-lp, which no
 * client parses); `'mixed'` lp-connect's envelope for 400/422/429 and `{message}` otherwise.
 */
export type ErrorShape = 'laravel' | 'message' | 'errors' | 'error' | 'mixed';
export type Component = 'number_v1' | 'chart_v1' | 'datatable_v1';
export type IntegrationListShape = 'paginated' | 'array' | 'customer_integrations';
/**
 * `meta` of a list page: `'laravel'` (sections/customers.md, rep-customers-list: with `path`,
 * `sortBy`, `descending`), `'readme'` (the README's, rep-customers-list-readme), `'lp'` (lp-connect's
 * simplified `{current_page, per_page, total, total_pages}`), `'none'` (no `meta`).
 */
export type ListMeta = 'laravel' | 'readme' | 'lp' | 'none';
export type IntegrationStatus = 'active' | 'expired' | 'revoked' | 'synchronizing' | 'synchronization_error';

/** How one metric answers instead of its data (rep-metrics-partial-failure, and the clients). */
export type MetricFailure =
	/** `{message, type}` in its place, the request staying 200. */
	| { message: string; type: string }
	/** `{warning}` and no values, the request staying 200. */
	| { warning: string }
	/** The whole request refused with 422 `{message, extra}`. */
	| { refuse: string; extra: unknown };

export interface ReporteiSimulatorOptions {
	/** Scales the rate-limit minute and the callback delay (0.01: a minute lasts 600 ms). Default 1. */
	timeScale?: number;
	merchantToken?: string;
	/** Requests per (scaled) minute per merchant. Default 999, as the docs' example settings. */
	rateLimitPerMinute?: number;
	/** Customers created at start, named "Customer 0001"... (tokens via `tokenOf`). */
	seedCustomers?: number;
	/** Trial length. Default 7 days. */
	trialMs?: number;
	/** Default session length when the request sets no expires_in_minutes (scaled). Default 5 min. */
	sessionMs?: number;
	/** Scale of session lengths alone (default `timeScale`); tests that expire sessions with `advance()` use 1. */
	sessionTimeScale?: number;
	errorShape?: ErrorShape;
	/** Body text of the 401 after the trial; `'generic'` (default) answers the plain "Unauthenticated.". */
	trialExpiredMessage?: string | 'generic';
	/** Provider time between the async request and its callback (scaled). Default 3 s. */
	callbackDelayMs?: number;
	/** POST every async result twice (a retrying sender), to test de-duplication. */
	deliverTwice?: boolean;
	/** Shape of GET /customer-integrations (undocumented). Default paginated. */
	integrationListShape?: IntegrationListShape;
	/** The largest `per_page`; larger ones answer 422. Default 100 (lp-connect's "maximum: 100"). */
	maxPerPage?: number;
	/** Above maxPerPage: `'refuse'` (default) answers 422, `'cap'` silently serves maxPerPage items a page. */
	overMaxPerPage?: 'refuse' | 'cap';
	/** `meta` of list pages. Default `'laravel'`. */
	listMeta?: ListMeta;
	/** Whether `?sortBy=&descending=` sorts the customers (and is echoed in `meta`). Default true. */
	sorts?: boolean;
	/** get-data answers (and callbacks) keyed at the top level (documented) or under `data`. */
	metricsEnvelope?: 'top' | 'data';
	/** Merchant settings also carry `is_paying`, `trial_ends_at` and `include_settings`, as two clients read. */
	merchantClientFields?: boolean;
	/** `'laravel'` (default): X-RateLimit-Limit/-Remaining on every answer; `'none'`: only Retry-After on a 429. */
	rateLimitHeaders?: 'laravel' | 'none';
	/**
	 * Real milliseconds (not scaled) every API answer takes after it was counted: the round trip
	 * to a Connect far away, for measuring how a node waits on it. Default 0.
	 */
	answerDelayMs?: number;
	/** Seed of every generated id, token and metric. */
	seed?: string;
}

export interface SimCustomer {
	uuid: string;
	name: string;
	/** "YYYY-MM-DD HH:MM:SS", as every example. */
	created_at: string;
	updated_at: string;
	trial_ends_at: string;
	is_paying: boolean;
}

export interface SimIntegration {
	uuid: string;
	customer_uuid: string;
	source_id: string;
	source_name: string;
	status: IntegrationStatus;
	created_at: string;
	updated_at: string;
	integration: { name: string; slug: string };
}

export interface SimSession {
	session_uuid: string;
	customer_uuid: string;
	expires_at: number;
	redirect_url: string | null;
	limit_reached_url: string | null;
	limits: Array<{ name: string; value: unknown }>;
	locale: string;
}

export interface Delivery {
	url: string;
	attempt: number;
	status?: number;
	error?: string;
	body: unknown;
	responseBody?: string;
}

/** Names and slugs as `GET /merchants/settings` gives them (rep-merchant-settings), plus a few payload folders. */
export const AVAILABLE_INTEGRATIONS = [
	{ name: 'Instagram Business', slug: 'instagram_business' },
	{ name: 'Facebook', slug: 'facebook' },
	{ name: 'Meta Ads', slug: 'facebook_ads' },
	{ name: 'Google Analytics', slug: 'google_analytics' },
	{ name: 'Google Analytics 4', slug: 'google_analytics_4' },
	{ name: 'Google Ads', slug: 'google_ads' },
	{ name: 'LinkedIn', slug: 'linkedin' },
	{ name: 'YouTube', slug: 'youtube' },
	{ name: 'TikTok', slug: 'tiktok' },
	{ name: 'Google Meu Negócio', slug: 'google_my_business' },
];

const COMPONENTS: Component[] = ['number_v1', 'chart_v1', 'datatable_v1'];
/** Components of the predefined payloads whose answers no document shows. */
const PAYLOAD_COMPONENTS = ['container_v1', 'datagrid_v1', 'iconsList_v1', 'pipeline_v1', 'wysiwyg_v1'];
/** `pt_BR|en|es|fr` (lp-connect); the V1 collection sends `pt_br`, so the case is not checked. */
const LOCALES = ['pt_br', 'en', 'es', 'fr'];
const LIMIT_NAMES = ['integration_count', 'same_type_integration', 'same_integration_across_customers', 'available_integrations'];
const SORTABLE = ['name', 'created_at', 'updated_at'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 3600_000;

const DIMENSION_LABELS: Record<string, string[]> = {
	gender: ['female', 'male', 'unknown'],
	age: ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'],
	source: ['Email', 'Organic Search', 'Direct', 'Social', 'Referral'],
	city: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre'],
	country: ['Brazil', 'Portugal', 'United States', 'Argentina'],
	stories: ['stories'],
	device: ['mobile', 'desktop', 'tablet'],
};

export class ReporteiSimulator extends Simulator {
	readonly merchantToken: string;

	readonly merchantUuid: string;

	/** The merchant's name, which customers carry as `merchant` (a string, rep-customers-get). */
	readonly merchantName = 'Demo Agency';

	rateLimitPerMinute: number;

	errorShape: ErrorShape;

	trialExpiredMessage: string | 'generic';

	deliverTwice: boolean;

	integrationListShape: IntegrationListShape;

	callbackDelayMs: number;

	maxPerPage: number;

	overMaxPerPage: 'refuse' | 'cap';

	listMeta: ListMeta;

	sorts: boolean;

	metricsEnvelope: 'top' | 'data';

	merchantClientFields: boolean;

	rateLimitHeaders: 'laravel' | 'none';

	/** Per-metric failures by reference_key (see `failMetric`). */
	readonly metricFailures = new Map<string, MetricFailure>();

	readonly trialMs: number;

	readonly sessionMs: number;

	readonly sessionTimeScale: number;

	readonly customers = new Map<string, SimCustomer>();

	readonly integrations = new Map<string, SimIntegration>();

	readonly sessions = new Map<string, SimSession>();

	readonly deliveries: Delivery[] = [];

	/** Bodies of the API requests, in arrival order (the base log keeps no bodies). */
	readonly bodies: Array<{ method: string; path: string; query: Record<string, unknown>; body: unknown }> = [];

	/** Responses sent with X-RateLimit-Remaining: 0 (the budget was used up, not exceeded). */
	exhaustedResponses = 0;

	answerDelayMs: number;

	/** API requests being answered now, and the most there ever were at once. */
	inFlight = 0;

	maxInFlight = 0;

	private readonly tokens = new Map<string, string>();

	private readonly tokenByCustomer = new Map<string, string>();

	private readonly seed: string;

	private counter = 0;

	private readonly offsetClock: OffsetClock;

	private window = { start: -Infinity, used: 0 };

	private preUsed = 0;

	private pendingDeliveries = new Set<Promise<void>>();

	constructor(options: ReporteiSimulatorOptions = {}) {
		const clock = new OffsetClock();
		super({ name: 'reportei', timeScale: options.timeScale ?? 1, clock });
		this.offsetClock = clock;
		this.seed = options.seed ?? 'reportei';
		this.merchantToken = options.merchantToken ?? 'rc-merchant-demo-token';
		this.merchantUuid = this.uuid('merchant');
		this.rateLimitPerMinute = options.rateLimitPerMinute ?? 999;
		this.errorShape = options.errorShape ?? 'laravel';
		this.trialExpiredMessage = options.trialExpiredMessage ?? 'generic';
		this.deliverTwice = options.deliverTwice ?? false;
		this.integrationListShape = options.integrationListShape ?? 'paginated';
		this.callbackDelayMs = options.callbackDelayMs ?? 3000;
		this.maxPerPage = options.maxPerPage ?? 100;
		this.overMaxPerPage = options.overMaxPerPage ?? 'refuse';
		this.listMeta = options.listMeta ?? 'laravel';
		this.sorts = options.sorts ?? true;
		this.metricsEnvelope = options.metricsEnvelope ?? 'top';
		this.merchantClientFields = options.merchantClientFields ?? false;
		this.rateLimitHeaders = options.rateLimitHeaders ?? 'laravel';
		this.answerDelayMs = options.answerDelayMs ?? 0;
		this.trialMs = options.trialMs ?? 7 * DAY_MS;
		this.sessionMs = options.sessionMs ?? 5 * 60_000;
		this.sessionTimeScale = options.sessionTimeScale ?? this.timeScale;
		for (let i = 1; i <= (options.seedCustomers ?? 0); i++) this.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
		this.registerRoutes();
	}

	/** The Base URL a credential uses: `<url>/api`. */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	/** Moves the trial/session clock forward (the rate-limit window keeps real time). */
	advance(ms: number): void {
		this.offsetClock.offsetMs += ms;
	}

	/**
	 * The next rate-limit window, opened by the next request, starts with `count` requests already
	 * used (as if another tool had called just before), whatever time the caller takes to start.
	 */
	consumeRateLimit(count: number): void {
		this.preUsed = count;
		this.window = { start: -Infinity, used: 0 };
	}

	/** From now on the metric `referenceKey` answers with this failure instead of its data. */
	failMetric(referenceKey: string, failure: MetricFailure): void {
		this.metricFailures.set(referenceKey, failure);
	}

	// ----- state helpers used by tests and the demo -------------------------------------------

	addCustomer(name: string, opts: { isPaying?: boolean; createdAt?: number } = {}): { customer: SimCustomer; apiToken: string } {
		const created = opts.createdAt ?? this.now();
		const customer: SimCustomer = {
			uuid: this.uuid('customer'),
			name,
			created_at: connectTime(created),
			updated_at: connectTime(created),
			trial_ends_at: connectTime(created + this.trialMs),
			is_paying: opts.isPaying ?? false,
		};
		// The real token is 64 hex characters (sections/customers.md); the simulator's keep a `ct_`
		// prefix so the demo's stored tokens (examples/) stay valid. The node treats it as opaque.
		const apiToken = `ct_${this.hash(`token-${customer.uuid}`).slice(0, 40)}`;
		this.customers.set(customer.uuid, customer);
		this.tokens.set(apiToken, customer.uuid);
		this.tokenByCustomer.set(customer.uuid, apiToken);
		return { customer, apiToken };
	}

	tokenOf(customerUuid: string): string {
		const token = this.tokenByCustomer.get(customerUuid);
		if (!token) throw new Error(`reportei: no customer ${customerUuid}`);
		return token;
	}

	addIntegration(customerUuid: string, slug = 'instagram_business', sourceName?: string): SimIntegration {
		const integration = AVAILABLE_INTEGRATIONS.find((i) => i.slug === slug) ?? { name: slug, slug };
		const now = connectTime(this.now());
		const entry: SimIntegration = {
			uuid: this.uuid('integration'),
			customer_uuid: customerUuid,
			source_id: String(parseInt(this.hash(`source-${this.counter}`).slice(0, 10), 16)),
			source_name: sourceName ?? `@${slug}_${this.counter}`,
			status: 'active',
			created_at: now,
			updated_at: now,
			integration: { ...integration },
		};
		this.integrations.set(entry.uuid, entry);
		return entry;
	}

	/** Resolves once `count` callback POSTs have been answered (or failed). */
	async waitForDeliveries(count: number, timeoutMs = 10_000): Promise<Delivery[]> {
		const until = Date.now() + timeoutMs;
		while (this.deliveries.filter((d) => d.status !== undefined || d.error !== undefined).length < count) {
			if (Date.now() > until) throw new Error(`reportei: only ${this.deliveries.length} of ${count} callbacks were delivered`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return this.deliveries;
	}

	async stop(): Promise<void> {
		await Promise.allSettled([...this.pendingDeliveries]);
		await super.stop();
	}

	// ----- metrics (deterministic) --------------------------------------------------------------

	/** The answer of get-data for one metric: a pure function of integration, key, period. */
	metricValue(integration: string, metric: Record<string, unknown>, start: string, end: string, comparison?: { start: string; end: string }): unknown {
		const key = String(metric.reference_key);
		const names = (Array.isArray(metric.metrics) ? (metric.metrics as unknown[]) : []).map(String);
		const dims = Array.isArray(metric.dimensions) ? (metric.dimensions as unknown[]).map((d) => (typeof d === 'string' ? d : JSON.stringify(d))) : [];
		const number = (salt: string, from: string, to: string, max = 100_000) =>
			(parseInt(this.hash(`${integration}|${key}|${from}|${to}|${salt}`).slice(0, 8), 16) % max) + 1;
		switch (metric.component as Component) {
			// The three documented answers (sections/metrics.md, rep-metrics-get-data).
			case 'number_v1': {
				const values = number(names.join(','), start, end);
				const previous = comparison ? number(names.join(','), comparison.start, comparison.end) : undefined;
				return {
					values,
					comparison:
						previous === undefined
							? { values: null, difference: null, absoluteDifference: null }
							: {
									values: previous,
									difference: Math.round(((values - previous) / previous) * 10_000) / 100,
									absoluteDifference: values - previous,
								},
				};
			}
			case 'chart_v1': {
				const labels = this.labels(dims[0], start, end);
				return {
					labels,
					values: names.map((name) => ({ data: labels.map((label) => number(`${name}|${label}`, start, end, 5000)) })),
				};
			}
			case 'datatable_v1': {
				const labels = this.labels(dims[0] ?? 'source', start, end);
				return { values: labels.map((label) => [label, ...names.map((name) => number(`${name}|${label}`, start, end, 5000))]) };
			}
		}
		// ASSUMPTION: no document shows these answers; the simulator answers with the per-metric
		// failure shape the clients know (rep-metrics-partial-failure) rather than inventing one.
		return { message: `The simulator has no answer for ${String(metric.component)}`, type: 'not_simulated' };
	}

	private labels(dimension: string | undefined, start: string, end: string): string[] {
		if (dimension && /date|day/i.test(dimension)) {
			const out: string[] = [];
			for (let t = Date.parse(start); t <= Date.parse(end) && out.length < 31; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
			return out;
		}
		if (dimension && DIMENSION_LABELS[dimension]) return DIMENSION_LABELS[dimension];
		return ['A', 'B', 'C', 'D'].map((x) => `${dimension ?? 'item'} ${x}`);
	}

	// ----- HTTP -------------------------------------------------------------------------------

	private registerRoutes(): void {
		// sections/merchants.md (rep-merchant-settings): rate limits as strings. The fields two
		// clients read beyond the docs (rep-merchant-settings-client-fields) only with merchantClientFields.
		this.get('/api/merchants/settings', this.guard({}, (_req, res) => {
			const merchant: Record<string, unknown> = {
				uuid: this.merchantUuid,
				name: this.merchantName,
				app_url: 'https://agency.example.com',
				redirect_url: 'https://agency.example.com/connected',
				created_at: '2025-01-01 00:00:00',
				updated_at: '2025-01-01 00:00:00',
				rate_limit_per_minute: String(this.rateLimitPerMinute),
				rate_limit_per_second: '10',
				total_customers: this.customers.size,
				available_integrations: AVAILABLE_INTEGRATIONS,
			};
			if (!this.merchantClientFields) return res.json({ merchant });
			res.json({ merchant: { ...merchant, is_paying: true, trial_ends_at: null }, include_settings: { white_label: false } });
		}));

		// README "Pagination" and sections/customers.md (rep-customers-list, rep-customers-list-readme).
		this.get('/api/customers', this.guard({}, (req, res) => {
			const window = this.pageWindow(req, res);
			if (!window) return;
			let all = [...this.customers.values()];
			const sortBy = typeof req.query.sortBy === 'string' && SORTABLE.includes(req.query.sortBy) && this.sorts ? req.query.sortBy : null;
			const descending = sortBy !== null && String(req.query.descending) === 'true';
			if (sortBy) {
				all = [...all].sort((a, b) => String(a[sortBy as keyof SimCustomer]).localeCompare(String(b[sortBy as keyof SimCustomer])));
				if (descending) all.reverse();
			}
			this.sendPage(res, all, window, `${this.apiUrl}/customers`, { sortBy, descending }, (c) => this.customerJson(c as SimCustomer));
		}));

		// sections/customers.md "Create a customer" (rep-customers-create): 201, api_token only here.
		this.post('/api/customers', this.guard({}, (req, res) => {
			const name = (req.body as { name?: unknown } | undefined)?.name;
			if (typeof name !== 'string' || name.trim() === '') return this.invalid(req, res, { name: ['The name field is required.'] });
			const { customer, apiToken } = this.addCustomer(name.trim());
			res.json({ customer: { ...this.customerJson(customer), api_token: apiToken } }, 201);
		}));

		// sections/customers.md "Show current customer settings" (rep-customers-settings). Registered
		// before /api/customers/:uuid, which would otherwise match "settings".
		this.get('/api/customers/settings', this.guard({ customer: true }, (_req, res, customer) => {
			const integrations = [...this.integrations.values()]
				.filter((i) => i.customer_uuid === customer!.uuid)
				.map((i) => ({ uuid: i.uuid, integration: i.integration.name, name: i.source_name, slug: i.integration.slug, status: i.status }));
			res.json({ customer: { ...this.customerJson(customer!), integrations } });
		}));

		// sections/customers.md "Show a customer" (rep-customers-get). ASSUMPTION: 404 {message}.
		this.get('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			res.json({ customer: this.customerJson(customer) });
		}));

		// sections/customers.md "Update a customer": "200 OK with the current JSON representation".
		this.put('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const name = (req.body as { name?: unknown } | undefined)?.name;
			if (typeof name !== 'string' || name.trim() === '') return this.invalid(req, res, { name: ['The name field is required.'] });
			customer.name = name.trim();
			customer.updated_at = connectTime(this.now());
			res.json({ customer: this.customerJson(customer) });
		}));

		// sections/customers.md "Delete a customer" (rep-customers-delete): 200 with a success flag.
		this.delete('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			this.customers.delete(customer.uuid);
			const token = this.tokenByCustomer.get(customer.uuid);
			if (token) this.tokens.delete(token);
			res.json({ success: true, message: 'Record successfully removed' });
		}));

		// sections/customers.md "Update a customer payment status" (rep-customers-payment-status).
		this.post('/api/customers/:uuid/update-payment-status', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const isPaying = (req.body as { is_paying?: unknown } | undefined)?.is_paying;
			if (typeof isPaying !== 'boolean') return this.invalid(req, res, { is_paying: ['The is paying field must be true or false.'] });
			customer.is_paying = isPaying;
			customer.updated_at = connectTime(this.now());
			res.json({ success: true, message: isPaying ? 'Customer is now marked as a paying customer' : 'Customer is now marked as a non-paying customer' });
		}));

		// sections/customers-integrations.md (rep-session-create) and lp-connect's options
		// (rep-session-create-all-options: `"limits": {}`, an object; rep-session-create-client: an array).
		this.post('/api/customer-integrations/session', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const body = (req.body ?? {}) as Record<string, unknown>;
			const problems: Record<string, string[]> = {};
			if (body.locale !== undefined && !LOCALES.includes(String(body.locale).toLowerCase())) problems.locale = ['The selected locale is invalid.'];
			if (body.expires_in_minutes !== undefined && !(Number.isInteger(body.expires_in_minutes) && (body.expires_in_minutes as number) >= 1)) {
				problems.expires_in_minutes = ['The expires in minutes field must be at least 1.'];
			}
			const given = body.limits === undefined ? [] : body.limits;
			const limits = Array.isArray(given) ? given : given && typeof given === 'object' && Object.keys(given).length === 0 ? [] : undefined;
			if (!limits || limits.some((l) => !l || !LIMIT_NAMES.includes(String((l as { name?: unknown }).name)))) {
				problems.limits = ['The limits field is invalid.'];
			}
			if (Object.keys(problems).length) return this.invalid(req, res, problems);
			const minutes = body.expires_in_minutes as number | undefined;
			const session: SimSession = {
				session_uuid: this.uuid('session'),
				customer_uuid: customer!.uuid,
				expires_at: this.now() + (minutes ? minutes * 60_000 : this.sessionMs) * this.sessionTimeScale,
				redirect_url: typeof body.redirect_url === 'string' ? body.redirect_url : null,
				limit_reached_url: typeof body.limit_reached_url === 'string' ? body.limit_reached_url : null,
				limits: limits as SimSession['limits'],
				locale: typeof body.locale === 'string' ? body.locale : 'pt_BR',
			};
			this.sessions.set(session.session_uuid, session);
			res.json({
				integration_session: {
					session_uuid: session.session_uuid,
					session_link: `${this.url}/customer-integrations/session/${session.session_uuid}`,
					expires_at: new Date(session.expires_at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'),
					merchant: this.merchantName,
					merchant_uuid: this.merchantUuid,
					customer: customer!.name,
					customer_uuid: customer!.uuid,
					redirect_url: session.redirect_url,
				},
			});
		}));

		// The hosted page a customer opens (its path as in rep-session-create's session_link). The
		// page itself is the simulator's: `?integration=<slug>` connects one network (default
		// Instagram), `?account=` names the account.
		this.get('/customer-integrations/session/:uuid', (req, res) => {
			const session = this.sessions.get(req.params.uuid);
			if (!session || session.expires_at < this.now()) {
				return res.status(410).send('<html><body>This link has expired. Ask for a new one.</body></html>', 'text/html');
			}
			const slug = String(req.query.integration ?? 'instagram_business');
			const owned = [...this.integrations.values()].filter((i) => i.customer_uuid === session.customer_uuid);
			const limited = session.limits.some(
				(l) =>
					(l.name === 'integration_count' && owned.length >= Number(l.value)) ||
					(l.name === 'same_type_integration' && owned.filter((i) => i.integration.slug === slug).length >= Number(l.value)) ||
					(l.name === 'available_integrations' && Array.isArray(l.value) && !l.value.includes(slug)),
			);
			if (limited) {
				if (session.limit_reached_url) return res.status(302).header('location', session.limit_reached_url).end();
				return res.status(403).send('<html><body>Limit reached.</body></html>', 'text/html');
			}
			const integration = this.addIntegration(session.customer_uuid, slug, typeof req.query.account === 'string' ? req.query.account : undefined);
			if (session.redirect_url) {
				const target = new URL(session.redirect_url);
				target.searchParams.set('customer_integration', integration.uuid);
				return res.status(302).header('location', target.toString()).end();
			}
			res.send(`<html><body>Connected ${integration.integration.name} (${integration.uuid}).</body></html>`, 'text/html');
		});

		// Undocumented (Postman entry only): public clients read a Laravel page with `status` and
		// `source_name` filters (rep-customer-integrations-list). The other shapes only with
		// integrationListShape.
		this.get('/api/customer-integrations', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const all = [...this.integrations.values()]
				.filter((i) => i.customer_uuid === customer!.uuid)
				.filter((i) => typeof req.query.status !== 'string' || i.status === req.query.status)
				.filter((i) => typeof req.query.source_name !== 'string' || i.source_name === req.query.source_name)
				.map((i) => this.integrationJson(i, true));
			if (this.integrationListShape === 'array') return res.json(all);
			if (this.integrationListShape === 'customer_integrations') return res.json({ customer_integrations: all });
			const window = this.pageWindow(req, res);
			if (window) this.sendPage(res, all, window, `${this.apiUrl}/customer-integrations`);
		}));

		// sections/customers-integrations.md "Show a customer integration" (rep-customer-integration-get).
		this.get('/api/customer-integrations/:uuid', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const integration = this.integrations.get(req.params.uuid);
			if (!integration || integration.customer_uuid !== customer!.uuid) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			res.json({ customer_integration: this.integrationJson(integration, false) });
		}));

		// sections/customers-integrations.md "Delete" (rep-customer-integration-delete): the cURL sends
		// only the Bearer token, so a customer token is optional (checked when sent).
		this.delete('/api/customer-integrations/:uuid', this.guard({}, (req, res) => {
			const integration = this.integrations.get(req.params.uuid);
			if (!integration) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const token = req.headers['x-customer-token'];
			if (token !== undefined && this.tokens.get(String(token)) !== integration.customer_uuid) {
				return this.fail(req, res, 401, 'unauthorized', 'Invalid Customer Token');
			}
			const session = this.sessions.get(String(req.query.session_id ?? ''));
			if (!session || session.customer_uuid !== integration.customer_uuid || session.expires_at < this.now()) {
				return this.invalid(req, res, { session_id: ['The session id is invalid or has expired.'] });
			}
			this.integrations.delete(integration.uuid);
			res.json({ success: true, message: 'Record successfully removed' });
		}));

		// sections/metrics.md "Get metrics data" (rep-metrics-get-data); under `data` with metricsEnvelope.
		this.post('/api/metrics/get-data', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const answer = this.computeMetrics(req, res, customer!);
			if (answer) res.json(this.metricsEnvelope === 'data' ? { data: answer } : answer);
		}));

		// sections/metrics.md "asynchronously"; the acceptance body from lp-connect (rep-metrics-get-data-async).
		this.post('/api/metrics/get-data-async', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const url = (req.body as { metrics_webhook_url?: unknown } | undefined)?.metrics_webhook_url;
			if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
				return this.invalid(req, res, { metrics_webhook_url: ['The metrics webhook url field is required.'] });
			}
			const answer = this.computeMetrics(req, res, customer!);
			if (!answer) return;
			res.json({ success: true, message: 'Metrics data collection started' });
			// "the same format as the Get metrics data response" (rep-metrics-async-callback).
			this.schedule(url, this.metricsEnvelope === 'data' ? { data: answer } : answer);
		}));
	}

	/** `page`/`per_page` of a list request, or undefined after answering its 422. */
	private pageWindow(req: SimulatorRequest, res: SimulatorResponse): { page: number; perPage: number } | undefined {
		const page = Number(req.query.page ?? 1);
		// "per_page (optional) ... Default is 15" (README).
		let perPage = Number(req.query.per_page ?? 15);
		if (this.overMaxPerPage === 'cap' && perPage > this.maxPerPage) perPage = this.maxPerPage;
		// ASSUMPTION: a per_page over the maximum is refused the way Laravel's validator refuses it.
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > this.maxPerPage) {
			this.invalid(req, res, { per_page: [`The per page field must not be greater than ${this.maxPerPage}.`] });
			return undefined;
		}
		if (!Number.isInteger(page) || page < 1) {
			this.invalid(req, res, { page: ['The page field must be at least 1.'] });
			return undefined;
		}
		return { page, perPage };
	}

	/** One page in the `meta` variant set by `listMeta`. */
	private sendPage(
		res: SimulatorResponse,
		all: unknown[],
		{ page, perPage }: { page: number; perPage: number },
		path: string,
		sort: { sortBy: string | null; descending: boolean } = { sortBy: null, descending: false },
		shape: (item: unknown) => unknown = (item) => item,
	): void {
		// Only the page served is shaped: a list of 10,000 costs the same per page as one of 100.
		const slice = all.slice((page - 1) * perPage, page * perPage).map(shape);
		const lastPage = Math.max(1, Math.ceil(all.length / perPage));
		const from = slice.length ? (page - 1) * perPage + 1 : null;
		const to = slice.length ? (page - 1) * perPage + slice.length : null;
		switch (this.listMeta) {
			case 'none':
				return res.json({ data: slice });
			case 'lp':
				return res.json({ data: slice, meta: { current_page: page, per_page: perPage, total: all.length, total_pages: lastPage } });
			case 'readme':
				return res.json({ data: slice, meta: { current_page: page, from, last_page: lastPage, per_page: perPage, to, total: all.length } });
			default:
				res.json({
					data: slice,
					meta: { current_page: page, from, last_page: lastPage, path, per_page: perPage, to, total: all.length, ...sort },
				});
		}
	}

	private computeMetrics(req: SimulatorRequest, res: SimulatorResponse, customer: SimCustomer): Record<string, unknown> | undefined {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const problems: Record<string, string[]> = {};
		const date = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
		// customer_integration, or customer_integration_uuids[] (the clients' alternative).
		const uuids = Array.isArray(body.customer_integration_uuids) ? (body.customer_integration_uuids as unknown[]).map(String) : undefined;
		if (typeof body.customer_integration !== 'string' && !uuids?.length) {
			problems.customer_integration = ['The customer integration field is required when customer integration uuids is not present.'];
		}
		if (!date(body.start)) problems.start = ['The start field must be a valid date.'];
		if (!date(body.end)) problems.end = ['The end field must be a valid date.'];
		if ((body.comparison_start === undefined) !== (body.comparison_end === undefined)) problems.comparison_end = ['Both comparison dates are required together.'];
		const metrics = body.metrics;
		if (!Array.isArray(metrics) || metrics.length === 0) problems.metrics = ['The metrics field is required.'];
		else {
			metrics.forEach((m: Record<string, unknown>, i) => {
				// Clients: "the id must be a uuid: the result comes back under it".
				if (!m || typeof m.id !== 'string' || m.id === '') problems[`metrics.${i}.id`] = [`The metrics.${i}.id field is required.`];
				else if (!UUID.test(m.id)) problems[`metrics.${i}.id`] = [`The metrics.${i}.id field must be a valid UUID.`];
				const component = String(m?.component);
				if (!COMPONENTS.includes(component as Component) && !PAYLOAD_COMPONENTS.includes(component)) {
					problems[`metrics.${i}.component`] = [`The selected metrics.${i}.component is invalid.`];
				}
				if (typeof m?.reference_key !== 'string') problems[`metrics.${i}.reference_key`] = [`The metrics.${i}.reference_key field is required.`];
				// Predefined payloads send "metrics": [] for containers (payloads/*/metrics.json).
				if (!Array.isArray(m?.metrics)) problems[`metrics.${i}.metrics`] = [`The metrics.${i}.metrics field must be an array.`];
			});
		}
		if (Object.keys(problems).length) {
			this.invalid(req, res, problems);
			return undefined;
		}
		const wanted = uuids?.length ? uuids : [body.customer_integration as string];
		const integrations = wanted.map((uuid) => this.integrations.get(uuid));
		const foreign = integrations.findIndex((i) => !i || i.customer_uuid !== customer.uuid);
		if (foreign >= 0) {
			this.fail(req, res, 404, 'not_found', 'Customer integration not found.');
			return undefined;
		}
		const inactive = integrations.find((i) => i!.status !== 'active');
		if (inactive) {
			// ASSUMPTION: an integration that is not active is refused with a {message}; no document shows it.
			this.fail(req, res, 422, 'integration_inactive', `The customer integration is ${inactive.status}: reconnect it through a new integration session.`);
			return undefined;
		}
		// The whole request refused when one metric does not exist for the account (the clients'
		// "metrics refusal", 422 {message, extra}).
		for (const m of metrics as Array<Record<string, unknown>>) {
			const failure = this.metricFailures.get(String(m.reference_key));
			if (failure && 'refuse' in failure) {
				res.json({ message: failure.refuse, extra: failure.extra }, 422);
				return undefined;
			}
		}
		const key = wanted.join('+');
		const comparison = body.comparison_start ? { start: String(body.comparison_start), end: String(body.comparison_end) } : undefined;
		const answer: Record<string, unknown> = {};
		for (const m of metrics as Array<Record<string, unknown>>) {
			const failure = this.metricFailures.get(String(m.reference_key));
			answer[String(m.id)] = failure ?? this.metricValue(key, m, String(body.start), String(body.end), comparison);
		}
		return answer;
	}

	private schedule(url: string, body: unknown): void {
		const run = (async () => {
			await this.delay(this.callbackDelayMs);
			await this.deliver(url, body, 1);
			if (this.deliverTwice) {
				await this.delay(this.callbackDelayMs / 10);
				await this.deliver(url, body, 2);
			}
		})();
		this.pendingDeliveries.add(run);
		void run.finally(() => this.pendingDeliveries.delete(run));
	}

	private async deliver(url: string, body: unknown, attempt: number): Promise<void> {
		const delivery: Delivery = { url, attempt, body };
		this.deliveries.push(delivery);
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'user-agent': 'Reportei-Connect-Simulator' },
				body: JSON.stringify(body),
			});
			delivery.responseBody = await response.text();
			delivery.status = response.status;
		} catch (error) {
			delivery.error = (error as Error).message;
		}
	}

	// ----- middleware: throttle, merchant auth, customer token, trial --------------------------

	private rollWindow(): void {
		const minute = this.scaled(60_000);
		const now = Date.now();
		if (now - this.window.start >= minute) {
			this.window = { start: now, used: this.preUsed };
			this.preUsed = 0;
		}
	}

	private guard(
		need: { customer?: boolean; trial?: boolean },
		handler: (req: SimulatorRequest, res: SimulatorResponse, customer?: SimCustomer) => void,
	) {
		return async (req: SimulatorRequest, res: SimulatorResponse) => {
			this.inFlight += 1;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			res.raw.once('close', () => (this.inFlight -= 1));
			this.bodies.push({ method: req.method, path: req.path, query: req.query, body: req.body });
			this.rollWindow();
			const limit = this.rateLimitPerMinute;
			const windowEnd = this.window.start + this.scaled(60_000);
			// "The rate limits are displayed in the response headers" (README), names undocumented.
			// ASSUMPTION: Laravel's throttle, which refuses (without counting) once the budget is spent.
			const laravel = this.rateLimitHeaders === 'laravel';
			if (this.window.used >= limit) {
				const waitMs = Math.max(0, windowEnd - Date.now());
				const retryAfter = this.timeScale === 1 ? String(Math.ceil(waitMs / 1000)) : (waitMs / 1000).toFixed(3);
				res.headers({
					'Retry-After': retryAfter,
					...(laravel ? { 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': 0, 'X-RateLimit-Reset': Math.ceil(windowEnd / 1000) } : {}),
				});
				return this.fail(req, res, 429, 'too_many_requests', 'Too Many Attempts.');
			}
			this.window.used += 1;
			const remaining = limit - this.window.used;
			if (remaining === 0) this.exhaustedResponses += 1;
			if (laravel) res.headers({ 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': remaining });
			if (this.answerDelayMs > 0) await this.delay(this.answerDelayMs / this.timeScale);

			const auth = String(req.headers.authorization ?? '');
			// ASSUMPTION: a refused Bearer token answers Laravel's "Unauthenticated." (README: 401).
			if (auth !== `Bearer ${this.merchantToken}`) return this.fail(req, res, 401, 'unauthenticated', 'Unauthenticated.');
			let customer: SimCustomer | undefined;
			if (need.customer) {
				const uuid = this.tokens.get(String(req.headers['x-customer-token'] ?? ''));
				customer = uuid ? this.customers.get(uuid) : undefined;
				// README "Example Error Response" (rep-error-invalid-customer-token).
				if (!customer) return this.fail(req, res, 401, 'unauthorized', 'Invalid Customer Token');
				// sections/customers.md "Trial Period": integrations and metrics answer 401 after the
				// trial. ASSUMPTION: its body; the default says nothing about the trial.
				if (need.trial && !customer.is_paying && parseConnectTime(customer.trial_ends_at) <= this.now()) {
					const message = this.trialExpiredMessage === 'generic' ? 'Unauthenticated.' : this.trialExpiredMessage;
					return this.fail(req, res, 401, 'trial_expired', message);
				}
			}
			handler(req, res, customer);
		};
	}

	/** A validation failure (422) in the configured envelope; Laravel names the first error in `message`. */
	invalid(req: SimulatorRequest, res: SimulatorResponse, problems: Record<string, string[]>): void {
		const messages = Object.values(problems).flat();
		const more = messages.length - 1;
		const message = more > 0 ? `${messages[0]} (and ${more} more error${more > 1 ? 's' : ''})` : messages[0];
		this.fail(req, res, 422, 'validation_error', message, problems);
	}

	/** An error in the configured shape; a Laravel app without `Accept: application/json` redirects on 422. */
	fail(req: SimulatorRequest, res: SimulatorResponse, status: number, code: string, message: string, details?: Record<string, string[]>): void {
		if (status === 422 && !String(req.headers.accept ?? '').includes('json')) {
			res.status(302).header('location', this.url).send('<html><body>Redirecting</body></html>', 'text/html');
			return;
		}
		const shape = this.errorShape === 'mixed' ? ([400, 422, 429].includes(status) ? 'error' : 'message') : this.errorShape;
		if (shape === 'error') return res.json({ error: { code, message, details: details ?? {} } }, status);
		if (shape === 'errors' && details) return res.json({ errors: details }, status);
		if (shape === 'laravel' && details) return res.json({ message, errors: details }, status);
		res.json({ message }, status);
	}

	protected notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		this.fail(req, res, 404, 'not_found', `The route ${req.path.replace(/^\//, '')} could not be found.`);
	}

	// ----- JSON shapes --------------------------------------------------------------------------

	/** rep-customers-get: `merchant` is the merchant's name. */
	private customerJson(c: SimCustomer) {
		return { ...c, merchant: this.merchantName };
	}

	/** rep-customer-integration-get; the list adds `source_id` (rep-customer-integrations-list). */
	private integrationJson(i: SimIntegration, listed: boolean) {
		const { customer_uuid: _owner, source_id: sourceId, uuid, ...rest } = i;
		return listed ? { uuid, source_id: sourceId, ...rest } : { uuid, ...rest };
	}

	private hash(text: string): string {
		return createHash('sha256').update(`${this.seed}|${text}`).digest('hex');
	}

	private uuid(kind: string): string {
		const h = this.hash(`${kind}-${++this.counter}`);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

/** Real time plus what `advance()` added: the trial and session clock. */
class OffsetClock {
	offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}
}

/** "2024-09-24 17:07:34": Connect's timestamps in every example, without a zone (taken as UTC). */
export function connectTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseConnectTime(text: string): number {
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}
