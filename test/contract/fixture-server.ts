/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The contract tests' server: it answers exactly what a recorded case says the provider answered,
 * byte for byte, and nothing else. It is deliberately not a provider simulator: it knows no
 * provider rules, so a node that only works against our own simulators fails here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One recorded exchange, in the format of `test/contract/fixtures/<provider>.json`. */
export interface ShapeCase {
	id: string;
	/** How far to trust the body: literal, literal-trimmed, schema-example, derived... */
	kind: string;
	/** Where it was seen: a public URL, `owner/repo@commit:path`, or a seed document. */
	source: string;
	request: { method: string; path: string; query?: Record<string, string | string[]> | null; headers?: string[]; body?: unknown };
	response: { status: number | string | null; headers?: Record<string, string> | null; body: unknown; results_items?: unknown[] };
	notes?: string;
	direction?: 'inbound';
	[extra: string]: unknown;
}

/** The recorded cases of one provider. */
export function loadCases(provider: 'fouryousee' | 'cloudblue' | 'trust' | 'reportei'): ShapeCase[] {
	return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${provider}.json`), 'utf8')) as ShapeCase[];
}

export function caseById(cases: ShapeCase[], id: string): ShapeCase {
	const found = cases.find((c) => c.id === id);
	if (!found) throw new Error(`No recorded case "${id}"`);
	return found;
}

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	/** A string is sent as it is (HTML pages, invalid JSON); anything else as JSON. */
	body?: unknown;
}

export interface Received {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: string;
}

interface Route {
	method: string;
	/** `/reports/:id` style; a leading `*` matches any prefix (for base URLs with a path). */
	path: string;
	answer: Answer | ((request: Received) => Answer);
	times?: number;
}

function matches(pattern: string, actual: string): boolean {
	const p = pattern.split('/').filter(Boolean);
	const a = actual.split('/').filter(Boolean);
	if (p.length !== a.length) return false;
	return p.every((part, i) => part.startsWith(':') || part === a[i]);
}

/** The answer a recorded case shows, with a status of 200 where the source shows none. */
export function recordedAnswer(shape: ShapeCase): Answer {
	const status = typeof shape.response.status === 'number' ? shape.response.status : Number(shape.response.status) || 200;
	const body = shape.response.body ?? (shape.response.results_items ? { results: shape.response.results_items } : undefined);
	return { status, headers: shape.response.headers ?? undefined, body };
}

export class FixtureServer {
	private server?: Server;
	private routes: Route[] = [];
	readonly received: Received[] = [];
	url = '';

	/** Answers `method path` with `answer` (every time, or the first `times` times). */
	on(method: string, routePath: string, answer: Route['answer'], times?: number): this {
		this.routes.push({ method: method.toUpperCase(), path: routePath, answer, times });
		return this;
	}

	/** Answers a recorded case's request with its recorded response. */
	replay(shape: ShapeCase, routePath = shape.request.path.split('?')[0]): this {
		return this.on(shape.request.method, routePath, recordedAnswer(shape));
	}

	async start(): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.url;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url ?? '/', 'http://fixture');
		const received: Received = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			body: Buffer.concat(chunks).toString('utf8'),
		};
		this.received.push(received);
		const route = this.routes.find(
			(r) => r.method === received.method && matches(r.path, received.path) && (r.times === undefined || r.times > 0),
		);
		if (!route) {
			res.writeHead(599, { 'content-type': 'text/plain' }).end(`No recorded answer for ${received.method} ${received.path}`);
			return;
		}
		if (route.times !== undefined) route.times--;
		const answer = typeof route.answer === 'function' ? route.answer(received) : route.answer;
		const text = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
		const headers = { ...(typeof answer.body === 'string' || answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers };
		res.writeHead(answer.status, headers).end(text);
	}
}
