/**
 * Reportei Connect simulator, written from research/providers.md section 4 (connect-docs and
 * lp-connect): Laravel-style paginator, throttle headers, the 7-day customer trial, integration
 * sessions that expire, customer integrations, deterministic metrics per component and the
 * asynchronous metrics callback.
 *
 * ```ts
 * const sim = await new ReporteiSimulator({ timeScale: 0.001, seedCustomers: 1000, rateLimitPerMinute: 60 }).start();
 * credentials.reporteiConnectApi = { accessToken: sim.merchantToken, baseUrl: sim.apiUrl };
 * const { customer, apiToken } = sim.addCustomer('Acme');        // api_token as returned once by POST /customers
 * const integration = sim.addIntegration(customer.uuid, 'instagram_business');
 * sim.advance(8 * 24 * 3600_000);                                 // the trial clock (not the rate-limit window)
 * await sim.waitForDeliveries(1);                                 // async callbacks POSTed so far
 * ```
 * Time: `timeScale` scales the rate-limit minute, the callback delay and the session length
 * (`sessionTimeScale` overrides the latter); the trial and session expiry run on `now()` (real time
 * plus `advance()`), so tests can also jump past them.
 * Errors: `errorShape` `'message'` (connect-docs README: `{message}`), `'error'` (lp-connect:
 * `{error:{code,message,details}}`), or `'mixed'` (default: 400/422/429 in the lp-connect shape,
 * the rest in the README shape).
 */
import { createHash } from 'node:crypto';

import { Simulator, type SimulatorRequest, type SimulatorResponse } from '../../harness/simulator';

export type ErrorShape = 'message' | 'error' | 'mixed';
export type Component = 'number_v1' | 'chart_v1' | 'datatable_v1';
export type IntegrationListShape = 'paginated' | 'array' | 'customer_integrations';

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
	/** Body text of the 401 after the trial; `'generic'` answers a plain "Unauthenticated.". */
	trialExpiredMessage?: string | 'generic';
	/** Provider time between the async request and its callback (scaled). Default 3 s. */
	callbackDelayMs?: number;
	/** POST every async result twice (a retrying sender), to test de-duplication. */
	deliverTwice?: boolean;
	/** Shape of GET /customer-integrations (undocumented). Default paginated. */
	integrationListShape?: IntegrationListShape;
	/** Seed of every generated id, token and metric. */
	seed?: string;
}

export interface SimCustomer {
	uuid: string;
	name: string;
	created_at: string;
	updated_at: string;
	trial_ends_at: string;
	is_paying: boolean;
}

export interface SimIntegration {
	uuid: string;
	customer_uuid: string;
	source_name: string;
	status: 'active' | 'expired' | 'revoked';
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

export const AVAILABLE_INTEGRATIONS = [
	{ name: 'Instagram', slug: 'instagram_business' },
	{ name: 'Facebook', slug: 'facebook' },
	{ name: 'Facebook Ads', slug: 'facebook_ads' },
	{ name: 'Google Analytics 4', slug: 'google_analytics_4' },
	{ name: 'Google Ads', slug: 'google_ads' },
	{ name: 'LinkedIn', slug: 'linkedin' },
	{ name: 'YouTube', slug: 'youtube' },
	{ name: 'TikTok', slug: 'tiktok' },
	{ name: 'Google Meu Negócio', slug: 'google_my_business' },
];

const COMPONENTS: Component[] = ['number_v1', 'chart_v1', 'datatable_v1'];
const LOCALES = ['pt_BR', 'en', 'es', 'fr'];
const LIMIT_NAMES = ['integration_count', 'same_type_integration', 'same_integration_across_customers', 'available_integrations'];
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

	rateLimitPerMinute: number;

	errorShape: ErrorShape;

	trialExpiredMessage: string | 'generic';

	deliverTwice: boolean;

	integrationListShape: IntegrationListShape;

	callbackDelayMs: number;

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
		this.errorShape = options.errorShape ?? 'mixed';
		this.trialExpiredMessage =
			options.trialExpiredMessage ?? "Trial expired: this customer's 7-day trial has ended and it is not marked as paying.";
		this.deliverTwice = options.deliverTwice ?? false;
		this.integrationListShape = options.integrationListShape ?? 'paginated';
		this.callbackDelayMs = options.callbackDelayMs ?? 3000;
		this.trialMs = options.trialMs ?? 7 * DAY_MS;
		this.sessionMs = options.sessionMs ?? 5 * 60_000;
		this.sessionTimeScale = options.sessionTimeScale ?? this.timeScale;
		for (let i = 1; i <= (options.seedCustomers ?? 0); i++) this.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
		this.registerRoutes();
	}

	/** Where clients reach this server when it sits behind a forwarder (the demo's fixed port). */
	publicUrl?: string;

	/** The Base URL a credential uses: `<url>/api`. */
	get apiUrl(): string {
		return `${this.publicUrl ?? this.url}/api`;
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

	// ----- state helpers used by tests and the demo -------------------------------------------

	addCustomer(name: string, opts: { isPaying?: boolean; createdAt?: number } = {}): { customer: SimCustomer; apiToken: string } {
		const created = opts.createdAt ?? this.now();
		const customer: SimCustomer = {
			uuid: this.uuid('customer'),
			name,
			created_at: iso(created),
			updated_at: iso(created),
			trial_ends_at: iso(created + this.trialMs),
			is_paying: opts.isPaying ?? false,
		};
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
		const now = iso(this.now());
		const entry: SimIntegration = {
			uuid: this.uuid('integration'),
			customer_uuid: customerUuid,
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
		const names = (metric.metrics as string[]).map(String);
		const dims = Array.isArray(metric.dimensions) ? (metric.dimensions as unknown[]).map((d) => (typeof d === 'string' ? d : JSON.stringify(d))) : [];
		const number = (salt: string, from: string, to: string, max = 100_000) =>
			(parseInt(this.hash(`${integration}|${key}|${from}|${to}|${salt}`).slice(0, 8), 16) % max) + 1;
		switch (metric.component as Component) {
			case 'number_v1': {
				const values = number(names.join(','), start, end);
				const out: Record<string, unknown> = { values };
				if (comparison) {
					const previous = number(names.join(','), comparison.start, comparison.end);
					out.comparison = {
						values: previous,
						difference: Math.round(((values - previous) / previous) * 10_000) / 100,
						absoluteDifference: values - previous,
					};
				}
				return out;
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
		return undefined;
	}

	private labels(dimension: string | undefined, start: string, end: string): string[] {
		if (dimension && /date|day/i.test(dimension)) {
			const out: string[] = [];
			for (let t = Date.parse(start); t <= Date.parse(end) && out.length < 31; t += DAY_MS) out.push(iso(t).slice(0, 10));
			return out;
		}
		if (dimension && DIMENSION_LABELS[dimension]) return DIMENSION_LABELS[dimension];
		return ['A', 'B', 'C', 'D'].map((x) => `${dimension ?? 'item'} ${x}`);
	}

	// ----- HTTP -------------------------------------------------------------------------------

	private registerRoutes(): void {
		this.get('/api/merchants/settings', this.guard({}, (_req, res) => {
			res.json({
				merchant: {
					uuid: this.merchantUuid,
					name: 'Demo Agency',
					app_url: 'https://agency.example.com',
					redirect_url: 'https://agency.example.com/connected',
					created_at: iso(Date.parse('2025-01-01T00:00:00Z')),
					updated_at: iso(Date.parse('2025-01-01T00:00:00Z')),
					rate_limit_per_minute: String(this.rateLimitPerMinute),
					rate_limit_per_second: '10',
					total_customers: this.customers.size,
					available_integrations: AVAILABLE_INTEGRATIONS,
				},
			});
		}));

		this.get('/api/customers', this.guard({}, (req, res) => {
			const page = Number(req.query.page ?? 1);
			const perPage = Number(req.query.per_page ?? 15);
			if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
				return this.fail(req, res, 422, 'validation_error', 'The per page field must not be greater than 100.', { per_page: ['The per page field must not be greater than 100.'] });
			}
			if (!Number.isInteger(page) || page < 1) {
				return this.fail(req, res, 422, 'validation_error', 'The page field must be at least 1.', { page: ['The page field must be at least 1.'] });
			}
			const all = [...this.customers.values()];
			const slice = all.slice((page - 1) * perPage, page * perPage);
			res.json({
				data: slice.map((c) => this.customerJson(c)),
				meta: {
					current_page: page,
					from: slice.length ? (page - 1) * perPage + 1 : null,
					last_page: Math.max(1, Math.ceil(all.length / perPage)),
					path: `${this.apiUrl}/customers`,
					per_page: perPage,
					to: slice.length ? (page - 1) * perPage + slice.length : null,
					total: all.length,
					sortBy: null,
					descending: false,
				},
			});
		}));

		this.post('/api/customers', this.guard({}, (req, res) => {
			const name = (req.body as { name?: unknown } | undefined)?.name;
			if (typeof name !== 'string' || name.trim() === '') {
				return this.fail(req, res, 422, 'validation_error', 'The name field is required.', { name: ['The name field is required.'] });
			}
			const { customer, apiToken } = this.addCustomer(name.trim());
			res.json({ customer: { ...this.customerJson(customer), api_token: apiToken } }, 201);
		}));

		// Registered before /api/customers/:uuid, which would otherwise match "settings".
		this.get('/api/customers/settings', this.guard({ customer: true }, (_req, res, customer) => {
			const integrations = [...this.integrations.values()]
				.filter((i) => i.customer_uuid === customer!.uuid)
				.map((i) => ({ uuid: i.uuid, integration: i.integration.name, name: i.source_name, slug: i.integration.slug, status: i.status }));
			res.json({ customer: { ...this.customerJson(customer!), integrations } });
		}));

		this.get('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			res.json({ customer: this.customerJson(customer) });
		}));

		this.put('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const name = (req.body as { name?: unknown } | undefined)?.name;
			if (typeof name !== 'string' || name.trim() === '') {
				return this.fail(req, res, 422, 'validation_error', 'The name field is required.', { name: ['The name field is required.'] });
			}
			customer.name = name.trim();
			customer.updated_at = iso(this.now());
			res.json({ customer: this.customerJson(customer) });
		}));

		this.delete('/api/customers/:uuid', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			this.customers.delete(customer.uuid);
			const token = this.tokenByCustomer.get(customer.uuid);
			if (token) this.tokens.delete(token);
			res.json({ success: true, message: 'Record successfully removed' });
		}));

		this.post('/api/customers/:uuid/update-payment-status', this.guard({}, (req, res) => {
			const customer = this.customers.get(req.params.uuid);
			if (!customer) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const isPaying = (req.body as { is_paying?: unknown } | undefined)?.is_paying;
			if (typeof isPaying !== 'boolean') {
				return this.fail(req, res, 422, 'validation_error', 'The is paying field must be true or false.', { is_paying: ['The is paying field must be true or false.'] });
			}
			customer.is_paying = isPaying;
			customer.updated_at = iso(this.now());
			res.json({ success: true, message: isPaying ? 'Customer is now marked as a paying customer' : 'Customer is now marked as a non-paying customer' });
		}));

		this.post('/api/customer-integrations/session', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const body = (req.body ?? {}) as Record<string, unknown>;
			const problems: Record<string, string[]> = {};
			if (body.locale !== undefined && !LOCALES.includes(String(body.locale))) problems.locale = ['The selected locale is invalid.'];
			if (body.expires_in_minutes !== undefined && !(Number.isInteger(body.expires_in_minutes) && (body.expires_in_minutes as number) >= 1)) {
				problems.expires_in_minutes = ['The expires in minutes field must be at least 1.'];
			}
			const limits = body.limits === undefined ? [] : body.limits;
			if (!Array.isArray(limits) || limits.some((l) => !l || !LIMIT_NAMES.includes(String((l as { name?: unknown }).name)))) {
				problems.limits = ['The limits field is invalid.'];
			}
			if (Object.keys(problems).length) return this.fail(req, res, 422, 'validation_error', Object.values(problems)[0][0], problems);
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
					session_link: `${this.publicUrl ?? this.url}/connect/sessions/${session.session_uuid}?locale=${session.locale}`,
					expires_at: iso(session.expires_at),
					merchant: 'Demo Agency',
					merchant_uuid: this.merchantUuid,
					customer: customer!.name,
					customer_uuid: customer!.uuid,
					redirect_url: session.redirect_url,
				},
			});
		}));

		// The hosted page a customer opens: `?integration=<slug>` connects one network (default Instagram).
		this.get('/connect/sessions/:uuid', (req, res) => {
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

		this.get('/api/customer-integrations', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const all = [...this.integrations.values()].filter((i) => i.customer_uuid === customer!.uuid).map((i) => this.integrationJson(i));
			if (this.integrationListShape === 'array') return res.json(all);
			if (this.integrationListShape === 'customer_integrations') return res.json({ customer_integrations: all });
			const page = Number(req.query.page ?? 1);
			const perPage = Math.min(100, Number(req.query.per_page ?? 15));
			const slice = all.slice((page - 1) * perPage, page * perPage);
			res.json({
				data: slice,
				meta: { current_page: page, last_page: Math.max(1, Math.ceil(all.length / perPage)), per_page: perPage, total: all.length },
			});
		}));

		this.get('/api/customer-integrations/:uuid', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const integration = this.integrations.get(req.params.uuid);
			if (!integration || integration.customer_uuid !== customer!.uuid) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			res.json({ customer_integration: this.integrationJson(integration) });
		}));

		this.delete('/api/customer-integrations/:uuid', this.guard({}, (req, res) => {
			const integration = this.integrations.get(req.params.uuid);
			if (!integration) return this.fail(req, res, 404, 'not_found', 'Record not found.');
			const token = req.headers['x-customer-token'];
			if (token !== undefined && this.tokens.get(String(token)) !== integration.customer_uuid) {
				return this.fail(req, res, 401, 'unauthorized', 'Invalid Customer Token');
			}
			const session = this.sessions.get(String(req.query.session_id ?? ''));
			if (!session || session.customer_uuid !== integration.customer_uuid || session.expires_at < this.now()) {
				return this.fail(req, res, 422, 'validation_error', 'The session id is invalid or has expired.', { session_id: ['The session id is invalid or has expired.'] });
			}
			this.integrations.delete(integration.uuid);
			res.json({ success: true, message: 'Record successfully removed' });
		}));

		this.post('/api/metrics/get-data', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const answer = this.computeMetrics(req, res, customer!);
			if (answer) res.json(answer);
		}));

		this.post('/api/metrics/get-data-async', this.guard({ customer: true, trial: true }, (req, res, customer) => {
			const url = (req.body as { metrics_webhook_url?: unknown } | undefined)?.metrics_webhook_url;
			if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
				return this.fail(req, res, 422, 'validation_error', 'The metrics webhook url field is required.', { metrics_webhook_url: ['The metrics webhook url field is required.'] });
			}
			const answer = this.computeMetrics(req, res, customer!);
			if (!answer) return;
			res.json({ success: true, message: 'Metrics data collection started' });
			this.schedule(url, answer);
		}));
	}

	private computeMetrics(req: SimulatorRequest, res: SimulatorResponse, customer: SimCustomer): Record<string, unknown> | undefined {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const problems: Record<string, string[]> = {};
		const date = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
		if (typeof body.customer_integration !== 'string') problems.customer_integration = ['The customer integration field is required.'];
		if (!date(body.start)) problems.start = ['The start field must be a valid date.'];
		if (!date(body.end)) problems.end = ['The end field must be a valid date.'];
		if ((body.comparison_start === undefined) !== (body.comparison_end === undefined)) problems.comparison_end = ['Both comparison dates are required together.'];
		const metrics = body.metrics;
		if (!Array.isArray(metrics) || metrics.length === 0) problems.metrics = ['The metrics field is required.'];
		else {
			metrics.forEach((m: Record<string, unknown>, i) => {
				if (!m || typeof m.id !== 'string' || m.id === '') problems[`metrics.${i}.id`] = [`The metrics.${i}.id field is required.`];
				if (!COMPONENTS.includes(m?.component as Component)) problems[`metrics.${i}.component`] = [`The selected metrics.${i}.component is invalid.`];
				if (typeof m?.reference_key !== 'string') problems[`metrics.${i}.reference_key`] = [`The metrics.${i}.reference_key field is required.`];
				if (!Array.isArray(m?.metrics) || m.metrics.length === 0) problems[`metrics.${i}.metrics`] = [`The metrics.${i}.metrics field is required.`];
			});
		}
		if (Object.keys(problems).length) {
			this.fail(req, res, 422, 'validation_error', Object.values(problems)[0][0], problems);
			return undefined;
		}
		const integration = this.integrations.get(body.customer_integration as string);
		if (!integration || integration.customer_uuid !== customer.uuid) {
			this.fail(req, res, 404, 'not_found', 'Customer integration not found.');
			return undefined;
		}
		if (integration.status !== 'active') {
			this.fail(req, res, 422, 'integration_inactive', `The customer integration is ${integration.status}: reconnect it through a new integration session.`);
			return undefined;
		}
		const comparison = body.comparison_start ? { start: String(body.comparison_start), end: String(body.comparison_end) } : undefined;
		const answer: Record<string, unknown> = {};
		for (const m of metrics as Array<Record<string, unknown>>) {
			answer[String(m.id)] = this.metricValue(integration.uuid, m, String(body.start), String(body.end), comparison);
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
		return (req: SimulatorRequest, res: SimulatorResponse) => {
			this.bodies.push({ method: req.method, path: req.path, query: req.query, body: req.body });
			this.rollWindow();
			const limit = this.rateLimitPerMinute;
			const windowEnd = this.window.start + this.scaled(60_000);
			// Laravel's throttle: the attempt is refused (not counted) once the budget is spent.
			if (this.window.used >= limit) {
				const waitMs = Math.max(0, windowEnd - Date.now());
				const retryAfter = this.timeScale === 1 ? String(Math.ceil(waitMs / 1000)) : (waitMs / 1000).toFixed(3);
				res.headers({
					'X-RateLimit-Limit': limit,
					'X-RateLimit-Remaining': 0,
					'Retry-After': retryAfter,
					'X-RateLimit-Reset': Math.ceil(windowEnd / 1000),
				});
				return this.fail(req, res, 429, 'too_many_requests', 'Too Many Attempts.');
			}
			this.window.used += 1;
			const remaining = limit - this.window.used;
			if (remaining === 0) this.exhaustedResponses += 1;
			res.headers({ 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': remaining });

			const auth = String(req.headers.authorization ?? '');
			if (auth !== `Bearer ${this.merchantToken}`) return this.fail(req, res, 401, 'unauthenticated', 'Unauthenticated.');
			let customer: SimCustomer | undefined;
			if (need.customer) {
				const uuid = this.tokens.get(String(req.headers['x-customer-token'] ?? ''));
				customer = uuid ? this.customers.get(uuid) : undefined;
				if (!customer) return this.fail(req, res, 401, 'unauthorized', 'Invalid Customer Token');
				if (need.trial && !customer.is_paying && Date.parse(customer.trial_ends_at) <= this.now()) {
					const message = this.trialExpiredMessage === 'generic' ? 'Unauthenticated.' : this.trialExpiredMessage;
					return this.fail(req, res, 401, 'trial_expired', message);
				}
			}
			handler(req, res, customer);
		};
	}

	/** An error in the configured shape; a Laravel app without `Accept: application/json` redirects on 422. */
	fail(req: SimulatorRequest, res: SimulatorResponse, status: number, code: string, message: string, details?: Record<string, string[]>): void {
		if (status === 422 && !String(req.headers.accept ?? '').includes('json')) {
			res.status(302).header('location', this.url).send('<html><body>Redirecting</body></html>', 'text/html');
			return;
		}
		const shape = this.errorShape === 'mixed' ? ([400, 422, 429].includes(status) ? 'error' : 'message') : this.errorShape;
		if (shape === 'error') res.json({ error: { code, message, details: details ?? {} } }, status);
		else res.json(details ? { message, errors: details } : { message }, status);
	}

	protected notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		this.fail(req, res, 404, 'not_found', `The route ${req.path.replace(/^\//, '')} could not be found.`);
	}

	// ----- JSON shapes --------------------------------------------------------------------------

	private customerJson(c: SimCustomer) {
		return { ...c, merchant: { uuid: this.merchantUuid, name: 'Demo Agency' } };
	}

	private integrationJson(i: SimIntegration) {
		const { customer_uuid: _owner, ...rest } = i;
		return rest;
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

function iso(ms: number): string {
	return new Date(ms).toISOString();
}
