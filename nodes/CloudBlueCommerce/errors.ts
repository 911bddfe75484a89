import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, failureOf, type FailureClass, type HttpFailure } from '../shared/errors';

/**
 * What CloudBlue's services answer when a call fails, read for the user (docs/cloudblue.md,
 * Sources and assumptions):
 * - the Marketplace API 1.1 `errorMessage` `{timeStamp, status, message, path, correlationId}`
 *   (fixtures cb-error-schema-v11, cb-orders-create-conflict-500); another client spells the keys
 *   `timestamp` and `error` (cb-error-php-client-model);
 * - `{message, code, details}`, the shape the existing community node assumes;
 * - Keycloak's OAuth2 `{error, error_description}` (RFC 6749, section 5.2);
 * - Azure API Management's `{statusCode, message}`;
 * - an nginx HTML page from the gateway (cb-gateway-504-nginx).
 */

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (Buffer.isBuffer(value)) return text(value.toString('utf8'));
	return undefined;
}

function parsed(body: unknown): unknown {
	const raw = text(body);
	if (raw === undefined || !/^[[{]/.test(raw)) return body;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return body;
	}
}

function detailText(details: unknown): string | undefined {
	if (typeof details === 'string') return details;
	if (!details || typeof details !== 'object') return undefined;
	const parts: string[] = [];
	for (const [key, value] of Object.entries(details as IDataObject)) {
		const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string' || typeof v === 'number');
		if (values.length) parts.push(Array.isArray(details) ? values.join(', ') : `${key}: ${values.join(', ')}`);
	}
	return parts.length ? parts.join('; ') : undefined;
}

/** The provider's own words in an error body of any of the shapes above; undefined for an HTML page. */
export function cloudBlueSaid(body: unknown): string | undefined {
	const value = parsed(body);
	const plain = text(value);
	if (plain !== undefined) return plain.startsWith('<') ? undefined : plain.slice(0, 500);
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const b = value as IDataObject;
	const nested = b.error && typeof b.error === 'object' ? (b.error as IDataObject) : undefined;
	const errorCode = typeof b.error === 'string' ? b.error : undefined;
	if (typeof b.error_description === 'string' && b.error_description.trim() !== '') {
		const code = errorCode && errorCode !== b.error_description ? ` (${errorCode})` : '';
		return `${b.error_description.trim()}${code}`;
	}
	const message = [nested?.message, b.message, errorCode, b.title, b.detail].find(
		(m): m is string => typeof m === 'string' && m.trim() !== '',
	);
	const details = detailText(nested?.details ?? b.details ?? b.errors);
	if (message) return details && !message.includes(details) ? `${message.trim()} (${details})` : message.trim();
	if (details) return details;
	return typeof b.code === 'string' ? b.code : undefined;
}

/** The `correlationId` an error body carries (Marketplace API 1.1), for answers without the header. */
export function bodyCorrelationId(body: unknown): string | undefined {
	const value = parsed(body);
	if (!value || typeof value !== 'object') return undefined;
	const id = (value as IDataObject).correlationId ?? (value as IDataObject).correlationID;
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** An HTML error page (a gateway's, such as nginx's "504 Gateway Time-out"): its title, or undefined when the body is no page. */
export function htmlPage(body: unknown): { title?: string } | undefined {
	const raw = text(body);
	if (raw === undefined || !/^<(!doctype|html|head|body|center|h1)/i.test(raw)) return undefined;
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(raw)?.[1];
	const clean = title?.replace(/\s+/g, ' ').trim();
	return { title: clean ? clean.slice(0, 120) : undefined };
}

/**
 * Azure Storage's XML error `<Error><Code/><Message/></Error>`, as a report link's storage answers
 * it. ASSUMPTION: Azure's documented error format; no capture of ours shows one for RDE links.
 */
export function storageError(body: unknown): string | undefined {
	const raw = text(body);
	if (raw === undefined || !/<Error>/i.test(raw)) return undefined;
	const code = /<Code>([^<]*)<\/Code>/i.exec(raw)?.[1]?.trim();
	// The message goes on with "RequestId:..." and "Time:..." lines: the first line is the reason.
	const message = /<Message>([^<]*)<\/Message>/i.exec(raw)?.[1]?.split(/\r?\n/)[0]?.trim();
	if (!message && !code) return undefined;
	return message ? `${message}${code ? ` (${code})` : ''}` : code;
}

const STORAGE_HINTS: Record<number, string> = {
	403: 'The download link was refused: its signature has expired (the links are valid for a limited time, about 90 days in the documented example) or it was changed. Get the report again (Report > Get, or list it with Get Many) for a fresh link.',
	404: 'The report file is not in storage any more: list the reports again (Report > Get Many) and download a current one.',
};

const HTML_MEANING: Record<number, string> = {
	502: 'the gateway got no valid answer from the API',
	503: 'the API is not available right now',
	504: 'the API did not answer in time',
};

function htmlHeadline(provider: string, status: number, page: { title?: string }): string {
	const meaning =
		HTML_MEANING[status] ??
		(status === 404
			? 'there is no API at this address'
			: status >= 500
				? 'the API failed'
				: 'the gateway refused the request before it reached the API');
	return `${provider}'s gateway answered ${status} (an HTML error page${page.title ? `: "${page.title}"` : ''}): ${meaning}`;
}

/**
 * The provider's reading of a failure, for the shared request layer. A 500 with a message is how
 * the Marketplace API refuses a business rule (cb-orders-create-conflict-500: "there is already an
 * Upgrade/Downgrade Order ... in status Provisioning"), so it says to resolve that, not to wait.
 * ASSUMPTION: every 500 whose body has a message is such a refusal; one without is a fault.
 */
export function classifyFailure(failure: HttpFailure): FailureClass | undefined {
	const said = cloudBlueSaid(failure.body);
	const status = failure.status;
	if ((status === 401 || status === 403) && said && /subscription key/i.test(said)) {
		return { hint: 'The API gateway refused the Subscription Key: copy it again from the reseller control panel (Marketplace API) into the credential.' };
	}
	if (status === 401) {
		return { hint: 'The bearer token was refused even after a new one was fetched: check that the API user may use the Marketplace API, then test the credential.' };
	}
	if (status === 429) {
		// No numbers are published: the limits belong to the reseller's API gateway subscription.
		return { hint: 'The API gateway subscription allows only so many requests per period and it is still exhausted: try again later, or process fewer items at once.' };
	}
	if (status === 500 && said && !htmlPage(failure.body)) {
		return {
			hint: 'CloudBlue answers requests it refuses for a business rule (for example an order that conflicts with one still being provisioned) with HTTP 500: do what the message says (cancel the conflicting order, or wait until it is processed), then run the node again. Repeating the same request unchanged fails the same way.',
		};
	}
	if (status !== undefined && status >= 502 && status <= 504) {
		return { hint: 'CloudBlue\'s gateway did not get an answer from the API: try again in a few minutes.' };
	}
	return undefined;
}

/**
 * Writes that may have been carried out even though the gateway stopped waiting for them ("It can
 * take more than 60 seconds for the order request", Onify README). ASSUMPTION: this holds for
 * every write answered 502-504, not only orders.
 */
const UNSURE_WRITE = 'The gateway stopped waiting, but CloudBlue may still have carried out the request (an order can take more than a minute): check the result (for example Order > Get Many with the PO Number) before running the node again, so nothing is done twice.';

/** A token failure already says what happened: an HTML page it carries is only summed up. */
function withoutPage(error: unknown, failure: NonNullable<ReturnType<typeof failureOf>>): unknown {
	const page = htmlPage(failure.body);
	if (!page) return error;
	const summary = page.title ?? 'HTML error page';
	failure.body = summary;
	const response = (error as { errorResponse?: IDataObject }).errorResponse;
	if (response && 'body' in response) response.body = summary;
	return error;
}

/**
 * The error of a failed CloudBlue call, made readable where the shared reading is not enough:
 * the words of every error body shape above, the correlation ID from the body when the header is
 * missing, a short sentence for an HTML gateway page, and what to check before repeating a write
 * the gateway gave up on. Other errors are returned unchanged.
 */
export function refineError(error: unknown, node: INode, provider: string, itemIndex: number | undefined): unknown {
	const failure = failureOf(error);
	if (failure?.source === 'token') return withoutPage(error, failure);
	if (!failure || failure.status === undefined || failure.status === 429) return error;
	const status = failure.status;
	const storage = failure.source === 'storage';
	const said = storage ? (storageError(failure.body) ?? cloudBlueSaid(failure.body)) : cloudBlueSaid(failure.body);
	const page = htmlPage(failure.body);
	const correlationId = failure.correlationId ?? bodyCorrelationId(failure.body);
	const [method = '', ...rest] = (failure.request ?? '').split(' ');
	const url = rest.join(' ');
	const unsureWrite = !storage && !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) && status >= 502 && status <= 504;
	const reading = storage ? { hint: STORAGE_HINTS[status] } : classifyFailure({ status, headers: {}, body: failure.body, message: '' });
	const changed = storage || page !== undefined || said !== failure.said || correlationId !== failure.correlationId || unsureWrite;
	if (!changed) return error;
	const refined = apiError(node, {
		provider,
		failure: {
			status,
			headers: correlationId ? { 'x-correlation-id': correlationId } : {},
			// An HTML page is summed up, not carried along.
			body: page ? (page.title ?? 'HTML error page') : failure.body,
			message: '',
		},
		source: failure.source,
		method: method || undefined,
		url: url || undefined,
		attempts: failure.attempts,
		correlationHeader: 'x-correlation-id',
		itemIndex,
		reading: { ...reading, ...(unsureWrite ? { hint: UNSURE_WRITE } : {}), notFound: failure.notFound },
		headline: page ? undefined : said,
	});
	refined.providerFailure.said = page ? undefined : said;
	if (storage) {
		const attempts = failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
		const headline = `The storage of the report file answered ${status}${said ? `: ${said}` : ''}`;
		refined.message = `${headline}${attempts}`;
		if (refined.errorResponse) refined.errorResponse.message = headline;
	} else if (page) {
		const attempts = failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
		const headline = htmlHeadline(provider, status, page);
		refined.message = `${headline}${attempts}`;
		if (refined.errorResponse) refined.errorResponse.message = headline;
	}
	return refined;
}
