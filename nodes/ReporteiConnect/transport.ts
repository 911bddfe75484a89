import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { failureOf, type ProviderApiError, type ProviderFailure } from '../shared/errors';
import { providerRequest, type ProviderProfile, type RequestContext } from '../shared/http';

/** Reportei Connect facts, written once (sources in docs/reportei.md, "Sources and assumptions"). */
export const REPORTEI = {
	/**
	 * The page size asked for first: `per_page` "maximum: 100" on the newer documentation page
	 * (https://github.com/reportei/lp-connect/blob/4a0bd04/app/documentacao/page.tsx). The
	 * connect-docs README names only the default, 15; a server with a lower maximum refuses 100 with
	 * a 422, and lists.ts then reads smaller pages.
	 */
	pageSize: 100,
	/** `per_page` "Default is 15" (https://github.com/reportei/connect-docs/blob/3151871/README.md#pagination). */
	defaultPageSize: 15,
	/** The shapes a metric can be asked in (https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md). */
	components: ['number_v1', 'chart_v1', 'datatable_v1'] as const,
	/**
	 * Components the predefined payloads use beyond the documented three
	 * (https://github.com/reportei/connect-docs/tree/3151871/payloads); their answers are not documented.
	 */
	payloadComponents: ['container_v1', 'datagrid_v1', 'iconsList_v1', 'pipeline_v1', 'wysiwyg_v1'] as const,
	/**
	 * Statuses of a customer integration: active, expired, revoked documented
	 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers-integrations.md), the
	 * last two typed by a public client
	 * (https://github.com/igornjr10/skaleads/blob/3ef920d/supabase/functions/_shared/connect-api.ts).
	 */
	integrationStatuses: ['active', 'expired', 'revoked', 'synchronizing', 'synchronization_error'] as const,
	customerTokenHeader: 'x-customer-token',
	/** The customer's own settings: they answer while its token is valid, whatever its trial. */
	customerSettingsPath: '/customers/settings',
	merchantSettingsPath: '/merchants/settings',
};

/**
 * A new customer has a 7-day trial; afterwards its integrations and metrics answer 401 until it is
 * marked as paying (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md).
 * ASSUMPTION: such a 401 says so in words like these; its body is not documented.
 */
const TRIAL_TEXT = /trial|is_paying|paying customer|payment/i;

const TRIAL_HINT =
	"The customer's 7-day trial has ended and it is not marked as paying, so Reportei refuses its integrations and metrics: run Customer > Set Payment Status with Is Paying on for this customer, then try again.";

const common = {
	displayName: 'Reportei Connect',
	credentialType: 'reporteiConnectApi',
	baseUrlField: 'baseUrl',
	// Rate limits are "displayed in the response headers" but never named
	// (https://github.com/reportei/connect-docs/blob/3151871/README.md). ASSUMPTION: the Laravel
	// paginator suggests Laravel's throttle, X-RateLimit-Limit/-Remaining, and Retry-After +
	// X-RateLimit-Reset on 429, which the shared request layer reads.
	honourRateLimitHeaders: true,
	secretFields: ['accessToken'],
	accountFields: ['baseUrl', 'accessToken'],
} satisfies Partial<ProviderProfile>;

/** Calls made with the merchant token only. */
export const merchantProfile: ProviderProfile = {
	...common,
	classify: (failure) => {
		if (failure.status === 401) {
			return {
				hint: 'The merchant token was refused: check the Merchant Token and Base URL in the Reportei Connect credential and test it there.',
			};
		}
		if (failure.status === 429) {
			return {
				hint: 'The merchant is still over its Reportei rate limit (Merchant > Get Settings shows it per minute and per second): try again later or process fewer items at once.',
			};
		}
		return undefined;
	},
};

/** Calls that also send a customer's `x-customer-token`. */
export const customerProfile: ProviderProfile = {
	...common,
	classify: (failure, said) => {
		if (failure.status === 401) {
			if (TRIAL_TEXT.test(said ?? '')) return { hint: TRIAL_HINT };
			return {
				hint: "Reportei refused the Customer Token of this node or the merchant token of the credential. Check that the Customer Token is the api_token returned when this customer was created. After a customer's 7-day trial Reportei also answers 401 here until Customer > Set Payment Status marks it as paying.",
			};
		}
		return merchantProfile.classify?.(failure, said);
	},
};

export interface ReporteiCall {
	qs?: IDataObject;
	body?: IDataObject;
	/** The customer's api_token, for customer-scoped endpoints (sent as x-customer-token). */
	customerToken?: string;
}

/** One answer of Connect: its parsed body and the rate-limit budget it reported. */
export interface ReporteiAnswer<T> {
	body: T;
	/**
	 * `X-RateLimit-Remaining` of the answer: requests the merchant may still send in the current
	 * window. Undefined when the answer did not say (the header names are an ASSUMPTION, see
	 * `common.honourRateLimitHeaders`).
	 */
	remaining?: number;
}

/** Any Reportei Connect call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function reporteiRequest<T = IDataObject>(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: ReporteiCall = {},
): Promise<T> {
	return (await reporteiAnswer<T>(request, method, path, call)).body;
}

/** `reporteiRequest` that also returns the rate-limit budget the answer reported. */
export async function reporteiAnswer<T = IDataObject>(
	request: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: ReporteiCall = {},
): Promise<ReporteiAnswer<T>> {
	const { customerToken } = call;
	const scoped = customerToken !== undefined;
	try {
		const response = await providerRequest(request, scoped ? customerProfile : merchantProfile, {
			method,
			url: path,
			qs: call.qs,
			body: call.body,
			json: true,
			headers: scoped ? { [REPORTEI.customerTokenHeader]: customerToken } : undefined,
			secrets: scoped ? [customerToken] : [],
		});
		return { body: jsonBody(response.body) as T, remaining: remainingOf(response.headers) };
	} catch (error) {
		throw await explained(request, reworded(error), path, customerToken);
	}
}

/** A JSON answer's body; an empty one is `{}`, a text that is not JSON stays text. */
function jsonBody(body: unknown): unknown {
	if (body === undefined || body === null) return {};
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (text === '') return {};
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return body;
	}
}

function remainingOf(headers: IDataObject | undefined): number | undefined {
	const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'x-ratelimit-remaining')?.[1];
	const value = Array.isArray(entry) ? entry[0] : entry;
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const remaining = Number(value);
	return Number.isFinite(remaining) && remaining >= 0 ? remaining : undefined;
}

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A value of an error body as short text: strings as they are, anything else as compact JSON. */
function shortText(value: unknown, max = 300): string {
	const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `field: message` for every field of a Laravel validation bag, in the order Connect gave them. */
function fieldErrors(bag: unknown): string[] {
	if (!isObject(bag)) return [];
	return Object.entries(bag).map(([field, messages]) => {
		const list = (Array.isArray(messages) ? messages : [messages]).filter((m) => m !== undefined && m !== null).map((m) => shortText(m));
		return list.length ? `${field}: ${list.join(' ')}` : field;
	});
}

/** Laravel's own summary of a validation bag: its first message, with "(and N more errors)". */
const LARAVEL_SUMMARY = /^(the given data was invalid\.?|.*\(and \d+ more errors?\))$/i;

/**
 * The provider's own words in every error body the sources show (docs/reportei.md, "Errors"):
 * `{message}` (connect-docs README), `{message, extra}` (a metrics refusal, read by two clients),
 * Laravel's `{message?, errors: {field: [messages]}}`, lp-connect's
 * `{error: {code, message, details}}`, and an HTML page (its title, not the page).
 */
export function reporteiWords(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return undefined;
		if (text.startsWith('{')) {
			try {
				return reporteiWords(JSON.parse(text));
			} catch {
				return shortText(text);
			}
		}
		if (/^<|<html|<!doctype/i.test(text)) {
			const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
			const words = (title ?? '').replace(/\s+/g, ' ').trim();
			return words ? `${shortText(words, 120)} (an HTML page instead of JSON)` : 'an HTML page instead of JSON';
		}
		return shortText(text);
	}
	if (!isObject(body)) return undefined;
	const nested = isObject(body.error) ? body.error : undefined;
	const message = [nested?.message, body.message, typeof body.error === 'string' ? body.error : undefined].find(
		(m): m is string => typeof m === 'string' && m.trim() !== '',
	);
	const bag = nested?.details ?? body.errors ?? body.details;
	const fields = fieldErrors(bag);
	const parts: string[] = [];
	if (message && !(fields.length && LARAVEL_SUMMARY.test(message.trim()))) {
		// Laravel repeats the first field's message as the summary: the field list says it already.
		const first = isObject(bag) ? Object.values(bag)[0] : undefined;
		const firstText = String((Array.isArray(first) ? first[0] : first) ?? '');
		if (!(fields.length && firstText && message.trim() === firstText.trim())) parts.push(message.trim());
	}
	if (fields.length) parts.push(fields.join('; '));
	if (body.extra !== undefined && body.extra !== null && body.extra !== '') parts.push(`(extra: ${shortText(body.extra)})`);
	if (typeof body.warning === 'string' && !parts.length) parts.push(body.warning);
	return parts.length ? parts.join(' ') : undefined;
}

/**
 * The error of a failed call, its message in Reportei's words (reporteiWords) where the shared
 * reading of the body says less: field errors listed, the `extra` of a metrics refusal, the title
 * of an HTML page.
 */
function reworded(error: unknown): unknown {
	const failure = failureOf(error);
	if (!failure || failure.status === undefined) return error;
	const words = reporteiWords(failure.body);
	if (!words || words === failure.said) return error;
	const attempts = failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
	const e = error as ProviderApiError;
	e.message = `${failure.provider} answered ${failure.status}: ${words}${attempts}`;
	failure.said = words;
	return e;
}

/** The error of a failed call; a customer-scoped 401 gets a sharper diagnosis. */
async function explained(request: RequestContext, error: unknown, path: string, customerToken: string | undefined): Promise<unknown> {
	const failure = failureOf(error);
	// The customer's settings are what tells the causes of a 401 apart: their own 401 stays as it is.
	if (customerToken === undefined || failure?.status !== 401 || path === REPORTEI.customerSettingsPath) return error;
	return await explainUnauthorized(request, error as ProviderApiError, failure, customerToken);
}

/** What a diagnosis of a failure reads: the fix, then the request it was about. */
function describe(hint: string, failure: ProviderFailure): string {
	return failure.request ? `${hint} Request: ${failure.request}.` : hint;
}

/**
 * A 401 on a customer-scoped call means a wrong customer token or an ended trial (TRIAL_TEXT).
 * When the answer does not say which, the customer's own settings tell: they answer while the
 * token is valid and show `trial_ends_at`/`is_paying`. ASSUMPTION: the trial gate covers
 * integrations, sessions and metrics, not `GET /customers/settings`.
 */
async function explainUnauthorized(
	request: RequestContext,
	error: ProviderApiError,
	failure: ProviderFailure,
	customerToken: string,
): Promise<ProviderApiError> {
	if (TRIAL_TEXT.test(failure.said ?? '')) return error;
	let customer: IDataObject | undefined;
	try {
		customer = unwrap(await reporteiRequest(request, 'GET', REPORTEI.customerSettingsPath, { customerToken }), 'customer');
	} catch {
		customer = undefined;
	}
	if (customer) {
		if (customer.is_paying === true || customer.is_paying === 1) return error;
		const ends = connectTime(customer.trial_ends_at);
		if (!Number.isFinite(ends) || ends > Date.now()) return error;
		const answered = `${failure.provider} answered ${failure.status}${failure.said ? `: ${failure.said}` : ''}`;
		error.message = `${answered} (the customer's trial ended on ${String(customer.trial_ends_at)})`;
		error.description = describe(TRIAL_HINT, failure);
		return error;
	}
	error.description = (await merchantTokenWorks(request))
		? describe(
				"Reportei accepts the merchant token but refuses this Customer Token, even for the customer's own settings: it is wrong or belongs to a deleted customer. Use the api_token returned when the customer was created (it is shown only once; create a new customer if it was lost).",
				failure,
			)
		: describe(
				'Reportei refuses the merchant token itself: check the Merchant Token and Base URL in the Reportei Connect credential and test it there.',
				failure,
			);
	return error;
}

/**
 * A Connect timestamp, "2024-10-08 17:15:12" in every example, without a zone
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md). ASSUMPTION: such
 * a time is UTC (Laravel's default application time zone); one with a zone or offset is read as
 * written. NaN when it is not a time.
 */
export function connectTime(value: unknown): number {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return Number.NaN;
	const iso = text.replace(' ', 'T');
	return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) || iso.length === 10 ? iso : `${iso}Z`);
}

async function merchantTokenWorks(request: RequestContext): Promise<boolean> {
	try {
		await reporteiRequest(request, 'GET', REPORTEI.merchantSettingsPath);
		return true;
	} catch {
		return false;
	}
}

/** Connect wraps single objects in their name (`{customer: {...}}`); the object itself, else the body. */
export function unwrap(body: IDataObject, key: string): IDataObject {
	const inner = body?.[key];
	return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : body;
}
