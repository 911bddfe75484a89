/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * A minimal node context for unit tests of the shared core: real HTTP through n8n's own outbound
 * client (the one `helpers.httpRequest` uses), credentials applied as a header, and failures wrapped
 * in NodeApiError exactly as n8n-core's `httpRequestWithAuthentication` wraps them.
 */
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import type { IDataObject, IHttpRequestOptions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_RETRY, type RequestContext, type RetryPolicy } from '../../../nodes/shared/http';

export const testNode: INode = {
	id: 'node-1',
	name: 'Test Node',
	type: 'n8n-nodes-reporting.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface FakeContextOptions {
	credentials?: IDataObject;
	/** Header the credential is sent in, e.g. `Secret-Token`. */
	authHeader?: { name: string; field: string };
	params?: IDataObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

export function fakeContext(options: FakeContextOptions = {}) {
	const send = async (request: IHttpRequestOptions) =>
		await Container.get(OutboundHttp).requests().request(request as never);
	const sent: IHttpRequestOptions[] = [];
	const ctx = {
		sent,
		getNode: () => testNode,
		getCredentials: async () => options.credentials ?? {},
		getInputData: () => options.items ?? [{ json: {} }],
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in (options.params ?? {}) ? options.params![name] : fallback,
		helpers: {
			httpRequest: async (request: IHttpRequestOptions) => {
				sent.push(request);
				return await send(request);
			},
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				const auth = options.authHeader;
				const withAuth = auth
					? { ...request, headers: { ...(request.headers ?? {}), [auth.name]: options.credentials?.[auth.field] } }
					: request;
				sent.push(withAuth);
				try {
					return await send(withAuth);
				} catch (error) {
					throw new NodeApiError(testNode, error as never);
				}
			},
		},
	};
	return ctx;
}

/** The request context the shared layer takes, around a fake node context. */
export function requestFor(ctx: unknown, retry: Partial<RetryPolicy> = {}, itemIndex?: number): RequestContext {
	return { n8n: ctx as RequestContext['n8n'], itemIndex, retry: { ...DEFAULT_RETRY, ...retry }, asTool: false };
}
