/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * providerRequest over real HTTP with n8n's own outbound client: Stop ends every wait and request
 * and is never retried; a credential never follows a redirect to another host; timeouts are
 * bounded and worded; a refused request is reported once, with its status.
 */
import type { IDataObject } from 'n8n-workflow';

import { ExecutionCancelledError } from '../../../nodes/shared/cancel';
import {
	API_TIMEOUT_MS,
	DOWNLOAD_TIMEOUT_MS,
	providerJson,
	providerRequest,
	requestContext,
	timeoutFor,
	type ProviderProfile,
	type RequestContext,
} from '../../../nodes/shared/http';
import { requestOptionsProperty } from '../../../nodes/shared/descriptions';
import { pollUntil } from '../../../nodes/shared/polling';
import { fakeContext, requestFor } from '../support/context';
import { json, startServer, wait, type LocalServer } from './local-server';

const KEY = 'sub-key-7f6e5d4c3b2a';
const TOKEN = 'secret-token-1a2b3c4d5e';

function profile(extra: Partial<ProviderProfile> = {}): ProviderProfile {
	return {
		displayName: 'Example API',
		credentialType: 'exampleApi',
		baseUrlField: 'baseUrl',
		secretFields: ['token', 'key'],
		accountFields: ['baseUrl', 'token'],
		...extra,
	};
}

/** A context whose credential sends a custom header (like X-Subscription-Key or Secret-Token) and a bearer token. */
function contextFor(server: LocalServer, retry: Partial<RequestContext['retry']> = {}, extra: Partial<RequestContext> = {}) {
	const ctx = fakeContext({ credentials: { baseUrl: server.url, token: TOKEN, key: KEY } });
	const withAuth = ctx.helpers.httpRequestWithAuthentication;
	ctx.helpers.httpRequestWithAuthentication = async (type: string, request) =>
		await withAuth(type, { ...request, headers: { ...(request.headers ?? {}), 'X-Subscription-Key': KEY, 'Secret-Token': TOKEN, Authorization: `Bearer ${TOKEN}` } });
	return { ctx, context: { ...requestFor(ctx, { baseDelayMs: 10, ...retry }), ...extra } as RequestContext };
}

describe('Stop', () => {
	let server: LocalServer;
	beforeAll(async () => {
		server = await startServer(async (req, res) => {
			if (req.url?.startsWith('/slow')) {
				await wait(3000);
				return json(res, 200, { late: true });
			}
			if (req.url?.startsWith('/busy')) return json(res, 503, { message: 'busy' });
			json(res, 200, { ok: true });
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	it('aborts a request in flight, authenticated or anonymous, and does not retry it', async () => {
		for (const anonymous of [false, true]) {
			server.requests.splice(0);
			const stop = new AbortController();
			const { context } = contextFor(server, { maxAttempts: 4 }, { signal: stop.signal });
			const pending = providerRequest(context, profile(), { url: anonymous ? `${server.url}/slow` : '/slow', anonymous }).catch((e) => e);
			await wait(100);
			const started = Date.now();
			stop.abort();
			expect(await pending).toBeInstanceOf(ExecutionCancelledError);
			expect(Date.now() - started).toBeLessThan(200);
			await wait(300);
			expect(server.requests).toHaveLength(1);
		}
	});

	it('ends the backoff between two attempts at once', async () => {
		const stop = new AbortController();
		const { context } = contextFor(server, { maxAttempts: 5, baseDelayMs: 5000 }, { signal: stop.signal });
		const pending = providerRequest(context, profile(), { url: '/busy' }).catch((e) => e);
		await wait(200);
		const started = Date.now();
		stop.abort();
		expect(await pending).toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - started).toBeLessThan(100);
		expect(server.requests).toHaveLength(1);
	});

	it('ends a poll between two reads at once', async () => {
		const stop = new AbortController();
		let reads = 0;
		const polling = pollUntil('waiting', () => false, async () => {
			reads++;
			return 'waiting';
		}, { intervalMs: 10_000, timeoutMs: 60_000, timedOut: () => new Error('timed out'), signal: stop.signal }).catch((e) => e);
		await wait(50);
		const started = Date.now();
		stop.abort();
		expect(await polling).toBeInstanceOf(ExecutionCancelledError);
		expect(Date.now() - started).toBeLessThan(100);
		expect(reads).toBe(0);
	});

	it('sends nothing when the execution was already stopped', async () => {
		const stop = new AbortController();
		stop.abort();
		const { context } = contextFor(server, {}, { signal: stop.signal });
		await expect(providerRequest(context, profile(), { url: '/x' })).rejects.toBeInstanceOf(ExecutionCancelledError);
		expect(server.requests).toHaveLength(0);
	});
});

describe('redirects of authenticated requests', () => {
	let api: LocalServer;
	let elsewhere: LocalServer;
	beforeAll(async () => {
		elsewhere = await startServer((_req, res) => json(res, 200, { stolen: true }));
		api = await startServer((req, res) => {
			const path = req.url ?? '/';
			const redirect = /^\/(301|302|303|307|308)\/(.*)$/.exec(path);
			if (redirect) {
				res.writeHead(Number(redirect[1]), { location: `/${redirect[2]}` });
				return res.end();
			}
			if (path.startsWith('/away')) {
				res.writeHead(302, { location: `${elsewhere.url}/collect?sig=${TOKEN}&page=2` });
				return res.end();
			}
			if (path.startsWith('/loop')) {
				res.writeHead(302, { location: '/loop' });
				return res.end();
			}
			return json(res, 200, { path, method: req.method, body: req.body, key: req.headers['x-subscription-key'] ?? null });
		});
	});
	afterAll(async () => {
		await api.close();
		await elsewhere.close();
	});
	beforeEach(() => {
		api.requests.splice(0);
		elsewhere.requests.splice(0);
	});

	it('fails a redirect to another host, naming only the host, and sends that host nothing', async () => {
		const { context } = contextFor(api, { maxAttempts: 3 });
		const error = await providerRequest(context, profile(), { url: '/away' }).catch((e) => e);
		const host = new URL(elsewhere.url).host;
		expect(error.message).toBe(`Example API redirected the request to ${host}, another host; the credential is not sent there`);
		expect(error.description).toMatch(/^Check the Base URL in the credential/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(TOKEN);
		expect(error.message).not.toContain('collect');
		expect(elsewhere.requests).toHaveLength(0);
		expect(api.requests).toHaveLength(1);
	});

	it.each([301, 302, 307, 308])('follows a %i to the same origin, with the credential', async (status) => {
		const { context } = contextFor(api);
		const body = await providerJson<IDataObject>(context, profile(), { url: `/${status}/moved`, qs: { x: 1 } });
		expect(body).toMatchObject({ path: '/moved?x=1', method: 'GET', key: KEY });
		expect(api.requests.map((r) => r.url)).toEqual([`/${status}/moved?x=1`, '/moved?x=1']);
	});

	it('keeps method and body on 307, and turns a POST into a GET on 303', async () => {
		const { context } = contextFor(api);
		expect(await providerJson<IDataObject>(context, profile(), { url: '/307/create', method: 'POST', body: { a: 1 } })).toMatchObject({
			method: 'POST',
			body: '{"a":1}',
		});
		expect(await providerJson<IDataObject>(context, profile(), { url: '/303/result', method: 'POST', body: { a: 1 } })).toMatchObject({
			method: 'GET',
			body: '',
		});
	});

	it('gives up after a bounded number of same-origin redirects', async () => {
		const { context } = contextFor(api);
		const error = await providerRequest(context, profile(), { url: '/loop' }).catch((e) => e);
		expect(error.message).toBe('Example API redirected the request more than 5 times');
		expect(api.requests).toHaveLength(6);
	});

	it('follows the redirect itself also for a profile whose token n8n refreshes on 401', async () => {
		const { context } = contextFor(api);
		const p = profile({ refreshTokenOn401: true });
		expect(await providerJson<IDataObject>(context, p, { url: '/302/moved' })).toMatchObject({ path: '/moved', key: KEY });
		const error = await providerRequest(context, p, { url: '/away' }).catch((e) => e);
		expect(error.message).toMatch(/redirected the request to .*, another host/);
		expect(elsewhere.requests).toHaveLength(0);
	});

	it('lets an anonymous storage download follow a redirect anywhere', async () => {
		const { context } = contextFor(api);
		const body = await providerJson<IDataObject>(context, profile(), { url: `${api.url}/away`, anonymous: true });
		expect(body).toEqual({ stolen: true });
		expect(elsewhere.requests[0].headers['x-subscription-key']).toBeUndefined();
		expect(elsewhere.requests[0].headers.authorization).toBeUndefined();
	});
});

describe('a refused request', () => {
	let server: LocalServer;
	beforeAll(async () => {
		server = await startServer((req, res) => {
			if (req.url?.startsWith('/file')) {
				res.writeHead(403, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ message: 'link expired' }));
			}
			return json(res, 401, { message: 'invalid token' });
		});
	});
	afterAll(async () => await server.close());

	it('is reported as the 401 it was, after one attempt, with its hint', async () => {
		const { context, ctx } = contextFor(server, { maxAttempts: 4 });
		const error = await providerRequest(context, profile(), { url: '/me' }).catch((e) => e);
		expect(error.message).toBe('Example API answered 401: invalid token');
		expect(error.description).toMatch(/credential was not accepted/);
		expect(ctx.sent).toHaveLength(1);
		// n8n's client is told to return the status, so it has nothing to send a second time.
		expect(ctx.sent[0]).toMatchObject({ ignoreHttpStatusErrors: true, disableFollowRedirect: true });
	});

	it('reads the provider message out of a streamed error body', async () => {
		const { context } = contextFor(server);
		const error = await providerRequest(context, profile(), { url: `${server.url}/file`, anonymous: true, download: true }).catch((e) => e);
		expect(error.message).toBe('Example API answered 403: link expired');
	});
});

describe('timeouts', () => {
	let server: LocalServer;
	beforeAll(async () => {
		server = await startServer(async (_req, res) => {
			await wait(1500);
			json(res, 200, { late: true });
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.requests.splice(0));

	it('says the provider did not answer in time, and tries a read once more at most', async () => {
		const { context } = contextFor(server, { maxAttempts: 6 }, { timeoutMs: 300 });
		const started = Date.now();
		const error = await providerRequest(context, profile(), { url: '/report' }).catch((e) => e);
		expect(error.message).toBe('Example API did not answer within 0.3 s (after 2 attempts)');
		expect(error.description).toMatch(/raise Timeout \(Seconds\) under Request Options/);
		expect(error.description).not.toMatch(/Base URL/);
		expect(server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it('does not repeat a POST that timed out', async () => {
		const { context } = contextFor(server, { maxAttempts: 6 }, { timeoutMs: 300 });
		const error = await providerRequest(context, profile(), { url: '/report', method: 'POST', body: {} }).catch((e) => e);
		expect(error.message).toBe('Example API did not answer within 0.3 s');
		expect(server.requests).toHaveLength(1);
	});

	it('takes the timeout from the node option once, with longer defaults for downloads', () => {
		const n8n = fakeContext({ params: { requestOptions: { timeout: 12, maxAttempts: 2 } } });
		expect(requestContext(n8n as never, 0)).toMatchObject({ timeoutMs: 12_000, retry: { maxAttempts: 2 } });
		expect(requestContext(fakeContext() as never, 0).timeoutMs).toBeUndefined();
		expect(timeoutFor({})).toBe(API_TIMEOUT_MS);
		expect(timeoutFor({}, { download: true })).toBe(DOWNLOAD_TIMEOUT_MS);
		expect(timeoutFor({}, { timeout: 5000 })).toBe(5000);
		expect(timeoutFor({ timeoutMs: 12_000 }, { download: true, timeout: 5000 })).toBe(12_000);
		expect(API_TIMEOUT_MS).toBeLessThan(300_000);
	});

	it('offers Timeout (Seconds) and explains how Max Attempts adds up with Retry On Fail', () => {
		const options = requestOptionsProperty.options as Array<{ name: string; default: unknown; description: string; displayName: string }>;
		const timeout = options.find((o) => o.name === 'timeout')!;
		expect(timeout).toMatchObject({ displayName: 'Timeout (Seconds)', default: API_TIMEOUT_MS / 1000 });
		expect(timeout.description).toMatch(/600 s/);
		expect(timeout.description).toMatch(/twice this time/);
		expect(options.find((o) => o.name === 'maxAttempts')!.description).toMatch(/Retry On Fail/);
	});
});
