/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * A bare HTTP server on 127.0.0.1 (a free port) for the shared-layer tests: each request is logged
 * with its headers and arrival time, the handler answers with Node's own response object (so a test
 * can stall, cut or redirect), and `close()` also ends keep-alive and stalled sockets.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
	method: string;
	/** Path and query, as sent. */
	url: string;
	headers: IncomingHttpHeaders;
	/** `Date.now()` when the request arrived. */
	at: number;
	body: string;
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse, seen: SeenRequest) => unknown;

export interface LocalServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	origin: string;
	requests: SeenRequest[];
	/** Sockets that were closed by the client or the server. */
	closedSockets: number;
	close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<LocalServer> {
	const sockets = new Set<Socket>();
	const requests: SeenRequest[] = [];
	const state = { closedSockets: 0 };
	const server = createServer((req, res) => {
		const parts: Buffer[] = [];
		req.on('data', (chunk: Buffer) => parts.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(parts).toString('utf8');
			const seen: SeenRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now(), body };
			requests.push(seen);
			Promise.resolve(handler(Object.assign(req, { body }), res, seen)).catch((error: Error) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: error.message }));
			});
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => {
			sockets.delete(socket);
			state.closedSockets++;
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		origin: url,
		requests,
		get closedSockets() {
			return state.closedSockets;
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers JSON with a status and headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

export const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
