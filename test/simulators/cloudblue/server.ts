/**
 * CloudBlue Commerce SimpleAPI v1.15 simulator (research/providers.md section 2): the native
 * `POST /token` (Basic + X-Subscription-Key, `{token, expiresInSeconds}`) and a Keycloak realm's
 * password grant, both with a configurable lifetime; X-Subscription-Key checks; 401 on an expired
 * token; `{data, pagination:{offset,limit,total}}` lists (and the legacy `GET /reports` that ignores
 * offset/limit); X-Correlation-ID on every response; error bodies `{message, code, details}`
 * (ASSUMPTION: no error schema is published); rated data reports moving submitted → processing →
 * completed (or error) over scaled time, with files in each format on an anonymous "blob storage"
 * path behind a SAS query; customers, resellers, orders, subscriptions, products, plans; 429 with
 * Retry-After when a subscription sends more than N requests in a window.
 *
 * The API lives under `/marketplace` (so the credential's Base URL is `${url}/marketplace`), the
 * realm under `/auth/realms/<realm>/protocol/openid-connect/token`, the files under `/blob/...`.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { Simulator, type SimulatorRequest, type SimulatorResponse } from '../../harness/simulator';
import { hashSeed, prng, ratedDataRows, renderReport, type JsonLayout, type RatedDataRow, type ReportFormat } from './files';

type Obj = Record<string, unknown>;

export interface CloudBlueAccount {
	username: string;
	password: string;
	subscriptionKey: string;
	marketplace: string;
	realm: string;
	clientId: string;
	clientSecret: string;
}

export const DEFAULT_ACCOUNT: CloudBlueAccount = {
	username: 'api-user@reseller.example',
	password: 'Pa55word!reseller',
	subscriptionKey: '066a6b5c2f1e4d3c9b8a7f6e5d4c3b2a',
	marketplace: 'us',
	realm: 'sr1000123',
	clientId: 'simpleapi-client',
	clientSecret: 'client-secret-7f3a9c',
};

export interface CloudBlueSimulatorOptions {
	/** Factor applied to provider durations (token lifetime, report generation). Default 1. */
	timeScale?: number;
	account?: Partial<CloudBlueAccount>;
	/** Token lifetime in provider seconds, both methods. Default 1500 (25 min, Copaco KB). */
	tokenLifetimeSeconds?: number;
	/** A token is also refused (401, expired) after serving this many API calls: deterministic expiry for tests. */
	tokenMaxUses?: number;
	/** How many customers to seed. Default 1000. */
	customers?: number;
	/** `GET /reports` ignores offset/limit (offset 0, limit = total) and answers formats upper case (RDE how-to). */
	legacyReports?: boolean;
	/** 429 when one subscription key sends more than `max` API calls within `windowMs` (real ms). */
	rateLimit?: { max: number; windowMs: number; retryAfterSeconds?: number };
	/** Provider milliseconds a new report spends submitted, then processing. Default 60 s, 120 s. */
	reportTimings?: { submittedMs: number; processingMs: number };
	/** Rows in each report file. Default 25. */
	rowsPerReport?: number;
	/** How JSON report files are laid out, and whether gzipped. Default a plain JSON array. */
	jsonLayout?: JsonLayout;
	gzipJson?: boolean;
	/** Seed of the generated data. */
	seed?: number;
}

interface StoredReport {
	report: Obj;
	createdAt: number;
	fails: boolean;
	sig: string;
	fileName: string;
	/** The SAS link has expired (the blob answers 403). */
	expired?: boolean;
}

interface IssuedToken {
	expiresAt: number;
	uses: number;
}

const ACCOUNT_STATUSES = ['pending', 'active', 'creditHold', 'adminHold', 'cancelled', 'error'];
const ORDER_STATUSES = ['submitted', 'processing', 'error', 'completed', 'cancelled'];
const ORDER_TYPES = ['sales', 'change', 'renewal', 'cancellation', 'migration'];
const SUBSCRIPTION_STATUSES = ['pending', 'active', 'hold', 'terminated', 'removed'];
const REPORT_FORMATS: ReportFormat[] = ['json', 'csv', 'xml', 'xlsx'];
const DAY_MS = 86_400_000;

function err(res: SimulatorResponse, status: number, message: string, code: string, details?: Obj): void {
	res.json({ message, code, ...(details ? { details } : {}) }, status);
}

function str(value: unknown): string | undefined {
	if (Array.isArray(value)) return str(value[0]);
	return typeof value === 'string' ? value : undefined;
}

export class CloudBlueSimulator extends Simulator {
	readonly account: CloudBlueAccount;

	readonly customers: Obj[] = [];

	readonly resellers: Obj[] = [];

	readonly orders: Obj[] = [];

	readonly subscriptions: Obj[] = [];

	readonly products: Obj[] = [];

	readonly plans: Obj[] = [];

	readonly reports = new Map<string, StoredReport>();

	/** Every token ever issued, by value. */
	readonly tokens = new Map<string, IssuedToken>();

	legacyReports: boolean;

	tokenLifetimeSeconds: number;

	tokenMaxUses?: number;

	rateLimit?: { max: number; windowMs: number; retryAfterSeconds?: number };

	jsonLayout: JsonLayout;

	gzipJson: boolean;

	/** `POST /subscriptions/{id}/specialPricing` answers 204 without a body. */
	emptySpecialPricingAnswer = false;

	private readonly reportTimings: { submittedMs: number; processingMs: number };

	private readonly rowsPerReport: number;

	private readonly recentCalls: number[] = [];

	private correlationCounter = 0;

	private orderCounter = 0;

	constructor(options: CloudBlueSimulatorOptions = {}) {
		super({ name: 'cloudblue', timeScale: options.timeScale ?? 1 });
		this.account = { ...DEFAULT_ACCOUNT, ...options.account };
		this.legacyReports = options.legacyReports ?? false;
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 1500;
		this.tokenMaxUses = options.tokenMaxUses;
		this.rateLimit = options.rateLimit;
		this.reportTimings = options.reportTimings ?? { submittedMs: 60_000, processingMs: 120_000 };
		this.rowsPerReport = options.rowsPerReport ?? 25;
		this.jsonLayout = options.jsonLayout ?? 'array';
		this.gzipJson = options.gzipJson ?? false;
		this.seed(options.seed ?? 15, options.customers ?? 1000);
		this.registerRoutes();
	}

	/* ------------------------------------------------------------------ seeded data */

	private seed(seed: number, customerCount: number): void {
		const random = prng(seed);
		const now = Date.now();
		for (let i = 0; i < 5; i++) {
			this.resellers.push({
				id: String(2000001 + i),
				externalId: `RES-${i + 1}`,
				name: `Reseller ${i + 1} Distribution`,
				status: 'active',
				language: 'en',
				currency: i % 2 ? 'EUR' : 'USD',
				address: { streetAddress: `${10 + i} Market St`, postalCode: `9410${i}`, city: 'San Francisco', state: 'CA', countryCode: 'US' },
				contactPersons: [{ type: 'admin', firstName: 'Ada', lastName: `Reseller${i + 1}`, email: `admin@reseller${i + 1}.example`, phoneNumber: '+1#415#5550100' }],
				attributes: {},
			});
		}
		for (let i = 0; i < 20; i++) {
			this.products.push({
				id: String(3000001 + i),
				mpn: `MPN-${String(i + 1).padStart(4, '0')}_ANNUAL`,
				name: `Product ${i + 1}`,
				vendor: ['Microsoft', 'Acronis', 'Dropbox', 'Google'][i % 4],
				serviceName: ['Microsoft 365', 'Cyber Protect', 'Dropbox Business', 'Workspace'][i % 4],
				minimumQuantity: 1,
				maximumQuantity: '100',
				prices: [{ type: 'recurring', amount: { value: String(5 + i), currency: 'USD' } }],
			});
		}
		for (let i = 0; i < 10; i++) {
			this.plans.push({
				id: String(10001 + i),
				name: `Service Plan ${i + 1}`,
				description: `Plan for ${String(this.products[i].name)}`,
				billingPeriod: { type: 'month', duration: 1 },
				subscriptionPeriods: [{ type: 'year', duration: 1 }],
			});
		}
		for (let i = 0; i < customerCount; i++) {
			const n = i + 1;
			this.customers.push({
				id: String(1000001 + i),
				externalId: `EXT-${n}`,
				name: `Customer ${n} Ltd`,
				status: ACCOUNT_STATUSES[n % 7 === 0 ? 2 : 1],
				language: 'en',
				taxRegId: `TAX${n}`,
				resellerId: String(this.resellers[i % this.resellers.length].id),
				address: { streetAddress: `${n} Main St`, postalCode: `1${String(n).padStart(4, '0')}`, city: 'Springfield', countryCode: 'US' },
				contactPersons: [{ type: 'admin', firstName: 'Pat', lastName: `Customer${n}`, email: `admin${n}@customer${n}.example`, phoneNumber: '+1#555#0100' }],
				attributes: {},
			});
		}
		for (let i = 0; i < 60; i++) {
			const customer = this.customers[(i * 7) % this.customers.length];
			const product = this.products[i % this.products.length];
			this.subscriptions.push({
				id: String(5000001 + i),
				name: String(product.name),
				customerId: customer.id,
				status: SUBSCRIPTION_STATUSES[i % 9 === 0 ? 2 : 1],
				renewalStatus: i % 3 !== 0,
				creationDate: new Date(now - (60 - i) * DAY_MS).toISOString(),
				products: [{ mpn: product.mpn, quantity: 1 + (i % 10) }],
				attributes: {},
			});
		}
		for (let i = 0; i < 40; i++) {
			const customer = this.customers[(i * 13) % this.customers.length];
			const product = this.products[i % this.products.length];
			this.orders.push(this.newOrder({
				type: ORDER_TYPES[i % 5 === 4 ? 1 : 0],
				customerId: customer.id,
				status: ORDER_STATUSES[i % 4 === 0 ? 1 : 3],
				creationDate: new Date(now - (40 - i) * 6 * 3600_000).toISOString(),
				products: [{ mpn: product.mpn, quantity: 1 + (i % 5) }],
				poNumber: `PO${1000 + i}`,
			}));
		}
		for (let i = 0; i < 12; i++) {
			const day = new Date(now - (12 - i) * DAY_MS);
			const start = `${day.toISOString().slice(0, 10)}T00:00:00Z`;
			const format = REPORT_FORMATS[i % 4];
			const stored = this.storeReport({ name: 'Daily report', format, startDate: start, endDate: start.replace('T00:00:00Z', 'T23:59:59Z') }, 'daily', now - 10 * 60_000);
			// Generated in the early hours after its day, never in the future.
			const midnightAfter = Date.parse(`${day.toISOString().slice(0, 10)}T00:00:00Z`) + DAY_MS;
			stored.report.creationDate = new Date(Math.min(midnightAfter + 3600_000 * (1 + random()), now - (12 - i) * 60_000)).toISOString();
		}
	}

	private newOrder(fields: Obj): Obj {
		this.orderCounter++;
		const products = (fields.products as Obj[]).map((p): Obj => {
			const product = this.products.find((x) => x.mpn === p.mpn);
			const unit = Number((product?.prices as Obj[] | undefined)?.[0] ? ((product?.prices as Array<{ amount: { value: string } }>)[0].amount.value) : 10);
			return { ...p, name: product?.name, unitPrice: { value: unit.toFixed(2), currency: 'USD' } };
		});
		const total = products.reduce((sum, p) => sum + Number((p.unitPrice as Obj).value) * Number(p.quantity ?? 1), 0);
		return {
			id: String(7000000 + this.orderCounter),
			orderNumber: `SO${String(this.orderCounter).padStart(6, '0')}`,
			status: 'submitted',
			statusCode: 'NW',
			creditCheck: true,
			creationDate: new Date().toISOString(),
			attributes: {},
			...fields,
			products,
			total: { price: { value: total.toFixed(2), currency: 'USD' } },
		};
	}

	/** Adds a report as if scheduled at `createdAt` (ms); its status follows from the elapsed time. */
	storeReport(input: Obj, type = 'onetime', createdAt = this.now()): StoredReport {
		const id = randomUUID();
		const format = String(input.format ?? 'json').toLowerCase() as ReportFormat;
		const fileName = `Reseller1.${id}.${format}`;
		const stored: StoredReport = {
			report: {
				id,
				name: input.name,
				customizationName: input.customizationName ?? null,
				status: 'submitted',
				type,
				format,
				creationDate: new Date(createdAt).toISOString(),
				startDate: input.startDate,
				endDate: input.endDate ?? input.startDate,
				downloadUrl: null,
			},
			createdAt,
			fails: /fail/i.test(String(input.name ?? '')),
			sig: randomBytes(24).toString('base64'),
			fileName,
		};
		this.reports.set(id, stored);
		return stored;
	}

	/** The report as the API shows it now. */
	reportView(stored: StoredReport): Obj {
		const elapsed = this.now() - stored.createdAt;
		const { submittedMs, processingMs } = this.reportTimings;
		let status = 'submitted';
		if (elapsed >= this.scaled(submittedMs)) status = 'processing';
		if (elapsed >= this.scaled(submittedMs + processingMs)) status = stored.fails ? 'error' : 'completed';
		const view: Obj = { ...stored.report, status };
		if (status === 'completed') {
			const expiry = new Date(stored.createdAt + 90 * DAY_MS).toISOString().slice(0, 19) + 'Z';
			view.downloadUrl = `${this.url}/blob/rdecontainer/${encodeURIComponent(stored.fileName)}?sv=2021-08-06&se=${encodeURIComponent(expiry)}&sr=b&sp=r&sig=${encodeURIComponent(stored.sig)}`;
		}
		return view;
	}

	/** The rows inside a report's file (what a reader of the file must get back). */
	reportRows(id: string): RatedDataRow[] {
		const stored = this.reports.get(id);
		if (!stored) throw new Error(`No report ${id}`);
		return ratedDataRows(id, String(stored.report.startDate), String(stored.report.endDate), this.rowsPerReport, {
			customers: this.customers.slice(0, 50).map((c) => ({ id: String(c.id), name: String(c.name) })),
			subscriptions: this.subscriptions.map((s) => ({ id: String(s.id), customerId: String(s.customerId) })),
			products: this.products.map((p) => ({ mpn: String(p.mpn), name: String(p.name) })),
		});
	}

	/** The bytes of a report's file as served. */
	reportFile(id: string): Buffer {
		const stored = this.reports.get(id);
		if (!stored) throw new Error(`No report ${id}`);
		return renderReport(this.reportRows(id), stored.report.format as ReportFormat, { jsonLayout: this.jsonLayout, gzipJson: this.gzipJson });
	}

	/** Makes every report already generated (for tests that do not wait). */
	completeAllReports(): void {
		const past = this.now() - this.scaled(this.reportTimings.submittedMs + this.reportTimings.processingMs) - 1;
		for (const stored of this.reports.values()) if (stored.createdAt > past) stored.createdAt = past;
	}

	/** Places an order as the API would (status submitted, created now). */
	placeOrder(customerId: string, mpn: string, quantity = 1): Obj {
		const order = this.newOrder({ type: 'sales', customerId, products: [{ mpn, quantity }] });
		this.orders.push(order);
		return order;
	}

	setOrderStatus(id: string, status: string): void {
		const order = this.orders.find((o) => o.id === id);
		if (!order) throw new Error(`No order ${id}`);
		order.status = status;
	}

	/** Expires every issued token now (the next API call answers 401). */
	expireTokens(): void {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/* ------------------------------------------------------------------ routes */

	protected notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		this.correlate(res);
		err(res, 404, `Resource not found: ${req.method} ${req.path}`, 'NOT_FOUND');
	}

	protected serverError(error: unknown, _req: SimulatorRequest, res: SimulatorResponse): void {
		this.correlate(res);
		err(res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL_ERROR');
	}

	private correlate(res: SimulatorResponse): void {
		this.correlationCounter++;
		res.header('X-Correlation-ID', `cb-${String(this.correlationCounter).padStart(6, '0')}-${randomBytes(4).toString('hex')}`);
	}

	/** Registers an API route behind the gateway: correlation id, rate limit, subscription key, bearer token. */
	private api(method: 'GET' | 'POST' | 'PATCH', path: string, handler: (req: SimulatorRequest, res: SimulatorResponse) => void): void {
		this.route(method, `/marketplace${path}`, (req, res) => {
			this.correlate(res);
			if (!this.allowCall(res)) return;
			if (!this.keyOk(req, res)) return;
			const auth = String(req.headers.authorization ?? '');
			const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
			const issued = token ? this.tokens.get(token) : undefined;
			if (!issued) return err(res, 401, 'The access token is missing or invalid', 'UNAUTHORIZED');
			issued.uses++;
			if (this.now() >= issued.expiresAt || (this.tokenMaxUses !== undefined && issued.uses > this.tokenMaxUses)) {
				return err(res, 401, 'The access token has expired', 'TOKEN_EXPIRED');
			}
			handler(req, res);
		});
	}

	private allowCall(res: SimulatorResponse): boolean {
		if (!this.rateLimit) return true;
		const now = Date.now();
		while (this.recentCalls.length && this.recentCalls[0] <= now - this.rateLimit.windowMs) this.recentCalls.shift();
		if (this.recentCalls.length >= this.rateLimit.max) {
			const wait = this.rateLimit.retryAfterSeconds ?? 1;
			res.header('Retry-After', String(wait));
			// Azure API Management's own answer to an exceeded rate-limit policy.
			res.json({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${wait} seconds.` }, 429);
			return false;
		}
		this.recentCalls.push(now);
		return true;
	}

	private keyOk(req: SimulatorRequest, res: SimulatorResponse): boolean {
		if (req.headers['x-subscription-key'] === this.account.subscriptionKey) return true;
		// Azure API Management's answer to a missing or wrong subscription key.
		res.json(
			{ statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' },
			401,
		);
		return false;
	}

	private issue(): { token: string; expiresIn: number } {
		const token = `eyJ${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { expiresAt: this.now() + this.scaled(this.tokenLifetimeSeconds * 1000), uses: 0 });
		return { token, expiresIn: this.tokenLifetimeSeconds };
	}

	private page(res: SimulatorResponse, req: SimulatorRequest, list: Obj[]): void {
		const offset = Number(str(req.query.offset) ?? 0);
		const limit = Number(str(req.query.limit) ?? 10);
		if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
			return err(res, 400, 'offset must be >= 0 and limit >= 1', 'VALIDATION_ERROR', { offset: [String(offset)], limit: [String(limit)] });
		}
		res.json({ data: list.slice(offset, offset + limit), pagination: { offset, limit, total: list.length } });
	}

	private byId(list: Obj[], id: string, what: string, res: SimulatorResponse): Obj | undefined {
		const found = list.find((x) => x.id === id);
		if (!found) err(res, 404, `${what} ${id} not found`, 'NOT_FOUND');
		return found;
	}

	private validateAccount(body: Obj, res: SimulatorResponse, reseller = false): boolean {
		const missing = ['name', 'address', 'contactPersons', 'language', ...(reseller ? ['currency'] : [])].filter(
			(f) => body[f] === undefined || body[f] === '' || (Array.isArray(body[f]) && (body[f] as unknown[]).length === 0),
		);
		const address = (body.address ?? {}) as Obj;
		if (body.address) for (const f of ['streetAddress', 'postalCode', 'city', 'countryCode']) if (!address[f]) missing.push(`address.${f}`);
		if (missing.length) {
			err(res, 400, `Required fields are missing: ${missing.join(', ')}`, 'VALIDATION_ERROR', Object.fromEntries(missing.map((f) => [f, ['is required']])));
			return false;
		}
		return true;
	}

	private accountFilter(req: SimulatorRequest, list: Obj[]): Obj[] {
		const name = str(req.query.name)?.toLowerCase();
		const email = str(req.query.email)?.toLowerCase();
		const externalId = str(req.query.externalId);
		const resellerId = str(req.query.resellerId);
		return list.filter(
			(a) =>
				(!name || String(a.name).toLowerCase().includes(name)) &&
				(!email || ((a.contactPersons as Obj[]) ?? []).some((c) => String(c.email).toLowerCase() === email)) &&
				(!externalId || a.externalId === externalId) &&
				(!resellerId || a.resellerId === resellerId),
		);
	}

	private orderFilter(req: SimulatorRequest, list: Obj[]): Obj[] {
		const q = (k: string) => str(req.query[k]);
		const from = q('creationTimeFrom');
		const to = q('creationTimeTo');
		return list.filter(
			(o) =>
				(!q('customerId') || o.customerId === q('customerId')) &&
				(!q('orderNumber') || o.orderNumber === q('orderNumber')) &&
				(!q('status') || o.status === q('status')) &&
				(!q('statusCode') || o.statusCode === q('statusCode')) &&
				(!q('subscriptionId') || o.subscriptionId === q('subscriptionId')) &&
				(!from || String(o.creationDate) >= from) &&
				(!to || String(o.creationDate).slice(0, to.length) <= to),
		);
	}

	private updateAccount(target: Obj, body: Obj): void {
		for (const key of ['externalId', 'name', 'taxRegId', 'status', 'address', 'contactPersons', 'attributes']) {
			if (body[key] !== undefined) target[key] = body[key];
		}
	}

	private registerRoutes(): void {
		/* ---- native token: Basic username:password + X-Subscription-Key, JSON {marketplace} */
		this.post('/marketplace/token', (req, res) => {
			this.correlate(res);
			if (!this.keyOk(req, res)) return;
			const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
			const [user, ...rest] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
			if (user !== this.account.username || rest.join(':') !== this.account.password) {
				return err(res, 401, 'Invalid username or password', 'UNAUTHORIZED');
			}
			const marketplace = (req.body as Obj | undefined)?.marketplace;
			if (marketplace !== undefined && marketplace !== this.account.marketplace) {
				return err(res, 400, `Unknown marketplace "${String(marketplace)}"`, 'VALIDATION_ERROR', { marketplace: ['is unknown'] });
			}
			const { token, expiresIn } = this.issue();
			res.json({ token, expiresInSeconds: expiresIn });
		});

		/* ---- Keycloak password grant */
		this.post('/auth/realms/:realm/protocol/openid-connect/token', (req, res) => {
			if (req.params.realm !== this.account.realm) return res.json({ error: 'Realm does not exist' }, 404);
			const form = (req.body ?? {}) as Record<string, string>;
			if (form.grant_type !== 'password') {
				return res.json({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' }, 400);
			}
			if (form.client_id !== this.account.clientId || form.client_secret !== this.account.clientSecret) {
				return res.json({ error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }, 401);
			}
			if (form.username !== this.account.username || form.password !== this.account.password) {
				return res.json({ error: 'invalid_grant', error_description: 'Invalid user credentials' }, 401);
			}
			const { token, expiresIn } = this.issue();
			res.json({ access_token: token, expires_in: expiresIn, refresh_expires_in: 1800, token_type: 'Bearer', scope: 'openid profile email' });
		});

		/* ---- anonymous blob storage behind SAS links */
		this.get('/blob/rdecontainer/:file', (req, res) => {
			const stored = [...this.reports.values()].find((r) => r.fileName === req.params.file);
			res.header('x-ms-request-id', randomUUID());
			const authFailed = (why: string) =>
				res
					.status(403)
					.send(
						`<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. ${why}</Message></Error>`,
						'application/xml',
					);
			if (req.headers.authorization) return authFailed('An Authorization header must not be sent with a SAS.');
			if (!stored || str(req.query.sig) !== stored.sig || !str(req.query.sv)) return authFailed('Signature did not match.');
			if (stored.expired) return authFailed('Signed expiry time must be after signed start time.');
			const body = this.reportFile(String(stored.report.id));
			res.header('content-length', body.length);
			res.send(body, 'application/octet-stream');
		});

		/* ---- reports (RDE) */
		this.api('GET', '/reports', (req, res) => {
			const q = (k: string) => str(req.query[k]);
			let list = [...this.reports.values()].map((r) => this.reportView(r));
			const from = q('from');
			const to = q('to');
			list = list.filter((r) => (!from || String(r.creationDate).slice(0, 10) >= from) && (!to || String(r.creationDate).slice(0, 10) <= to));
			if (this.legacyReports) {
				// RDE how-to: offset and limit "are not parsed"; offset is always zero and limit equals total.
				const data = list.map((r) => ({ ...r, format: String(r.format).toUpperCase() }));
				return res.json({ data, pagination: { offset: 0, limit: data.length, total: data.length } });
			}
			list = list.filter(
				(r) =>
					(!q('name') || r.name === q('name')) &&
					(!q('status') || r.status === q('status')) &&
					(!q('type') || r.type === q('type')) &&
					(!q('format') || r.format === q('format')),
			);
			this.page(res, req, list);
		});
		this.api('POST', '/reports', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			const missing = ['name', 'startDate'].filter((f) => !body[f]);
			if (missing.length) return err(res, 400, `Required fields are missing: ${missing.join(', ')}`, 'VALIDATION_ERROR', Object.fromEntries(missing.map((f) => [f, ['is required']])));
			if (body.format && !REPORT_FORMATS.includes(String(body.format).toLowerCase() as ReportFormat)) {
				return err(res, 400, `Unknown format "${String(body.format)}"`, 'VALIDATION_ERROR', { format: ['must be one of json, csv, xml, xlsx'] });
			}
			if (Number.isNaN(Date.parse(String(body.startDate)))) return err(res, 400, 'startDate is not a date-time', 'VALIDATION_ERROR');
			const stored = this.storeReport(body);
			res.json(this.reportView(stored), 201);
		});
		this.api('GET', '/reports/:id', (req, res) => {
			const stored = this.reports.get(req.params.id);
			if (!stored) return err(res, 404, `Report ${req.params.id} not found`, 'NOT_FOUND');
			res.json(this.reportView(stored));
		});

		/* ---- customers */
		this.api('GET', '/customers', (req, res) => this.page(res, req, this.accountFilter(req, this.customers)));
		this.api('POST', '/customers', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(body, res)) return;
			const customer = { status: 'active', attributes: {}, ...body, id: String(1000001 + this.customers.length), resellerId: String(this.resellers[0].id) };
			this.customers.push(customer);
			res.json(customer, 201);
		});
		this.api('GET', '/customers/:id', (req, res) => {
			const c = this.byId(this.customers, req.params.id, 'Customer', res);
			if (c) res.json(c);
		});
		this.api('PATCH', '/customers/:id', (req, res) => {
			const c = this.byId(this.customers, req.params.id, 'Customer', res);
			if (!c) return;
			this.updateAccount(c, (req.body ?? {}) as Obj);
			res.json(c);
		});

		/* ---- resellers */
		this.api('GET', '/resellers', (req, res) => this.page(res, req, this.accountFilter(req, this.resellers)));
		this.api('POST', '/resellers', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(body, res, true)) return;
			const reseller = { status: 'active', attributes: {}, ...body, id: String(2000001 + this.resellers.length) };
			this.resellers.push(reseller);
			res.json(reseller, 201);
		});
		this.api('GET', '/resellers/:id', (req, res) => {
			const r = this.byId(this.resellers, req.params.id, 'Reseller', res);
			if (r) res.json(r);
		});
		this.api('PATCH', '/resellers/:id', (req, res) => {
			const r = this.byId(this.resellers, req.params.id, 'Reseller', res);
			if (!r) return;
			this.updateAccount(r, (req.body ?? {}) as Obj);
			res.json(r);
		});
		this.api('GET', '/resellers/:id/customers', (req, res) => {
			if (!this.byId(this.resellers, req.params.id, 'Reseller', res)) return;
			this.page(res, req, this.accountFilter(req, this.customers.filter((c) => c.resellerId === req.params.id)));
		});
		this.api('POST', '/resellers/:id/customers', (req, res) => {
			if (!this.byId(this.resellers, req.params.id, 'Reseller', res)) return;
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(body, res)) return;
			const customer = { status: 'active', attributes: {}, ...body, id: String(1000001 + this.customers.length), resellerId: req.params.id };
			this.customers.push(customer);
			res.json(customer, 201);
		});
		this.api('GET', '/resellers/:id/orders', (req, res) => {
			if (!this.byId(this.resellers, req.params.id, 'Reseller', res)) return;
			const own = new Set(this.customers.filter((c) => c.resellerId === req.params.id).map((c) => c.id));
			this.page(res, req, this.orderFilter(req, this.orders.filter((o) => own.has(o.customerId))));
		});

		/* ---- orders */
		const orderInput = (req: SimulatorRequest, res: SimulatorResponse): Obj | undefined => {
			const body = (req.body ?? {}) as Obj;
			if (!body.customerId) return void err(res, 400, 'customerId is required', 'VALIDATION_ERROR', { customerId: ['is required'] });
			if (!this.customers.some((c) => c.id === body.customerId)) {
				return void err(res, 400, `Customer ${String(body.customerId)} does not exist`, 'VALIDATION_ERROR', { customerId: ['does not exist'] });
			}
			if (body.type && !ORDER_TYPES.includes(String(body.type))) return void err(res, 400, `Unknown order type "${String(body.type)}"`, 'VALIDATION_ERROR');
			const products = (body.products ?? []) as Obj[];
			if (!products.length) return void err(res, 400, 'products must not be empty', 'VALIDATION_ERROR', { products: ['must not be empty'] });
			const unknown = products.find((p) => !this.products.some((x) => x.mpn === p.mpn));
			if (unknown) return void err(res, 400, `Unknown product MPN "${String(unknown.mpn)}"`, 'VALIDATION_ERROR', { products: ['unknown mpn'] });
			return body;
		};
		this.api('GET', '/orders', (req, res) => this.page(res, req, this.orderFilter(req, this.orders)));
		this.api('POST', '/orders', (req, res) => {
			const body = orderInput(req, res);
			if (!body) return;
			const order = this.newOrder({ type: 'sales', ...body });
			this.orders.push(order);
			res.json(order, 201);
		});
		this.api('POST', '/orders/estimate', (req, res) => {
			const body = orderInput(req, res);
			if (!body) return;
			const { id: _id, orderNumber: _n, status: _s, statusCode: _c, creationDate: _d, ...estimate } = this.newOrder({ type: 'sales', ...body });
			this.orderCounter--;
			res.json(estimate);
		});
		this.api('GET', '/orders/:id', (req, res) => {
			const o = this.byId(this.orders, req.params.id, 'Order', res);
			if (o) res.json(o);
		});
		this.api('PATCH', '/orders/:id', (req, res) => {
			const o = this.byId(this.orders, req.params.id, 'Order', res);
			if (!o) return;
			const body = (req.body ?? {}) as Obj;
			if (body.creditCheck !== undefined) o.creditCheck = body.creditCheck;
			if (body.statusCode !== undefined) o.statusCode = body.statusCode;
			res.json(o);
		});

		/* ---- subscriptions */
		this.api('GET', '/subscriptions', (req, res) => {
			const q = (k: string) => str(req.query[k]);
			const from = q('creationDateFrom');
			const to = q('creationDateTo');
			this.page(
				res,
				req,
				this.subscriptions.filter(
					(s) =>
						(!q('customerId') || s.customerId === q('customerId')) &&
						(!q('status') || s.status === q('status')) &&
						(!from || String(s.creationDate).slice(0, 10) >= from) &&
						(!to || String(s.creationDate).slice(0, 10) <= to),
				),
			);
		});
		this.api('GET', '/subscriptions/:id', (req, res) => {
			const s = this.byId(this.subscriptions, req.params.id, 'Subscription', res);
			if (s) res.json(s);
		});
		this.api('PATCH', '/subscriptions/:id', (req, res) => {
			const s = this.byId(this.subscriptions, req.params.id, 'Subscription', res);
			if (!s) return;
			const body = (req.body ?? {}) as Obj;
			if (body.renewalStatus !== undefined) s.renewalStatus = body.renewalStatus;
			if (body.attributes !== undefined) s.attributes = { ...(s.attributes as Obj), ...(body.attributes as Obj) };
			if (body.products !== undefined) s.products = body.products;
			res.json(s);
		});

		/*
		 * ---- special pricing. ASSUMPTION: the body is not documented (spec v1.15 lists the route
		 * only): `{products: [{mpn, unitPrice: {value, currency}}]}` for products of the subscription;
		 * the answer is the subscription with its `specialPricing` (empty when `emptySpecialPricingAnswer`).
		 */
		this.api('POST', '/subscriptions/:id/specialPricing', (req, res) => {
			const s = this.byId(this.subscriptions, req.params.id, 'Subscription', res);
			if (!s) return;
			const body = (req.body ?? {}) as Obj;
			const products = body.products;
			if (!Array.isArray(products) || products.length === 0) {
				return err(res, 400, 'products must be a non-empty array', 'VALIDATION_ERROR', { products: ['is required'] });
			}
			const own = new Set(((s.products ?? []) as Obj[]).map((p) => p.mpn));
			for (const line of products as Obj[]) {
				if (!own.has(line.mpn)) {
					return err(res, 400, `Product "${String(line.mpn)}" is not part of subscription ${String(s.id)}`, 'VALIDATION_ERROR', { mpn: ['not in subscription'] });
				}
				const price = Number((line.unitPrice as Obj | undefined)?.value);
				if (!Number.isFinite(price) || price < 0) {
					return err(res, 400, `unitPrice.value of "${String(line.mpn)}" must be a non-negative number`, 'VALIDATION_ERROR', { unitPrice: ['is invalid'] });
				}
			}
			s.specialPricing = { products };
			if (this.emptySpecialPricingAnswer) return res.status(204).send('');
			res.json(s);
		});

		/*
		 * ---- activation parameter validation. ASSUMPTION: body `{products: [{mpn, parameters:
		 * [{name, value}]}]}`; answer `{valid, products: [{mpn, valid, errors: [{parameter, message}]}]}`.
		 * Microsoft 365 and Workspace products require a `domain` parameter holding a domain name.
		 */
		this.api('POST', '/validation/parameters', (req, res) => {
			const products = ((req.body ?? {}) as Obj).products;
			if (!Array.isArray(products) || products.length === 0) {
				return err(res, 400, 'products must be a non-empty array', 'VALIDATION_ERROR', { products: ['is required'] });
			}
			const results = (products as Obj[]).map((line) => {
				const product = this.products.find((p) => p.mpn === line.mpn);
				const errors: Obj[] = [];
				if (!product) {
					errors.push({ parameter: null, message: `Unknown product MPN "${String(line.mpn)}"` });
				} else if (['Microsoft 365', 'Workspace'].includes(String(product.serviceName))) {
					const domain = ((line.parameters ?? []) as Obj[]).find((p) => p.name === 'domain')?.value;
					if (domain === undefined || domain === '') errors.push({ parameter: 'domain', message: 'is required' });
					else if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i.test(String(domain))) {
						errors.push({ parameter: 'domain', message: `"${String(domain)}" is not a valid domain name` });
					}
				}
				return { mpn: line.mpn, valid: errors.length === 0, errors };
			});
			res.json({ valid: results.every((r) => r.valid), products: results });
		});

		/* ---- catalog */
		this.api('GET', '/products', (req, res) => {
			const q = (k: string) => str(req.query[k])?.toLowerCase();
			this.page(
				res,
				req,
				this.products.filter(
					(p) =>
						(!q('name') || String(p.name).toLowerCase().includes(q('name') as string)) &&
						(!q('serviceName') || String(p.serviceName).toLowerCase() === q('serviceName')) &&
						(!q('mpn') || String(p.mpn).toLowerCase() === q('mpn')) &&
						(!q('vendor') || String(p.vendor).toLowerCase() === q('vendor')),
				),
			);
		});
		this.api('GET', '/plans', (req, res) => this.page(res, req, this.plans));
		this.api('GET', '/plans/:id', (req, res) => {
			const p = this.byId(this.plans, req.params.id, 'Plan', res);
			if (p) res.json({ ...p, periodSwitches: [{ from: { type: 'month', duration: 1 }, to: { type: 'year', duration: 1 } }] });
		});
	}

	/** The API's base URL for the credential. */
	get baseUrl(): string {
		return `${this.url}/marketplace`;
	}

	/** The Keycloak token endpoint for the credential. */
	get tokenUrl(): string {
		return `${this.url}/auth/realms/${this.account.realm}/protocol/openid-connect/token`;
	}

	/** Credential data for the native token method. */
	tokenCredentials(overrides: Obj = {}): Record<string, unknown> {
		return {
			baseUrl: this.baseUrl,
			subscriptionKey: this.account.subscriptionKey,
			authentication: 'token',
			username: this.account.username,
			password: this.account.password,
			marketplace: this.account.marketplace,
			accessToken: '',
			...overrides,
		};
	}

	/** Credential data for the Keycloak password grant. */
	keycloakCredentials(overrides: Obj = {}): Record<string, unknown> {
		return {
			baseUrl: this.baseUrl,
			subscriptionKey: this.account.subscriptionKey,
			authentication: 'oAuth2Password',
			tokenUrl: this.tokenUrl,
			clientId: this.account.clientId,
			clientSecret: this.account.clientSecret,
			username: this.account.username,
			password: this.account.password,
			accessToken: '',
			...overrides,
		};
	}
}

export { hashSeed };

/** Demo account the demo command gives the "CloudBlue Commerce API (demo)" credential. */
export const DEMO_ACCOUNT: CloudBlueAccount = { ...DEFAULT_ACCOUNT, username: 'demo@reseller.example', password: 'demo-password', subscriptionKey: 'demo-subscription-key' };

/**
 * Starts a simulator with realistic seeded data for the demo: real time, a new report completed
 * 10 s after it is scheduled, tokens lasting 25 minutes, 250 customers, 12 completed daily
 * reports, 429 above 50 requests a second. Credential: `credentials` (native token method, Base URL `url`).
 */
export async function startDemo(): Promise<{
	simulator: CloudBlueSimulator;
	url: string;
	credentials: Record<string, unknown>;
	stop: () => Promise<void>;
}> {
	const simulator = await new CloudBlueSimulator({
		account: DEMO_ACCOUNT,
		customers: 250,
		reportTimings: { submittedMs: 3000, processingMs: 7000 },
		tokenLifetimeSeconds: 1500,
		rateLimit: { max: 50, windowMs: 1000, retryAfterSeconds: 1 },
		seed: 2026,
	}).start();
	return {
		simulator,
		url: simulator.baseUrl,
		credentials: simulator.tokenCredentials(),
		stop: async () => await simulator.stop(),
	};
}
