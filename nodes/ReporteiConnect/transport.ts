import type { IDataObject, IHttpRequestMethods, NodeApiError } from 'n8n-workflow';

import { collectPages, pagePerPageEnvelope, type CollectOptions, type Envelope } from '../shared/pagination';
import { providerJson, retryPolicyFrom, type ProviderProfile, type RequestContext } from '../shared/http';
import { providerMessage, type HttpFailure } from '../shared/errors';

/** Reportei Connect facts, written once (research/providers.md section 4). */
export const REPORTEI = {
	defaultBaseUrl: 'https://connect.reportei.com/api',
	/** lp-connect: `per_page` "maximum: 100" (connect-docs is silent; open question 4). */
	pageSize: 100,
	/** The shapes a metric can be asked in (metrics.md). */
	components: ['number_v1', 'chart_v1', 'datatable_v1'] as const,
	customerTokenHeader: 'x-customer-token',
};

export type Component = (typeof REPORTEI.components)[number];

const TRIAL_TEXT = /trial|is_paying|paying customer|payment/i;

/** customers.md: a new customer has a 7-day trial; then integrations and metrics answer 401. */
const TRIAL_HINT =
	"The customer's 7-day trial has ended and it is not marked as paying, so Reportei refuses its integrations and metrics: run Customer > Set Payment Status with Is Paying on for this customer, then try again.";

function bodyText(failure: HttpFailure): string {
	return providerMessage(failure.body) ?? (typeof failure.body === 'string' ? failure.body : '');
}

const common = {
	displayName: 'Reportei Connect',
	credentialType: 'reporteiConnectApi',
	baseUrlField: 'baseUrl',
	// Rate limits are "displayed in the response headers" but never named (open question 1). The
	// Laravel paginator suggests Laravel's throttle: X-RateLimit-Limit/-Remaining, and Retry-After +
	// X-RateLimit-Reset on 429, which the core reads.
	honourRateLimitHeaders: true,
	secretFields: ['accessToken'],
	accountFields: ['baseUrl', 'accessToken'],
} satisfies Partial<ProviderProfile>;

/** Calls made with the merchant token only. */
export const merchantProfile: ProviderProfile = {
	...common,
	hint: (failure) => {
		if (failure.status === 401) {
			return 'The merchant token was refused: check the Merchant Token and Base URL in the Reportei Connect credential and test it there.';
		}
		if (failure.status === 429) {
			return 'The merchant is still over its Reportei rate limit (Merchant > Get Settings shows it per minute and per second): try again later or process fewer items at once.';
		}
		return undefined;
	},
};

/** Calls that also send a customer's `x-customer-token`. */
export const customerProfile: ProviderProfile = {
	...common,
	hint: (failure) => {
		if (failure.status === 401) {
			if (TRIAL_TEXT.test(bodyText(failure))) return TRIAL_HINT;
			return "Reportei refused the Customer Token of this node or the merchant token of the credential. Check that the Customer Token is the api_token returned when this customer was created. After a customer's 7-day trial Reportei also answers 401 here until Customer > Set Payment Status marks it as paying.";
		}
		return merchantProfile.hint?.(failure);
	},
};

export interface ReporteiCall {
	qs?: IDataObject;
	body?: IDataObject;
	/** The customer's api_token, for customer-scoped endpoints (sent as x-customer-token). */
	customerToken?: string;
	itemIndex?: number;
}

/** Any Reportei Connect call, parsed as JSON. Paths are relative to the credential's Base URL. */
export async function reporteiRequest<T = IDataObject>(
	ctx: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	call: ReporteiCall = {},
): Promise<T> {
	const { customerToken, itemIndex } = call;
	const scoped = customerToken !== undefined;
	try {
		return await providerJson<T>(
			ctx,
			scoped ? customerProfile : merchantProfile,
			{
				method,
				url: path,
				qs: call.qs,
				body: call.body,
				headers: scoped ? { [REPORTEI.customerTokenHeader]: customerToken } : undefined,
				secrets: scoped ? [customerToken] : [],
				itemIndex,
			},
			retryPolicyFrom(ctx, itemIndex),
		);
	} catch (error) {
		throw await explainFailure(ctx, error as NodeApiError, path, call);
	}
}

/** The core's error, with a sharper diagnosis for a customer-scoped 401. */
async function explainFailure(
	ctx: RequestContext,
	error: NodeApiError,
	path: string,
	{ customerToken, itemIndex }: ReporteiCall,
): Promise<NodeApiError> {
	if (customerToken === undefined || error.httpCode !== '401' || path === '/customers/settings') return error;
	return await explainUnauthorized(ctx, error, customerToken, itemIndex);
}

/**
 * A 401 on a customer-scoped call means a wrong customer token or an ended trial (customers.md:
 * "after the 7-day trial ... 401 until is_paying"). When the body does not say which, the
 * customer's own settings tell: they answer while the token is valid and show
 * `trial_ends_at`/`is_paying` [INFER: the trial gate covers integrations and metrics only].
 */
async function explainUnauthorized(
	ctx: RequestContext,
	error: NodeApiError,
	customerToken: string,
	itemIndex?: number,
): Promise<NodeApiError> {
	const request = /Request: .*$/.exec(error.description ?? '')?.[0] ?? '';
	if (TRIAL_TEXT.test(error.message)) return error;
	let customer: IDataObject | undefined;
	try {
		const settings = await reporteiRequest<IDataObject>(ctx, 'GET', '/customers/settings', {
			customerToken,
			itemIndex,
		});
		customer = (settings.customer ?? settings) as IDataObject;
	} catch {
		customer = undefined;
	}
	if (customer && customer.is_paying !== true && customer.is_paying !== 1) {
		const ends = Date.parse(String(customer.trial_ends_at ?? ''));
		if (Number.isFinite(ends) && ends <= Date.now()) {
			error.message = `${error.message} (the customer's trial ended on ${String(customer.trial_ends_at)})`;
			error.description = `${TRIAL_HINT} ${request}`.trim();
			return error;
		}
	}
	if (!customer) {
		error.description = (await merchantTokenWorks(ctx, itemIndex))
			? `Reportei accepts the merchant token but refuses this Customer Token, even for the customer's own settings: it is wrong or belongs to a deleted customer. Use the api_token returned when the customer was created (it is shown only once; create a new customer if it was lost). ${request}`.trim()
			: `Reportei refuses the merchant token itself: check the Merchant Token and Base URL in the Reportei Connect credential and test it there. ${request}`.trim();
	}
	return error;
}

async function merchantTokenWorks(ctx: RequestContext, itemIndex?: number): Promise<boolean> {
	try {
		await reporteiRequest(ctx, 'GET', '/merchants/settings', { itemIndex });
		return true;
	} catch {
		return false;
	}
}

/**
 * The list of customer integrations is not documented (open question 3): a Laravel page
 * (`{data, meta}`), a bare array and `{customer_integrations: [...]}` are all read.
 */
export const customerIntegrationEnvelope: Envelope = {
	query: pagePerPageEnvelope.query,
	read(body, request) {
		const b = (body ?? {}) as IDataObject;
		if (!Array.isArray(body) && !Array.isArray(b.data)) {
			for (const key of ['customer_integrations', 'integrations']) {
				if (Array.isArray(b[key])) return { items: b[key] as IDataObject[], last: true };
			}
		}
		return pagePerPageEnvelope.read(body, request);
	},
};

/** A paginated list (Laravel paginator), honouring Return All / Limit. */
export async function reporteiList(
	ctx: RequestContext,
	path: string,
	options: CollectOptions,
	call: ReporteiCall = {},
	envelope: Envelope = pagePerPageEnvelope,
): Promise<IDataObject[]> {
	return await collectPages(
		envelope,
		async (page) => await reporteiRequest(ctx, 'GET', path, { ...call, qs: { ...call.qs, ...page } }),
		{ ...options, pageSize: Math.min(options.pageSize, REPORTEI.pageSize) },
	);
}

/** Connect wraps single objects in their name (`{customer: {...}}`); the object itself, else the body. */
export function unwrap(body: IDataObject, key: string): IDataObject {
	const inner = body?.[key];
	return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : body;
}
