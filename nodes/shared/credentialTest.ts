import type { ICredentialTestFunctions, IDataObject, IHttpRequestMethods, INodeCredentialTestResult } from 'n8n-workflow';

import { describeHttpFailure, isTimeoutFailure, networkWords, redact } from './errors';

/**
 * A credential test that has to prove more than one address (an API and its token service, a
 * base URL and a storage host): each URL is probed in turn, and a failure names the credential
 * field it came from and says why in words, never a bare code such as ECONNREFUSED.
 *
 * Used from a node's `methods.credentialTest.<name>` (the credential's `testedBy`), whose `this`
 * only offers n8n's request helper for credential tests:
 *
 * ```ts
 * methods = { credentialTest: { async trustApiTest(this: ICredentialTestFunctions, credential) {
 *   const { api, atenea } = trustUrls(credential.data);
 *   return await probeUrls(this, [
 *     { field: 'Atenea URL', url: `${atenea}/oauth/token/`, method: 'POST', body: {...}, secretLabel: 'Client ID and Client Secret' },
 *     { field: 'API URL', url: `${api}/campaigns/health`, check: ({ status }) => (status < 500 ? undefined : 'it had a problem on its side') },
 *   ], { secrets: [String(credential.data?.clientSecret ?? '')] });
 * } } };
 * ```
 */

/** One answer of a probe, for `check`. */
export interface ProbeAnswer {
	status: number;
	headers: IDataObject;
	body: unknown;
}

export interface UrlProbe {
	/** The credential field the URL comes from, as the user sees it: "API URL", "Atenea URL". */
	field: string;
	url: string;
	method?: IHttpRequestMethods;
	headers?: IDataObject;
	qs?: IDataObject;
	body?: IDataObject | string;
	/** What the secrets sent to this URL are called, for a refusal: default "the credential's secret". */
	secretLabel?: string;
	/**
	 * Reads an answer: a reason why it does not prove the URL (completes "The <field> <url> answered, but …"),
	 * or undefined when it does. Default: 2xx passes, 401/403 is a refused secret, 404/405 means
	 * the address is wrong, anything else fails with its status.
	 */
	check?: (answer: ProbeAnswer) => string | undefined;
}

export interface ProbeOptions {
	/** Per probe (default 15 s): a credential test should answer quickly. */
	timeoutMs?: number;
	/** Values that must not appear in a message. */
	secrets?: string[];
}

/** An address as shown in a message: no query string (where signatures and keys travel). */
function shown(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return url.split('?')[0];
	}
}

function defaultCheck(probe: UrlProbe, url: string, { status }: ProbeAnswer): string | undefined {
	if (status >= 200 && status < 300) return undefined;
	const where = `the ${probe.field} ${url}`;
	if (status === 401 || status === 403) {
		return `${where} refused ${probe.secretLabel ?? "the credential's secret"} (HTTP ${status}): check ${probe.secretLabel ?? 'it'}`;
	}
	if (status === 404 || status === 405) return `nothing answers at ${url} (HTTP ${status}): check the ${probe.field}`;
	if (status >= 300 && status < 400) return `${where} redirects elsewhere (HTTP ${status}): enter the address it redirects to instead`;
	if (status >= 500) return `${where} had a problem on its side (HTTP ${status}): try again later, or check the ${probe.field}`;
	return `${where} answered HTTP ${status}: check the ${probe.field}`;
}

function sentence(text: string): string {
	const trimmed = text.trim();
	const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Probes each URL in order and stops at the first one that fails, naming its field and why. */
export async function probeUrls(ctx: ICredentialTestFunctions, probes: UrlProbe[], options: ProbeOptions = {}): Promise<INodeCredentialTestResult> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const secrets = (options.secrets ?? []).filter((s) => typeof s === 'string' && s.length >= 4);
	for (const probe of probes) {
		const url = shown(probe.url);
		if (!/^https?:\/\/[^/]+/i.test(probe.url)) {
			return { status: 'Error', message: redact(sentence(`The ${probe.field} "${url}" is not a web address: enter it with https://`), secrets) };
		}
		let answer: ProbeAnswer;
		try {
			const response = (await ctx.helpers.request({
				method: probe.method ?? 'GET',
				uri: probe.url,
				headers: probe.headers,
				qs: probe.qs,
				body: probe.body,
				json: true,
				resolveWithFullResponse: true,
				simple: false,
				followRedirect: false,
				timeout: timeoutMs,
			})) as { statusCode: number; headers?: IDataObject; body?: unknown };
			answer = { status: response.statusCode, headers: response.headers ?? {}, body: response.body };
		} catch (error) {
			const failure = describeHttpFailure(error);
			const why = isTimeoutFailure(failure)
				? `no answer came from ${url} within ${Number.isInteger(timeoutMs / 1000) ? timeoutMs / 1000 : (timeoutMs / 1000).toFixed(1)} s`
				: `${networkWords(failure.code) ?? failure.message.split('\n')[0]} at ${url}`;
			return { status: 'Error', message: redact(sentence(`${why}: check the ${probe.field}`), secrets) };
		}
		const problem = probe.check ? probe.check(answer) : defaultCheck(probe, url, answer);
		if (problem !== undefined) {
			const message = probe.check ? `the ${probe.field} ${url} answered, but ${problem}` : problem;
			return { status: 'Error', message: redact(sentence(message), secrets) };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
