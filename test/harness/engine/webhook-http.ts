/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Stand-ins for the express request and response n8n hands a webhook trigger, and the webhook
 * fields n8n's webhook service resolves for a node.
 */
import { Readable } from 'node:stream';

import { isExpression, NodeHelpers, UserError, Workflow } from 'n8n-workflow';
import type {
	IHttpRequestMethods,
	INode,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface WebhookRequestInput {
	method?: string;
	/** Header names are lower-cased. `content-type: application/json` is added for object bodies. */
	headers?: Record<string, string | string[]>;
	/** Parsed body (`this.getBodyData()`); derived from `rawBody` when only that is given (JSON). */
	body?: unknown;
	/** Bytes n8n keeps as `req.rawBody`; derived from `body` when only that is given. */
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	params?: Record<string, string>;
}

export interface RecordedResponse {
	/** Status n8n answered with (undefined when the node took over and sent nothing). */
	statusCode?: number;
	headers: Record<string, string | string[] | number>;
	body?: unknown;
	/** True when the node answered itself through `getResponseObject()`. */
	sentByNode: boolean;
}

export function buildRequest(input: WebhookRequestInput, requestPath: string) {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;

	let rawBody: Buffer;
	let body = input.body;
	if (input.rawBody !== undefined) {
		rawBody = Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody);
		if (body === undefined && rawBody.length > 0 && String(headers['content-type'] ?? '').includes('json')) {
			body = JSON.parse(rawBody.toString('utf8')) as unknown;
		}
	} else if (body === undefined) {
		rawBody = Buffer.alloc(0);
	} else if (typeof body === 'string' || Buffer.isBuffer(body)) {
		rawBody = Buffer.from(body);
	} else {
		rawBody = Buffer.from(JSON.stringify(body));
		headers['content-type'] ??= 'application/json';
	}
	headers['content-length'] ??= String(rawBody.length);

	const query = input.query ?? {};
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
	}
	const url = `${requestPath}${search.size ? `?${search.toString()}` : ''}`;
	const getHeader = (name: string) => {
		const value = headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};

	// A readable stream carrying the body, like the express request a node could also pipe.
	return Object.assign(Readable.from(rawBody.length ? [rawBody] : []), {
		method: (input.method ?? 'POST').toUpperCase(),
		url,
		originalUrl: url,
		path: requestPath,
		headers,
		rawHeaders: Object.entries(headers).flatMap(([name, value]) => [name, String(value)]),
		body: body ?? {},
		rawBody,
		query,
		params: input.params ?? {},
		ip: '127.0.0.1',
		hostname: '127.0.0.1',
		protocol: 'http',
		header: getHeader,
		get: getHeader,
	});
}

/** Records what a node sends through `getResponseObject()` (an express Response in n8n). */
export class RecordingResponse {
	statusCode = 200;

	headersSent = false;

	finished = false;

	readonly headers: Record<string, string | string[] | number> = {};

	private chunks: unknown[] = [];

	used = false;

	status(code: number) {
		this.used = true;
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number) {
		return this.status(code).end();
	}

	setHeader(name: string, value: string | string[] | number) {
		this.used = true;
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string | Record<string, string>, value?: string) {
		if (typeof name === 'object') {
			for (const [key, item] of Object.entries(name)) this.setHeader(key, item);
		} else if (value !== undefined) {
			this.setHeader(name, value);
		}
		return this;
	}

	set(name: string | Record<string, string>, value?: string) {
		return this.header(name, value);
	}

	getHeader(name: string) {
		return this.headers[name.toLowerCase()];
	}

	type(contentType: string) {
		return this.setHeader('content-type', contentType);
	}

	writeHead(code: number, headers: Record<string, string> = {}) {
		this.status(code);
		for (const [key, value] of Object.entries(headers)) this.setHeader(key, value);
		this.headersSent = true;
		return this;
	}

	write(chunk: unknown) {
		this.used = true;
		this.headersSent = true;
		this.chunks.push(chunk);
		return true;
	}

	send(body?: unknown) {
		this.used = true;
		if (body !== undefined) this.chunks.push(body);
		return this.end();
	}

	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	end(chunk?: unknown) {
		this.used = true;
		if (chunk !== undefined && typeof chunk !== 'function') this.chunks.push(chunk);
		this.headersSent = true;
		this.finished = true;
		return this;
	}

	on() {
		return this;
	}

	once() {
		return this;
	}

	get body(): unknown {
		if (this.chunks.length === 0) return undefined;
		if (this.chunks.length === 1) {
			const [only] = this.chunks;
			return Buffer.isBuffer(only) ? only.toString('utf8') : only;
		}
		return this.chunks.map((chunk) => (Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk))).join('');
	}
}

/** A webhook description field as n8n resolves it for the node (a literal or an expression). */
export function resolveWebhookField(
	workflow: Workflow,
	node: INode,
	value: unknown,
	mode: WorkflowExecuteMode,
): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isExpression(value)) return String(value);
	const resolved = workflow.expression.getSimpleParameterValue(node, value, mode, {});
	return resolved === undefined ? undefined : String(resolved);
}

/** What n8n's webhook service knows about one of the node's webhooks (method, path, description). */
export function describeWebhook(
	workflow: Workflow,
	node: INode,
	webhookName: string,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
): IWebhookData {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.find(
		(webhook: IWebhookDescription) => webhook.name === webhookName,
	);
	if (!description) throw new UserError(`Node type "${node.type}" has no webhook named "${webhookName}"`);
	return {
		httpMethod: (resolveWebhookField(workflow, node, description.httpMethod, mode) ?? 'POST') as IHttpRequestMethods,
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			resolveWebhookField(workflow, node, description.path, mode) ?? '',
		),
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
		isTest: mode === 'manual',
	};
}
