/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Base for provider simulators: a real HTTP server on 127.0.0.1 (free port) that nodes reach
 * through n8n's own request helpers. Subclass it (routes in the constructor) or compose it.
 *
 * ```ts
 * class FooSimulator extends Simulator {
 *   constructor() {
 *     super({ name: 'foo', timeScale: 0.001 });              // provider delays run 1000x faster
 *     this.post('/oauth/token', (_req, res) => res.json({ access_token: 'tok-1' }));
 *     this.get('/v1/reports/:id', async (req, res) => {
 *       await this.delay(30_000);                              // "30 s" of provider work = 30 ms
 *       res.json({ id: req.params.id, page: req.query.page });  // req.body (JSON/form), req.rawBody (Buffer)
 *     });
 *   }
 * }
 * const sim = await new FooSimulator().start();               // sim.url = http://127.0.0.1:<port>
 * sim.injectFault({ path: '/v1/reports/:id', status: 429, headers: { 'retry-after': '1' } });
 * expect(sim.count({ path: '/v1/reports/:id', status: 429 })).toBe(1);   // the request log
 * await sim.stop();                                            // closes keep-alive sockets too
 * ```
 * Routes registered with `{ stream: true }` get the unread `req.incoming` (large uploads).
 *
 * Every provider folder also has a `demo.ts`: its simulator with realistic seeded data, started the
 * one way the demo (`npm start`), `serve.ts` and the tests use, as a `SimulatorDemo`.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export type Query = Record<string, string | string[]>;

export interface SimulatorRequest {
	method: string;
	/** Path without the query string, e.g. `/v1/reports/42`. */
	path: string;
	/** Values of `:name` segments of the matched route. */
	params: Record<string, string>;
	query: Query;
	headers: IncomingHttpHeaders;
	/** The whole body (empty for `{ stream: true }` routes). */
	rawBody: Buffer;
	/** Parsed JSON (`application/json`, `+json`) or form (`x-www-form-urlencoded`) body, else undefined. */
	body: unknown;
	/** The underlying Node request; unread for `{ stream: true }` routes. */
	incoming: IncomingMessage;
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: Query;
	headers: IncomingHttpHeaders;
	/** Milliseconds from `clock.now()` when the request arrived. */
	timestamp: number;
	/** Response status, set once the response is finished (undefined while in flight). */
	status?: number;
	bodyBytes: number;
}

export type RouteHandler = (req: SimulatorRequest, res: SimulatorResponse) => void | Promise<void>;

export interface RouteOptions {
	/** Do not buffer the body: the handler reads `req.incoming` itself. */
	stream?: boolean;
}

export interface Fault {
	method?: string;
	/** A route pattern (`/v1/items/:id`) or exact path; matches every path when omitted. */
	path?: string;
	/** How many matching requests get the fault (default 1). */
	times?: number;
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Milliseconds (scaled by `timeScale`) to wait before answering. */
	delayMs?: number;
}

export interface SimulatorClock {
	now(): number;
}

export interface SimulatorOptions {
	/** Shown in error messages. */
	name?: string;
	/** Factor applied by `delay()` / `scaled()`: 0.001 turns a provider's 60 s into 60 ms. Default 1. */
	timeScale?: number;
	/** Largest JSON/form body that is parsed; larger ones get 413. Default 1 MiB. */
	maxJsonBytes?: number;
	/** Largest buffered body of any type; larger ones get 413. Default 64 MiB. */
	maxBodyBytes?: number;
	/** Source of `timestamp` in the log and of `now()`. Default `Date`. */
	clock?: SimulatorClock;
}

interface Route {
	method: string;
	pattern: string;
	match: (path: string) => Record<string, string> | undefined;
	handler: RouteHandler;
	options: RouteOptions;
}

/** Compiles `/a/:id/*` into a matcher returning the params (`*` captures the rest as `params['*']`). */
export function compilePattern(pattern: string): (path: string) => Record<string, string> | undefined {
	const names: string[] = [];
	const source = pattern
		.split('/')
		.map((segment) => {
			if (segment === '*') {
				names.push('*');
				return '(.*)';
			}
			if (segment.startsWith(':')) {
				names.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	const regex = new RegExp(`^${source}/?$`);
	return (path) => {
		const found = regex.exec(path);
		if (!found) return undefined;
		const params: Record<string, string> = {};
		names.forEach((name, index) => {
			params[name] = decodeURIComponent(found[index + 1]);
		});
		return params;
	};
}

function parseQuery(search: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of search) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

class BodyTooLargeError extends Error {}

class InvalidJsonError extends Error {}

async function readBody(incoming: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of incoming) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new BodyTooLargeError(`Body larger than ${limit} bytes`);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** A thin wrapper over Node's response with chainable helpers. */
export class SimulatorResponse {
	constructor(readonly raw: ServerResponse) {}

	get sent(): boolean {
		return this.raw.writableEnded;
	}

	status(code: number): this {
		this.raw.statusCode = code;
		return this;
	}

	header(name: string, value: string | number | string[]): this {
		this.raw.setHeader(name, value);
		return this;
	}

	headers(values: Record<string, string | number | string[]>): this {
		for (const [name, value] of Object.entries(values)) this.raw.setHeader(name, value);
		return this;
	}

	json(body: unknown, status?: number): void {
		if (status !== undefined) this.status(status);
		if (!this.raw.hasHeader('content-type')) this.raw.setHeader('content-type', 'application/json; charset=utf-8');
		this.raw.end(JSON.stringify(body));
	}

	send(body: string | Buffer = '', contentType?: string): void {
		if (contentType) this.raw.setHeader('content-type', contentType);
		this.raw.end(body);
	}

	/** Sends an empty response with the status (e.g. `res.end(204)`). */
	end(status?: number): void {
		if (status !== undefined) this.status(status);
		this.raw.end();
	}

	/** Pipes a stream (or an iterable of chunks) as the body, chunked unless a length is given. */
	async stream(
		source: Readable | Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
		options: { contentType?: string; contentLength?: number; status?: number } = {},
	): Promise<void> {
		if (options.status !== undefined) this.status(options.status);
		if (options.contentType) this.raw.setHeader('content-type', options.contentType);
		if (options.contentLength !== undefined) this.raw.setHeader('content-length', options.contentLength);
		const readable = source instanceof Readable ? source : Readable.from(source);
		await new Promise<void>((resolve, reject) => {
			readable.on('error', reject);
			this.raw.on('close', resolve);
			this.raw.on('finish', resolve);
			readable.pipe(this.raw);
		});
	}
}

/** A provider simulator with its demo data, running: what the demo, the benchmarks and tests get. */
export interface SimulatorDemo<S extends Simulator = Simulator> {
	/** The provider as its documents name it, e.g. `4YouSee Manager`. */
	provider: string;
	/** The n8n credential type of the demo credential. */
	credentialType: string;
	/** The Base URL the demo credential points at. */
	url: string;
	/** The demo credential's data, pointing at `url`. */
	credentials: Record<string, unknown>;
	/** The seeded accounts a person trying it by hand needs (tokens, ids, customers), first the credential's own. */
	accounts: Array<Record<string, unknown>>;
	simulator: S;
	stop(): Promise<void>;
}

/** How a demo is started: `port` for a fixed address (default a free port). */
export interface SimulatorDemoOptions {
	port?: number;
}

/**
 * The HTTP server behind every provider simulator. Subclass it and register routes in the
 * constructor, or compose it (`sim.get(...)`) from a test.
 */
export class Simulator {
	readonly name: string;

	/** Every request received, in arrival order. */
	readonly requests: LoggedRequest[] = [];

	/** Factor applied to provider delays (`delay()`, `scaled()`, fault `delayMs`). */
	timeScale: number;

	clock: SimulatorClock;

	protected readonly maxJsonBytes: number;

	protected readonly maxBodyBytes: number;

	private readonly routes: Route[] = [];

	private readonly faults: Array<Fault & { match: (path: string) => unknown; left: number }> = [];

	private readonly sockets = new Set<Socket>();

	private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

	private server?: Server;

	private port?: number;

	constructor(options: SimulatorOptions = {}) {
		this.name = options.name ?? 'simulator';
		this.timeScale = options.timeScale ?? 1;
		this.maxJsonBytes = options.maxJsonBytes ?? 1024 * 1024;
		this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
		this.clock = options.clock ?? { now: () => Date.now() };
	}

	/** `http://127.0.0.1:<port>`, without a trailing slash. Throws before `start()`. */
	get url(): string {
		if (this.port === undefined) throw new Error(`${this.name}: call start() before reading url`);
		return `http://127.0.0.1:${this.port}`;
	}

	route(method: HttpMethod | '*', pattern: string, handler: RouteHandler, options: RouteOptions = {}): this {
		this.routes.push({ method, pattern, match: compilePattern(pattern), handler, options });
		return this;
	}

	get(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
		return this.route('GET', pattern, handler, options);
	}

	post(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
		return this.route('POST', pattern, handler, options);
	}

	put(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
		return this.route('PUT', pattern, handler, options);
	}

	patch(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
		return this.route('PATCH', pattern, handler, options);
	}

	delete(pattern: string, handler: RouteHandler, options?: RouteOptions): this {
		return this.route('DELETE', pattern, handler, options);
	}

	/** Makes the next `times` matching requests fail with the given response (checked before routes). */
	injectFault(fault: Fault): this {
		const match = fault.path === undefined ? () => ({}) : compilePattern(fault.path);
		this.faults.push({ ...fault, match, left: fault.times ?? 1 });
		return this;
	}

	/** Number of logged requests matching all given fields (`path` may be a route pattern). */
	count(filter: { method?: string; path?: string; status?: number } = {}): number {
		return this.find(filter).length;
	}

	find(filter: { method?: string; path?: string; status?: number } = {}): LoggedRequest[] {
		const matchPath = filter.path === undefined ? undefined : compilePattern(filter.path);
		return this.requests.filter(
			(entry) =>
				(filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
				(filter.status === undefined || entry.status === filter.status) &&
				(matchPath === undefined || matchPath(entry.path) !== undefined),
		);
	}

	clearLog(): void {
		this.requests.length = 0;
	}

	now(): number {
		return this.clock.now();
	}

	/** A provider duration in this simulator's time: `ms * timeScale`. */
	scaled(ms: number): number {
		return ms * this.timeScale;
	}

	/** Waits a provider duration (scaled). Pending delays end early when the simulator stops. */
	async delay(ms: number): Promise<void> {
		const wait = this.scaled(ms);
		if (wait <= 0) return;
		await new Promise<void>((resolve) => {
			const entry = {
				resolve,
				timer: setTimeout(() => {
					this.timers.delete(entry);
					resolve();
				}, wait),
			};
			this.timers.add(entry);
		});
	}

	/** Listens on 127.0.0.1, on `port` or (default) a free one. */
	async start(options: { port?: number } = {}): Promise<this> {
		if (this.server) return this;
		const server = createServer((incoming, response) => {
			void this.handle(incoming, response);
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		return this;
	}

	/** Closes the server, every open (keep-alive) socket and pending `delay()` timers. */
	async stop(): Promise<void> {
		const { server } = this;
		if (!server) return;
		this.server = undefined;
		for (const entry of this.timers) {
			clearTimeout(entry.timer);
			entry.resolve();
		}
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closed;
	}

	/** Called for requests no route matches. Override for provider-shaped 404s. */
	protected notFound(req: SimulatorRequest, res: SimulatorResponse): void {
		res.json({ error: 'not_found', message: `${this.name}: no route for ${req.method} ${req.path}` }, 404);
	}

	/** Called when a handler throws. Override for provider-shaped 500s. */
	protected serverError(error: unknown, _req: SimulatorRequest, res: SimulatorResponse): void {
		const message = error instanceof Error ? error.message : String(error);
		res.json({ error: 'simulator_error', message: `${this.name}: ${message}` }, 500);
	}

	private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
		const method = (incoming.method ?? 'GET').toUpperCase();
		const entry: LoggedRequest = {
			method,
			path: url.pathname,
			query: parseQuery(url.searchParams),
			headers: { ...incoming.headers },
			timestamp: this.clock.now(),
			bodyBytes: 0,
		};
		this.requests.push(entry);
		response.on('finish', () => {
			entry.status = response.statusCode;
		});
		const res = new SimulatorResponse(response);
		const req: SimulatorRequest = {
			method,
			path: url.pathname,
			params: {},
			query: entry.query,
			headers: incoming.headers,
			rawBody: Buffer.alloc(0),
			body: undefined,
			incoming,
		};

		try {
			let route: Route | undefined;
			for (const candidate of this.routes) {
				if (candidate.method !== '*' && candidate.method !== method) continue;
				const params = candidate.match(url.pathname);
				if (params) {
					route = candidate;
					req.params = params;
					break;
				}
			}

			if (!route?.options.stream) {
				req.rawBody = await readBody(incoming, this.maxBodyBytes);
				entry.bodyBytes = req.rawBody.length;
				req.body = this.parseBody(req);
			}

			const fault = this.takeFault(method, url.pathname);
			if (fault) {
				if (fault.delayMs) await this.delay(fault.delayMs);
				res.headers(fault.headers ?? {});
				if (fault.body === undefined) res.end(fault.status);
				else if (typeof fault.body === 'string' || Buffer.isBuffer(fault.body)) res.status(fault.status).send(fault.body);
				else res.json(fault.body, fault.status);
				return;
			}

			if (!route) {
				this.notFound(req, res);
				return;
			}
			await route.handler(req, res);
		} catch (error) {
			if (response.headersSent) {
				response.destroy();
				return;
			}
			if (error instanceof BodyTooLargeError) {
				res.header('connection', 'close').json({ error: 'payload_too_large', message: error.message }, 413);
				return;
			}
			if (error instanceof InvalidJsonError) {
				res.json({ error: 'invalid_json', message: error.message }, 400);
				return;
			}
			this.serverError(error, req, res);
		}
	}

	private parseBody(req: SimulatorRequest): unknown {
		if (req.rawBody.length === 0) return undefined;
		const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
		const isJson = contentType.includes('application/json') || contentType.includes('+json');
		const isForm = contentType.includes('application/x-www-form-urlencoded');
		if (!isJson && !isForm) return undefined;
		if (req.rawBody.length > this.maxJsonBytes) {
			throw new BodyTooLargeError(`JSON body larger than ${this.maxJsonBytes} bytes`);
		}
		const text = req.rawBody.toString('utf8');
		if (isForm) return parseQuery(new URLSearchParams(text));
		try {
			return JSON.parse(text) as unknown;
		} catch (error) {
			throw new InvalidJsonError(`${this.name}: invalid JSON body (${(error as Error).message})`);
		}
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				fault.left > 0 &&
				(fault.method === undefined || fault.method.toUpperCase() === method) &&
				fault.match(path) !== undefined,
		);
		if (index === -1) return undefined;
		const fault = this.faults[index];
		fault.left -= 1;
		if (fault.left === 0) this.faults.splice(index, 1);
		return fault;
	}
}
