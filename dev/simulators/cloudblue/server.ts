/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * CloudBlue Commerce SimpleAPI simulator. Its default answers are the documented shapes, in this
 * order of authority: the RDE how-to printed in seed 001 (/work/shared/seeds/001_0d49e871b5d83563.txt,
 * https://docs.cloudblue.com/cbc/21.0/Simple-API/how-to-use/howto/rde), the recorded public shapes
 * (test/contract/fixtures/cloudblue.json, cited by case id), the SimpleAPI spec v1.15
 * (msoukhomlinov/n8n-nodes-cloudblue-commerce-simpleapi@ce13a93 "SimpleAPI (1.15).yaml", cited as
 * "spec <operationId>/<schema>"), then research/providers.md. Each route names its source. What the
 * documents leave open is switchable (constructor options, also settable as properties):
 *
 * - `reportList`: `rde-howto` (default: items `{name, format: "XLSX", creationDate, downloadUrl}`,
 *   offset/limit not parsed, `pagination: {offset: 0, limit: total, total}`), `spec-1.15` (full
 *   Report items with id/status/type, paged and filtered by name/status/type/format) or
 *   `marketplace-1.1` (full items, `{data}` without pagination, nothing paged).
 * - `errorBodies`: `marketplace-1.1` (default: `{timeStamp, status, message, path, correlationId}`,
 *   cb-error-schema-v11) or `message-code-details` (`{message, code, details}`, the existing
 *   community node's assumption).
 * - `wrapSingleObjects`: POST /customers, POST /resellers/{id}/customers and POST /orders answer
 *   `{data: {...}}` (the spec's own links read `$response.body#/data/id`); bare by default.
 * - `requireReportPeriod`: `GET /reports` without `from`/`to` answers 400 (default on: the how-to
 *   says every request contains them; the answer's wording is an ASSUMPTION).
 * - `gatewayTimeout()`: the next matching call answers nginx's 504 page (cb-gateway-504-nginx),
 *   before or after the API acted.
 *
 * Assumptions no document states (also in docs/cloudblue.md): the wording of the simulator's own
 * error messages, Azure API Management's answers for a wrong key and a rate limit
 * (`{statusCode, message}`, 429 with Retry-After), Azure Blob's XML error for a refused SAS link,
 * the columns inside rated data files (dev/simulators/cloudblue/files.ts), and report timings.
 *
 * The API lives under `/marketplace` (the credential's Base URL is `${url}/marketplace`), the realm
 * under `/auth/realms/<realm>/protocol/openid-connect/token`, the files under `/blob/...`.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { prng } from '../random';
import { Simulator, SimulatorResponse, type SimulatorRequest } from '../simulator';
import { ratedDataRows, renderReport, type JsonLayout, type RatedDataRow, type ReportFormat } from './files';

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

export type ReportListVariant = 'rde-howto' | 'spec-1.15' | 'marketplace-1.1';
export type ErrorBodyVariant = 'marketplace-1.1' | 'message-code-details';

export interface CloudBlueSimulatorOptions {
	/** Factor applied to provider durations (token lifetime, report generation). Default 1. */
	timeScale?: number;
	account?: Partial<CloudBlueAccount>;
	/** Token lifetime in provider seconds, both methods. Default 1500 (cb-token; 25 min, Copaco KB). */
	tokenLifetimeSeconds?: number;
	/** A token is also refused (401, expired) after serving this many API calls: deterministic expiry for tests. */
	tokenMaxUses?: number;
	/** How many customers to seed. Default 1000. */
	customers?: number;
	/** How `GET /reports` answers (see the file comment). Default `rde-howto`. */
	reportList?: ReportListVariant;
	/** @deprecated `true` is `reportList: 'rde-howto'`, `false` is `'spec-1.15'`. */
	legacyReports?: boolean;
	/** Error body shape (see the file comment). Default `marketplace-1.1`. */
	errorBodies?: ErrorBodyVariant;
	/** Single objects of POST /customers and POST /orders in `{data}`. Default false. */
	wrapSingleObjects?: boolean;
	/** `GET /reports` refuses a request without `from` and `to`. Default true. */
	requireReportPeriod?: boolean;
	/** 429 when one subscription key sends more than `max` API calls within `windowMs` (real ms). */
	rateLimit?: { max: number; windowMs: number; retryAfterSeconds?: number };
	/** Provider milliseconds a new report spends submitted, then processing. Default 60 s, 120 s. */
	reportTimings?: { submittedMs: number; processingMs: number };
	/** Rows in each report file. Default 25. */
	rowsPerReport?: number;
	/** How JSON report files are laid out. Default a plain JSON array. */
	jsonLayout?: JsonLayout;
	/** JSON report files are gzipped and named `.json.gz`, as in the RDE how-to's links. Default true. */
	gzipJson?: boolean;
	/** Seed of the generated data. */
	seed?: number;
}

interface StoredReport {
	report: Obj;
	createdAt: number;
	fails: boolean;
	/** The signature of the last download link handed out (a new one is signed for every answer). */
	sig: string;
	/** The blob name without the `.gz` a gzipped JSON file gets. */
	fileName: string;
	/** The SAS links have expired (the blob answers 403). */
	expired?: boolean;
}

interface IssuedToken {
	expiresAt: number;
	uses: number;
}

interface GatewayTimeout {
	method?: string;
	path: string;
	left: number;
	/** The API carries the request out, then the gateway answers 504 anyway. */
	afterHandling: boolean;
}

const ORDER_STATUSES = ['submitted', 'processing', 'error', 'completed', 'cancelled'];
const ORDER_TYPES = ['sales', 'change', 'renewal', 'cancellation', 'migration'];
const SUBSCRIPTION_STATUSES = ['pending', 'active', 'hold', 'terminated', 'removed'];
const REPORT_FORMATS: ReportFormat[] = ['json', 'csv', 'xml', 'xlsx'];
/** OrderDetailed fields the spec v1.15 marks `writeOnly`: sent, never answered. */
const ORDER_WRITE_ONLY = new Set(['autorenewal', 'startDate', 'migrationDate', 'expirationDate', 'migrationProgram', 'planId', 'scheduledOn', 'upgradeStartType', 'alignExpirationDate', 'vendorBillingSettings']);
const DAY_MS = 86_400_000;
const SAS_KEY = randomBytes(32);

/** nginx's 504 page as a real client captured it from api.cloud.im (cb-gateway-504-nginx). */
export const NGINX_504 = '<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function str(value: unknown): string | undefined {
	if (Array.isArray(value)) return str(value[0]);
	return typeof value === 'string' ? value : undefined;
}

/** `2023-02-22T07:45:08.223+00:00`, the timeStamp format of cb-orders-create-conflict-500. */
function timeStamp(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** A response that goes nowhere: the API's answer to a request the gateway then times out. */
function discarded(): SimulatorResponse {
	const raw = { statusCode: 200, writableEnded: false, setHeader() {}, getHeader: () => undefined, hasHeader: () => false, end() {}, on() {} };
	return new SimulatorResponse(raw as unknown as ServerResponse);
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

	reportList: ReportListVariant;

	errorBodies: ErrorBodyVariant;

	wrapSingleObjects: boolean;

	requireReportPeriod: boolean;

	tokenLifetimeSeconds: number;

	tokenMaxUses?: number;

	rateLimit?: { max: number; windowMs: number; retryAfterSeconds?: number };

	jsonLayout: JsonLayout;

	gzipJson: boolean;
	/**
	 * Test knob: report files announce their full Content-Length but the connection closes after
	 * this many bytes (a download cut short). Off (undefined) by default.
	 */
	cutFilesAfter: number | undefined = undefined;

	/** `POST /subscriptions/{id}/specialPricing` answers 204 without a body (ASSUMPTION: a variant no document shows or rules out). */
	emptySpecialPricingAnswer = false;

	private readonly reportTimings: { submittedMs: number; processingMs: number };

	private readonly rowsPerReport: number;

	private readonly recentCalls: number[] = [];

	private readonly gatewayTimeouts: GatewayTimeout[] = [];

	private orderCounter = 0;

	constructor(options: CloudBlueSimulatorOptions = {}) {
		super({ name: 'cloudblue', timeScale: options.timeScale ?? 1 });
		this.account = { ...DEFAULT_ACCOUNT, ...options.account };
		this.reportList = options.reportList ?? (options.legacyReports === false ? 'spec-1.15' : 'rde-howto');
		this.errorBodies = options.errorBodies ?? 'marketplace-1.1';
		this.wrapSingleObjects = options.wrapSingleObjects ?? false;
		this.requireReportPeriod = options.requireReportPeriod ?? true;
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 1500;
		this.tokenMaxUses = options.tokenMaxUses;
		this.rateLimit = options.rateLimit;
		this.reportTimings = options.reportTimings ?? { submittedMs: 60_000, processingMs: 120_000 };
		this.rowsPerReport = options.rowsPerReport ?? 25;
		this.jsonLayout = options.jsonLayout ?? 'array';
		this.gzipJson = options.gzipJson ?? true;
		this.seed(options.seed ?? 15, options.customers ?? 1000);
		this.registerRoutes();
	}

	/** @deprecated Use `reportList`. */
	get legacyReports(): boolean {
		return this.reportList === 'rde-howto';
	}

	set legacyReports(value: boolean) {
		this.reportList = value ? 'rde-howto' : 'spec-1.15';
	}

	/* ------------------------------------------------------------------ seeded data (spec v1.15 schemas) */

	private seed(seed: number, customerCount: number): void {
		const random = prng(seed);
		const now = Date.now();
		const month = { type: 'month', duration: 1 };
		const year = { type: 'year', duration: 1 };
		// spec Reseller: Account + currency.
		for (let i = 0; i < 5; i++) {
			this.resellers.push({
				id: String(2000001 + i),
				externalId: `RES-${i + 1}`,
				name: `Reseller ${i + 1} Distribution`,
				status: 'active',
				language: 'en',
				currency: i % 2 ? 'EUR' : 'USD',
				address: { streetAddress: `${10 + i} Market St`, postalCode: `9410${i}`, city: 'San Francisco', state: 'CA', countryCode: 'US' },
				contactPersons: [{ type: 'admin', firstName: 'Ada', lastName: `Reseller${i + 1}`, email: `admin@reseller${i + 1}.example`, phoneNumber: '1#415#5550100' }],
				attributes: {},
			});
		}
		// spec Product: minimumQuantity/maximumQuantity are strings, prices [{currency, amount, type}].
		for (let i = 0; i < 20; i++) {
			this.products.push({
				id: String(3000001 + i),
				mpn: `MPN-${String(i + 1).padStart(4, '0')}_ANNUAL`,
				name: `Product ${i + 1}`,
				vendor: ['Microsoft', 'Acronis', 'Dropbox', 'Google'][i % 4],
				serviceName: ['Microsoft 365', 'Cyber Protect', 'Dropbox Business', 'Workspace'][i % 4],
				minimumQuantity: '1',
				maximumQuantity: '100',
				prices: [{ currency: 'USD', amount: `${5 + i}.0`, type: 'recurring' }],
				billingPeriod: month,
				subscriptionPeriod: year,
				billingModel: 'chargeBeforeBillingPeriod',
			});
		}
		// spec ServicePlan.
		for (let i = 0; i < 10; i++) {
			this.plans.push({
				id: String(10001 + i),
				name: `Service Plan ${i + 1}`,
				shortDescription: `Plan for ${String(this.products[i].name)}`,
				longDescription: `Service plan ${i + 1} of the catalog`,
				published: true,
				subscriptionPeriods: [{ ...year, trial: false, active: true }],
				billingPeriod: month,
				billingModel: 'chargeBeforeBillingPeriod',
			});
		}
		// spec Customer: Account + resellerId (cb-customers-list).
		for (let i = 0; i < customerCount; i++) {
			const n = i + 1;
			this.customers.push({
				id: String(1000001 + i),
				externalId: `EXT-${n}`,
				status: n % 7 === 0 ? 'creditHold' : 'active',
				name: `Customer ${n} Ltd`,
				address: { streetAddress: `${n} Main St`, postalCode: `1${String(n).padStart(4, '0')}`, city: 'Springfield', countryCode: 'US' },
				contactPersons: [{ type: 'admin', firstName: 'Pat', lastName: `Customer${n}`, email: `admin${n}@customer${n}.example`, phoneNumber: '1#555#0100' }],
				language: 'en',
				taxRegId: `TAX${n}`,
				resellerId: String(this.resellers[i % this.resellers.length].id),
				attributes: {},
			});
		}
		// spec SubscriptionDetailed (cb-subscriptions-get): dates YYYY-MM-DD, quantity an integer, money strings.
		for (let i = 0; i < 60; i++) {
			const customer = this.customers[(i * 7) % this.customers.length];
			const product = this.products[i % this.products.length];
			const quantity = 1 + (i % 10);
			const unit = Number((product.prices as Obj[])[0].amount);
			const created = new Date(now - (60 - i) * DAY_MS).toISOString().slice(0, 10);
			this.subscriptions.push({
				id: String(5000001 + i),
				name: String(product.name),
				customerId: customer.id,
				status: SUBSCRIPTION_STATUSES[i % 9 === 0 ? 2 : 1],
				renewalStatus: i % 3 !== 0,
				creationDate: created,
				renewalDate: new Date(Date.parse(created) + 365 * DAY_MS).toISOString().slice(0, 10),
				lastModifiedDate: created,
				expirationDate: new Date(Date.parse(created) + 365 * DAY_MS).toISOString().slice(0, 10),
				billingModel: 'chargeBeforeBillingPeriod',
				billingPeriod: month,
				subscriptionPeriod: year,
				totalPrice: { currency: 'USD', amount: String(unit * quantity) },
				products: [
					{
						mpn: product.mpn,
						vendor: product.vendor,
						id: product.id,
						quantity,
						name: product.name,
						vendorSubscriptionId: String(10294983919204 + i),
						unitPrice: { currency: 'USD', amount: String(unit) },
					},
				],
				planId: Number(this.plans[i % this.plans.length].id),
				attributes: {},
			});
		}
		for (let i = 0; i < 40; i++) {
			const customer = this.customers[(i * 13) % this.customers.length];
			const product = this.products[i % this.products.length];
			this.orders.push(
				this.newOrder({
					type: ORDER_TYPES[i % 5 === 4 ? 1 : 0],
					customerId: customer.id,
					status: ORDER_STATUSES[i % 4 === 0 ? 1 : 3],
					creationDate: new Date(now - (40 - i) * 6 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
					products: [{ mpn: product.mpn, quantity: 1 + (i % 5) }],
					poNumber: `PO${1000 + i}`,
				}),
			);
		}
		for (let i = 0; i < 12; i++) {
			const day = new Date(now - (12 - i) * DAY_MS);
			const start = `${day.toISOString().slice(0, 10)}T00:00:00Z`;
			const format = REPORT_FORMATS[i % 4];
			const stored = this.storeReport({ name: 'Daily report', format, startDate: start, endDate: start.replace('T00:00:00Z', 'T23:59:59Z') }, 'daily', now - 10 * 60_000);
			// Generated in the early hours after its day, never in the future.
			const midnightAfter = Date.parse(`${day.toISOString().slice(0, 10)}T00:00:00Z`) + DAY_MS;
			stored.report.creationDate = new Date(Math.min(midnightAfter + 3600_000 * (1 + random()), now - (12 - i) * 60_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
		}
	}

	/** spec OrderDetailed: `total {currency, amount}`, lines `{mpn, vendor, name, quantity, extendedPrice}`. */
	private newOrder(fields: Obj): Obj {
		this.orderCounter++;
		let total = 0;
		const products = ((fields.products ?? []) as Obj[]).map((line): Obj => {
			const product = this.products.find((x) => x.mpn === line.mpn);
			const unit = Number((product?.prices as Obj[] | undefined)?.[0]?.amount ?? 10);
			// Order line quantities are doubles; the orders how-to sends strings such as "2.0".
			const quantity = Number(line.quantity ?? 1);
			total += unit * quantity;
			return {
				...line,
				...(product ? { vendor: product.vendor, name: product.name } : {}),
				quantity,
				extendedPrice: { currency: 'USD', amount: (unit * quantity).toFixed(2) },
			};
		});
		const subscriptionId = products.find((p) => p.subscriptionId)?.subscriptionId;
		return {
			id: String(7000000 + this.orderCounter),
			orderNumber: `${fields.type === 'change' ? 'CH' : 'SO'}${String(this.orderCounter).padStart(6, '0')}`,
			status: 'submitted',
			statusCode: 'NW',
			creditCheck: true,
			creationDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
			attributes: {},
			...(subscriptionId ? { subscriptionId } : {}),
			...fields,
			products,
			total: { currency: 'USD', amount: total.toFixed(2) },
		};
	}

	/** Adds a report as if scheduled at `createdAt` (ms); its status follows from the elapsed time. */
	storeReport(input: Obj, type = 'onetime', createdAt = this.now()): StoredReport {
		const id = randomUUID();
		const format = String(input.format ?? 'json').toLowerCase() as ReportFormat;
		// The how-to's blob names: <name>.<uuid>.<day>.<hh-mm-ss.mmm>+<zone>.<ext> (seed 001, cb-reports-get).
		const at = new Date(createdAt).toISOString();
		const safeName = String(input.name ?? 'report').replace(/[^A-Za-z0-9_-]+/g, '-');
		const fileName = `${safeName}.${id}.${at.slice(0, 10)}.${at.slice(11, 23).replace(/:/g, '-')}+0000.${format}`;
		const stored: StoredReport = {
			report: {
				id,
				name: input.name,
				...(input.customizationName !== undefined ? { customizationName: input.customizationName } : {}),
				status: 'submitted',
				type,
				format,
				creationDate: new Date(createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
				startDate: input.startDate,
				endDate: input.endDate ?? input.startDate,
			},
			createdAt,
			fails: /fail/i.test(String(input.name ?? '')),
			sig: '',
			fileName,
		};
		this.reports.set(id, stored);
		return stored;
	}

	/** The blob name a report's file is served under. */
	fileNameOf(id: string): string {
		const stored = this.reports.get(id);
		if (!stored) throw new Error(`No report ${id}`);
		return this.blobName(stored);
	}

	private blobName(stored: StoredReport): string {
		return `${stored.fileName}${stored.report.format === 'json' && this.gzipJson ? '.gz' : ''}`;
	}

	private sign(blob: string, st: string, se: string): string {
		return createHmac('sha256', SAS_KEY).update(`${blob}\n${st}\n${se}`).digest('base64');
	}

	private statusOf(stored: StoredReport): string {
		const elapsed = this.now() - stored.createdAt;
		const { submittedMs, processingMs } = this.reportTimings;
		if (elapsed >= this.scaled(submittedMs + processingMs)) return stored.fails ? 'error' : 'completed';
		return elapsed >= this.scaled(submittedMs) ? 'processing' : 'submitted';
	}

	/**
	 * The report as `GET /reports/{id}` shows it now (spec Report, cb-reports-get): `creationDate`
	 * and `downloadUrl` once completed (cb-reports-create). Each answer signs a new SAS link, as
	 * Azure links are signed per request (the query changes, the blob path does not).
	 */
	reportView(stored: StoredReport): Obj {
		const status = this.statusOf(stored);
		const { creationDate, ...rest } = stored.report;
		const view: Obj = { ...rest, status };
		if (status === 'completed') {
			const blob = this.blobName(stored);
			const st = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
			const se = new Date(stored.createdAt + 90 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
			stored.sig = this.sign(blob, st, se);
			const q = (v: string) => encodeURIComponent(v);
			view.creationDate = creationDate;
			view.downloadUrl = `${this.url}/blob/rdecontainer/${q(blob).replace(/%2B/g, '+')}?sig=${q(stored.sig)}&api-version=2016-05-31&st=${q(st)}&se=${q(se)}&sv=2016-05-31&sp=rwd&sr=b`;
		}
		return view;
	}

	/** A report as the RDE how-to lists it (seed 001): only name, format (upper case), creationDate and downloadUrl. */
	howToItem(stored: StoredReport): Obj | undefined {
		const view = this.reportView(stored);
		if (view.status !== 'completed') return undefined;
		return { name: view.name, format: String(view.format).toUpperCase(), creationDate: view.creationDate, downloadUrl: view.downloadUrl };
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

	/**
	 * The next `times` calls to `path` (a route pattern under /marketplace, e.g. `/orders`) get nginx's
	 * 504 page (cb-gateway-504-nginx); with `afterHandling` the API carries the call out first.
	 */
	gatewayTimeout(path: string, options: { method?: string; times?: number; afterHandling?: boolean } = {}): this {
		this.gatewayTimeouts.push({ path, method: options.method, left: options.times ?? 1, afterHandling: options.afterHandling ?? false });
		return this;
	}

	/* ------------------------------------------------------------------ errors */

	/**
	 * An API error: Marketplace API 1.1 `errorMessage` (cb-error-schema-v11, as the real 500 in
	 * cb-orders-create-conflict-500), or `{message, code, details}` when switched on. The message
	 * wording of the simulator's own checks is an ASSUMPTION.
	 */
	private err(req: SimulatorRequest, res: SimulatorResponse, status: number, message: string, code: string, details?: Obj): void {
		const correlationId = String(res.raw.getHeader('x-correlation-id') ?? this.correlate(res));
		if (this.errorBodies === 'message-code-details') return res.json({ message, code, ...(details ? { details } : {}) }, status);
		res.json({ timeStamp: timeStamp(Date.now()), status, message, path: req.path.replace(/^\/marketplace/, ''), correlationId }, status);
	}

	protected notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		this.correlate(res);
		this.err(req, res, 404, `Resource not found: ${req.method} ${req.path}`, 'NOT_FOUND');
	}

	protected serverError(error: unknown, req: SimulatorRequest, res: SimulatorResponse): void {
		this.correlate(res);
		this.err(req, res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL_ERROR');
	}

	/** "Every response carries an X-Correlation-ID header" (spec v1.15), `a8n-<uuid>` (cb-error-schema-v11). */
	private correlate(res: SimulatorResponse): string {
		const id = `a8n-${randomUUID()}`;
		res.header('X-Correlation-ID', id);
		return id;
	}

	private takeGatewayTimeout(method: string, path: string): GatewayTimeout | undefined {
		const index = this.gatewayTimeouts.findIndex(
			(t) => t.left > 0 && (!t.method || t.method.toUpperCase() === method) && (t.path === path || this.routeMatches(t.path, path)),
		);
		if (index === -1) return undefined;
		const timeout = this.gatewayTimeouts[index];
		timeout.left--;
		if (timeout.left === 0) this.gatewayTimeouts.splice(index, 1);
		return timeout;
	}

	private routeMatches(pattern: string, path: string): boolean {
		const p = pattern.split('/').filter(Boolean);
		const a = path.split('/').filter(Boolean);
		return p.length === a.length && p.every((part, i) => part.startsWith(':') || part === a[i]);
	}

	/* ------------------------------------------------------------------ the gateway */

	/** Registers an API route behind the gateway: correlation id, rate limit, subscription key, bearer token. */
	private api(method: 'GET' | 'POST' | 'PATCH', path: string, handler: (req: SimulatorRequest, res: SimulatorResponse) => void): void {
		this.route(method, `/marketplace${path}`, (req, res) => {
			const timeout = this.takeGatewayTimeout(method, req.path.replace(/^\/marketplace/, ''));
			if (timeout && !timeout.afterHandling) return res.status(504).send(NGINX_504, 'text/html');
			this.correlate(res);
			if (!this.allowCall(res)) return;
			if (!this.keyOk(req, res)) return;
			const auth = String(req.headers.authorization ?? '');
			const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
			const issued = token ? this.tokens.get(token) : undefined;
			if (!issued) return this.err(req, res, 401, 'The access token is missing or invalid', 'UNAUTHORIZED');
			issued.uses++;
			if (this.now() >= issued.expiresAt || (this.tokenMaxUses !== undefined && issued.uses > this.tokenMaxUses)) {
				return this.err(req, res, 401, 'The access token has expired', 'TOKEN_EXPIRED');
			}
			if (timeout) {
				handler(req, discarded());
				return res.status(504).send(NGINX_504, 'text/html');
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
			// ASSUMPTION: Azure API Management's own answer to an exceeded rate-limit policy (providers.md: no numbers published).
			res.json({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${wait} seconds.` }, 429);
			return false;
		}
		this.recentCalls.push(now);
		return true;
	}

	private keyOk(req: SimulatorRequest, res: SimulatorResponse): boolean {
		if (req.headers['x-subscription-key'] === this.account.subscriptionKey) return true;
		// ASSUMPTION: Azure API Management's answer to a missing or wrong subscription key.
		res.json(
			{ statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' },
			401,
		);
		return false;
	}

	private issue(): { token: string; expiresIn: number } {
		// The spec's example token is a base64url JSON blob, not a three-part JWT (cb-token): opaque.
		const token = `eyJ${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { expiresAt: this.now() + this.scaled(this.tokenLifetimeSeconds * 1000), uses: 0 });
		return { token, expiresIn: this.tokenLifetimeSeconds };
	}

	/** `{data, pagination: {offset, limit, total}}` (spec Pagination: offset default 0, limit default 10; cb-pagination-envelope). */
	private page(res: SimulatorResponse, req: SimulatorRequest, list: Obj[]): void {
		const offset = Number(str(req.query.offset) ?? 0);
		const limit = Number(str(req.query.limit) ?? 10);
		if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
			return this.err(req, res, 400, 'offset must be >= 0 and limit >= 1', 'VALIDATION_ERROR', { offset: [String(offset)], limit: [String(limit)] });
		}
		res.json({ data: list.slice(offset, offset + limit), pagination: { offset, limit, total: list.length } });
	}

	/** A single object, bare (the spec's schemas) or in `{data}` when `wrapSingleObjects` (the spec's links). */
	private single(res: SimulatorResponse, object: Obj, status = 200, wrap = false): void {
		res.json(wrap && this.wrapSingleObjects ? { data: object } : object, status);
	}

	private byId(req: SimulatorRequest, res: SimulatorResponse, list: Obj[], what: string): Obj | undefined {
		const found = list.find((x) => x.id === req.params.id);
		if (!found) this.err(req, res, 404, `${what} ${req.params.id} not found`, 'NOT_FOUND');
		return found;
	}

	private validateAccount(req: SimulatorRequest, res: SimulatorResponse, body: Obj, reseller = false): boolean {
		// spec Customer / Reseller: name, address, contactPersons, language (and currency) required; Address: street, postal code, city, country.
		const missing = ['name', 'address', 'contactPersons', 'language', ...(reseller ? ['currency'] : [])].filter(
			(f) => body[f] === undefined || body[f] === '' || (Array.isArray(body[f]) && (body[f] as unknown[]).length === 0),
		);
		const address = (body.address ?? {}) as Obj;
		if (body.address) for (const f of ['streetAddress', 'postalCode', 'city', 'countryCode']) if (!address[f]) missing.push(`address.${f}`);
		if (missing.length) {
			this.err(req, res, 400, `Required fields are missing: ${missing.join(', ')}`, 'VALIDATION_ERROR', Object.fromEntries(missing.map((f) => [f, ['is required']])));
			return false;
		}
		return true;
	}

	/** The Account fields of a create body; `login` and `password` are write-only (spec ContactPerson). */
	private accountOf(body: Obj): Obj {
		const contacts = ((body.contactPersons ?? []) as Obj[]).map(({ login: _login, password: _password, ...contact }) => contact);
		return { status: 'active', attributes: {}, ...body, contactPersons: contacts };
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

	/** spec getOrders: creationTimeFrom/To are `format: date-time`. */
	private orderFilter(req: SimulatorRequest, list: Obj[]): Obj[] {
		const q = (k: string) => str(req.query[k]);
		const from = q('creationTimeFrom') ? Date.parse(q('creationTimeFrom') as string) : undefined;
		const to = q('creationTimeTo') ? Date.parse(q('creationTimeTo') as string) : undefined;
		const subscription = q('subscriptionId');
		return list.filter(
			(o) =>
				(!q('customerId') || o.customerId === q('customerId')) &&
				(!q('orderNumber') || o.orderNumber === q('orderNumber')) &&
				(!q('status') || o.status === q('status')) &&
				(!q('statusCode') || o.statusCode === q('statusCode')) &&
				(!subscription || o.subscriptionId === subscription || ((o.products ?? []) as Obj[]).some((p) => p.subscriptionId === subscription)) &&
				(from === undefined || Date.parse(String(o.creationDate)) >= from) &&
				(to === undefined || Date.parse(String(o.creationDate)) <= to),
		);
	}

	/** spec OrderDetailed as answered: without the fields the spec marks writeOnly (the migration fields, planId...). */
	private orderView(order: Obj): Obj {
		const view: Obj = {};
		for (const [key, value] of Object.entries(order)) if (!ORDER_WRITE_ONLY.has(key)) view[key] = value;
		return view;
	}

	/** spec Order (the list item): OrderDetailed without its product lines. */
	private orderListItem(order: Obj): Obj {
		const { products: _products, ...item } = this.orderView(order);
		return item;
	}

	/** spec Subscription (the list item): SubscriptionDetailed without prices, products, parameters and planId. */
	private subscriptionListItem(subscription: Obj): Obj {
		const { totalPrice: _p, products: _l, planId: _id, ...item } = subscription;
		return item;
	}

	private updateAccount(target: Obj, body: Obj): void {
		for (const key of ['externalId', 'name', 'taxRegId', 'status', 'address', 'contactPersons', 'attributes']) {
			if (body[key] !== undefined) target[key] = body[key];
		}
	}

	private registerRoutes(): void {
		/* ---- native token (spec generateAuthToken, cb-token, cb-token-onify): Basic username:password + X-Subscription-Key, JSON {marketplace} */
		this.post('/marketplace/token', (req, res) => {
			this.correlate(res);
			if (!this.keyOk(req, res)) return;
			const basic = /^Basic\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
			const [user, ...rest] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
			if (user !== this.account.username || rest.join(':') !== this.account.password) {
				return this.err(req, res, 401, 'Invalid username or password', 'UNAUTHORIZED');
			}
			const marketplace = (req.body as Obj | undefined)?.marketplace;
			if (marketplace !== undefined && marketplace !== this.account.marketplace) {
				return this.err(req, res, 400, `Unknown marketplace "${String(marketplace)}"`, 'VALIDATION_ERROR', { marketplace: ['is unknown'] });
			}
			const { token, expiresIn } = this.issue();
			res.json({ token, expiresInSeconds: expiresIn });
		});

		/* ---- Keycloak password grant (providers.md, the existing community node); errors as RFC 6749 section 5.2 */
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

		/*
		 * ---- anonymous Azure blob storage behind SAS links (seed 001 and cb-reports-get show
		 * `https://<account>.blob.core.windows.net/rdecontainer/<file>?sig=...&st=...&se=...`). The
		 * XML error is Azure Storage's (ASSUMPTION: no document of ours shows one).
		 */
		this.get('/blob/rdecontainer/:file', (req, res) => {
			const stored = [...this.reports.values()].find((r) => this.blobName(r) === req.params.file);
			res.header('x-ms-request-id', randomUUID());
			const authFailed = (why: string) =>
				res
					.status(403)
					.send(
						`<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. ${why}</Message></Error>`,
						'application/xml',
					);
			if (req.headers.authorization) return authFailed('An Authorization header must not be sent with a SAS.');
			const [sig, st, se] = [str(req.query.sig), str(req.query.st), str(req.query.se)];
			if (!stored || !sig || !st || !se || sig !== this.sign(req.params.file, st, se)) return authFailed('Signature did not match.');
			if (stored.expired || Date.parse(se) < this.now()) return authFailed('Signed expiry time must be after signed start time.');
			const body = this.reportFile(String(stored.report.id));
			if (this.cutFilesAfter !== undefined) {
				res.raw.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
				res.raw.write(body.subarray(0, this.cutFilesAfter), () => res.raw.destroy());
				return;
			}
			res.header('content-length', body.length);
			res.send(body, 'application/octet-stream');
		});

		/* ---- reports (RDE): list per `reportList` (see the file comment) */
		this.api('GET', '/reports', (req, res) => {
			const q = (k: string) => str(req.query[k]);
			const from = q('from');
			const to = q('to');
			if (this.requireReportPeriod && this.reportList === 'rde-howto' && (!from || !to)) {
				// The how-to: "a request contains the following query parameters: from ... to".
				return this.err(req, res, 400, 'The query parameters from and to are required', 'VALIDATION_ERROR', { from: ['is required'], to: ['is required'] });
			}
			const inPeriod = (r: Obj) => (!from || String(r.creationDate).slice(0, 10) >= from) && (!to || String(r.creationDate).slice(0, 10) <= to);
			const format = q('format')?.toLowerCase().replace('xslx', 'xlsx');
			const ofFormat = (r: Obj) => !format || String(r.format).toLowerCase() === format;
			if (this.reportList === 'rde-howto') {
				// Seed 001: items with name, format (upper case), creationDate, downloadUrl only; "offset is always zero and limit equals total".
				const data = [...this.reports.values()]
					.map((r) => this.howToItem(r))
					.filter((r): r is Obj => !!r && inPeriod(r) && ofFormat(r));
				return res.json({ data, pagination: { offset: 0, limit: data.length, total: data.length } });
			}
			const list = [...this.reports.values()]
				.map((r) => this.reportView(r))
				.filter(
					(r) =>
						inPeriod(r) &&
						ofFormat(r) &&
						(!q('name') || r.name === q('name')) &&
						(!q('status') || r.status === q('status')) &&
						(!q('type') || r.type === q('type')),
				);
			// cb-reports-list-schema notes: in v1.1 the /reports list had no pagination object.
			if (this.reportList === 'marketplace-1.1') return res.json({ data: list });
			this.page(res, req, list);
		});
		/* spec createReport (cb-reports-create: status submitted; seed 001's schedule example answers a completed report) */
		this.api('POST', '/reports', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			const missing = ['name', 'startDate'].filter((f) => !body[f]);
			if (missing.length) {
				return this.err(req, res, 400, `Required fields are missing: ${missing.join(', ')}`, 'VALIDATION_ERROR', Object.fromEntries(missing.map((f) => [f, ['is required']])));
			}
			if (body.format && !REPORT_FORMATS.includes(String(body.format).toLowerCase() as ReportFormat)) {
				return this.err(req, res, 400, `Unknown format "${String(body.format)}"`, 'VALIDATION_ERROR', { format: ['must be one of json, csv, xml, xlsx'] });
			}
			if (Number.isNaN(Date.parse(String(body.startDate)))) return this.err(req, res, 400, 'startDate is not a date-time', 'VALIDATION_ERROR');
			const stored = this.storeReport(body);
			res.json(this.reportView(stored), 201);
		});
		/* spec getReportById (cb-reports-get) */
		this.api('GET', '/reports/:id', (req, res) => {
			const stored = this.reports.get(req.params.id);
			if (!stored) return this.err(req, res, 404, `Report ${req.params.id} not found`, 'NOT_FOUND');
			res.json(this.reportView(stored));
		});

		/* ---- customers: spec getCustomers (cb-customers-list), createCustomer (cb-customers-create; bare, or wrapped when switched on), getCustomerById, updateCustomer */
		this.api('GET', '/customers', (req, res) => this.page(res, req, this.accountFilter(req, this.customers)));
		this.api('POST', '/customers', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(req, res, body)) return;
			const customer = { ...this.accountOf(body), id: String(1000001 + this.customers.length), resellerId: String(this.resellers[0].id) };
			this.customers.push(customer);
			this.single(res, customer, 201, true);
		});
		this.api('GET', '/customers/:id', (req, res) => {
			const c = this.byId(req, res, this.customers, 'Customer');
			if (c) this.single(res, c);
		});
		this.api('PATCH', '/customers/:id', (req, res) => {
			const c = this.byId(req, res, this.customers, 'Customer');
			if (!c) return;
			this.updateAccount(c, (req.body ?? {}) as Obj);
			this.single(res, c);
		});

		/* ---- resellers: spec getResellers, createReseller, getResellerCustomerById, updateReseller, getResellerCustomers, createCustomerForReseller, getResellerOrders */
		this.api('GET', '/resellers', (req, res) => this.page(res, req, this.accountFilter(req, this.resellers)));
		this.api('POST', '/resellers', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(req, res, body, true)) return;
			const reseller = { ...this.accountOf(body), id: String(2000001 + this.resellers.length) };
			this.resellers.push(reseller);
			this.single(res, reseller, 201);
		});
		this.api('GET', '/resellers/:id', (req, res) => {
			const r = this.byId(req, res, this.resellers, 'Reseller');
			if (r) this.single(res, r);
		});
		this.api('PATCH', '/resellers/:id', (req, res) => {
			const r = this.byId(req, res, this.resellers, 'Reseller');
			if (!r) return;
			this.updateAccount(r, (req.body ?? {}) as Obj);
			this.single(res, r);
		});
		this.api('GET', '/resellers/:id/customers', (req, res) => {
			if (!this.byId(req, res, this.resellers, 'Reseller')) return;
			this.page(res, req, this.accountFilter(req, this.customers.filter((c) => c.resellerId === req.params.id)));
		});
		this.api('POST', '/resellers/:id/customers', (req, res) => {
			if (!this.byId(req, res, this.resellers, 'Reseller')) return;
			const body = (req.body ?? {}) as Obj;
			if (!this.validateAccount(req, res, body)) return;
			const customer = { ...this.accountOf(body), id: String(1000001 + this.customers.length), resellerId: req.params.id };
			this.customers.push(customer);
			this.single(res, customer, 201, true);
		});
		this.api('GET', '/resellers/:id/orders', (req, res) => {
			if (!this.byId(req, res, this.resellers, 'Reseller')) return;
			const own = new Set(this.customers.filter((c) => c.resellerId === req.params.id).map((c) => c.id));
			this.page(res, req, this.orderFilter(req, this.orders.filter((o) => own.has(o.customerId))).map((o) => this.orderListItem(o)));
		});

		/* ---- orders: spec getOrders, createOrder, estimateOrder, getOrderDetails, updateOrder; the orders how-to body */
		const orderInput = (req: SimulatorRequest, res: SimulatorResponse): Obj | undefined => {
			const body = (req.body ?? {}) as Obj;
			if (!body.customerId) return void this.err(req, res, 400, 'customerId is required', 'VALIDATION_ERROR', { customerId: ['is required'] });
			if (!this.customers.some((c) => c.id === body.customerId)) {
				return void this.err(req, res, 400, `Customer ${String(body.customerId)} does not exist`, 'VALIDATION_ERROR', { customerId: ['does not exist'] });
			}
			if (body.type && !ORDER_TYPES.includes(String(body.type))) return void this.err(req, res, 400, `Unknown order type "${String(body.type)}"`, 'VALIDATION_ERROR');
			const products = (body.products ?? []) as Obj[];
			if (!products.length) return void this.err(req, res, 400, 'products must not be empty', 'VALIDATION_ERROR', { products: ['must not be empty'] });
			const unknown = products.find((p) => !this.products.some((x) => x.mpn === p.mpn));
			if (unknown) return void this.err(req, res, 400, `Unknown product MPN "${String(unknown.mpn)}"`, 'VALIDATION_ERROR', { products: ['unknown mpn'] });
			const badQuantity = products.find((p) => p.quantity !== undefined && !Number.isFinite(Number(p.quantity)));
			if (badQuantity) return void this.err(req, res, 400, `quantity "${String(badQuantity.quantity)}" is not a number`, 'VALIDATION_ERROR', { quantity: ['is not a number'] });
			return body;
		};
		this.api('GET', '/orders', (req, res) => this.page(res, req, this.orderFilter(req, this.orders).map((o) => this.orderListItem(o))));
		this.api('POST', '/orders', (req, res) => {
			const body = orderInput(req, res);
			if (!body) return;
			if (body.type === 'change') {
				// The business conflict a real client met, answered as HTTP 500 (cb-orders-create-conflict-500).
				for (const line of (body.products ?? []) as Obj[]) {
					const busy = this.orders.find(
						(o) => o.type === 'change' && ['submitted', 'processing'].includes(String(o.status)) && ((o.products ?? []) as Obj[]).some((p) => p.subscriptionId === line.subscriptionId),
					);
					if (line.subscriptionId && busy) {
						return this.err(
							req,
							res,
							500,
							`Cannot Upgrade/Downgrade Resources for Subscription #${String(line.subscriptionId)}: there is already an Upgrade/Downgrade Order #${String(busy.orderNumber)} in status Provisioning is in progress(LO). This order prohibits placing an order of the same order type (per subscription). Please either cancel conflicting order or wait until it is processed by the system.`,
							'CONFLICT',
						);
					}
				}
			}
			const order = this.newOrder({ type: 'sales', ...body });
			this.orders.push(order);
			this.single(res, this.orderView(order), 201, true);
		});
		this.api('POST', '/orders/estimate', (req, res) => {
			const body = orderInput(req, res);
			if (!body) return;
			const { id: _id, orderNumber: _n, status: _s, statusCode: _c, creationDate: _d, ...estimate } = this.orderView(this.newOrder({ type: 'sales', ...body }));
			this.orderCounter--;
			res.json(estimate);
		});
		this.api('GET', '/orders/:id', (req, res) => {
			const o = this.byId(req, res, this.orders, 'Order');
			if (o) this.single(res, this.orderView(o));
		});
		this.api('PATCH', '/orders/:id', (req, res) => {
			const o = this.byId(req, res, this.orders, 'Order');
			if (!o) return;
			const body = (req.body ?? {}) as Obj;
			if (body.creditCheck !== undefined) o.creditCheck = body.creditCheck;
			if (body.statusCode !== undefined) o.statusCode = body.statusCode;
			this.single(res, this.orderView(o));
		});

		/* ---- subscriptions: spec getSubscriptions (creationDateFrom/To `format: date`), getSubscription (cb-subscriptions-get), updateSubscription */
		this.api('GET', '/subscriptions', (req, res) => {
			const q = (k: string) => str(req.query[k]);
			const from = q('creationDateFrom');
			const to = q('creationDateTo');
			this.page(
				res,
				req,
				this.subscriptions
					.filter(
						(s) =>
							(!q('customerId') || s.customerId === q('customerId')) &&
							(!q('status') || s.status === q('status')) &&
							(!from || String(s.creationDate) >= from) &&
							(!to || String(s.creationDate) <= to),
					)
					.map((s) => this.subscriptionListItem(s)),
			);
		});
		this.api('GET', '/subscriptions/:id', (req, res) => {
			const s = this.byId(req, res, this.subscriptions, 'Subscription');
			if (s) this.single(res, s);
		});
		const updatePrices = (s: Obj, lines: Obj[]) => {
			for (const line of lines) {
				const own = ((s.products ?? []) as Obj[]).find((p) => p.mpn === line.mpn || (line.id !== undefined && p.id === line.id));
				if (!own) continue;
				for (const key of ['unitPrice', 'unitCost', 'unitProviderCost']) if (line[key] !== undefined) own[key] = line[key];
			}
		};
		this.api('PATCH', '/subscriptions/:id', (req, res) => {
			const s = this.byId(req, res, this.subscriptions, 'Subscription');
			if (!s) return;
			const body = (req.body ?? {}) as Obj;
			if (body.renewalStatus !== undefined) s.renewalStatus = body.renewalStatus;
			if (body.attributes !== undefined) s.attributes = { ...(s.attributes as Obj), ...(body.attributes as Obj) };
			if (Array.isArray(body.products)) updatePrices(s, body.products as Obj[]);
			this.single(res, s);
		});

		/*
		 * ---- special pricing: spec updateSubscriptionSpecialPricing, body SubscriptionUpdateSpecialPricing
		 * `{products: [SubscriptionProductUpdate {mpn, id, unitPrice {currency, amount}, ...}]}`, answer
		 * SubscriptionDetailed (empty when `emptySpecialPricingAnswer`).
		 */
		this.api('POST', '/subscriptions/:id/specialPricing', (req, res) => {
			const s = this.byId(req, res, this.subscriptions, 'Subscription');
			if (!s) return;
			const body = (req.body ?? {}) as Obj;
			const products = body.products;
			if (!Array.isArray(products) || products.length === 0) {
				return this.err(req, res, 400, 'products must be a non-empty array', 'VALIDATION_ERROR', { products: ['is required'] });
			}
			const own = new Set(((s.products ?? []) as Obj[]).map((p) => p.mpn));
			for (const line of products as Obj[]) {
				if (!own.has(line.mpn)) {
					return this.err(req, res, 400, `Product "${String(line.mpn)}" is not part of subscription ${String(s.id)}`, 'VALIDATION_ERROR', { mpn: ['not in subscription'] });
				}
				for (const key of ['unitPrice', 'unitCost', 'unitProviderCost']) {
					const money = line[key] as Obj | undefined;
					if (money === undefined) continue;
					const amount = Number(money.amount);
					if (typeof money.amount !== 'string' || !Number.isFinite(amount) || amount < 0) {
						return this.err(req, res, 400, `${key}.amount of "${String(line.mpn)}" must be a non-negative amount as a string`, 'VALIDATION_ERROR', { [key]: ['is invalid'] });
					}
				}
			}
			updatePrices(s, products as Obj[]);
			if (this.emptySpecialPricingAnswer) return res.status(204).send('');
			this.single(res, s);
		});

		/*
		 * ---- activation parameter validation: spec validateParameters, body ParameterValidationRequest
		 * `{customerId, type, products: [{mpn, parameters: [{name, value}]}]}`, answer
		 * ResultListParameterValidationResult `{data: [{mpn, vendor, parameters: [{name, value, result, message}]}], pagination}`.
		 * ASSUMPTION (the rule, not the shape): Microsoft 365 and Workspace products need a `domain` holding a domain name.
		 */
		this.api('POST', '/validation/parameters', (req, res) => {
			const body = (req.body ?? {}) as Obj;
			if (!body.customerId) return this.err(req, res, 400, 'customerId is required', 'VALIDATION_ERROR', { customerId: ['is required'] });
			const products = body.products;
			if (!Array.isArray(products) || products.length === 0) {
				return this.err(req, res, 400, 'products must be a non-empty array', 'VALIDATION_ERROR', { products: ['is required'] });
			}
			const unknown = (products as Obj[]).find((line) => !this.products.some((p) => p.mpn === line.mpn));
			if (unknown) return this.err(req, res, 400, `Unknown product MPN "${String(unknown.mpn)}"`, 'VALIDATION_ERROR', { products: ['unknown mpn'] });
			const data = (products as Obj[]).map((line) => {
				const product = this.products.find((p) => p.mpn === line.mpn) as Obj;
				const given = (line.parameters ?? []) as Obj[];
				const parameters: Obj[] = given.map((p) => ({ name: p.name, value: p.value, result: 'success', message: 'Parameter value accepted.' }));
				if (['Microsoft 365', 'Workspace'].includes(String(product.serviceName))) {
					const domain = given.find((p) => p.name === 'domain')?.value;
					const checked = parameters.find((p) => p.name === 'domain');
					const error = (message: string) => ({ name: 'domain', value: domain ?? '', result: 'error', message, valueError: message });
					if (domain === undefined || domain === '') {
						if (checked) Object.assign(checked, error('The parameter is required.'));
						else parameters.push(error('The parameter is required.'));
					} else if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i.test(String(domain))) {
						Object.assign(checked as Obj, error(`"${String(domain)}" is not a valid domain name.`));
					} else if (checked) {
						checked.message = 'Domain available to purchase.';
					}
				}
				return { mpn: line.mpn, vendor: product.vendor, parameters };
			});
			res.json({ data, pagination: { offset: 0, limit: data.length, total: data.length } });
		});

		/* ---- catalog: spec getCatalog (Product), getServicePlans (ServicePlan), getServicePlanById (ServicePlanDetailed) */
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
			const p = this.byId(req, res, this.plans, 'Plan');
			if (!p) return;
			const others = this.plans.filter((x) => x.id !== p.id).slice(0, 2);
			this.single(res, {
				...p,
				planSwitches: others.map((x) => ({
					planId: Number(x.id),
					subscriptionPeriod: { type: 'year', duration: 1 },
					billingPolicy: 'prorate_keeping_exp_date',
					whenEffective: 'immediately',
					sourceSubscriptionPeriod: { type: 'year', duration: 1 },
				})),
			});
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
