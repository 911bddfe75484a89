import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	CALLBACK_PARAMETER,
	metricsOutput,
	outputProperties,
	verifyCallbackToken,
	type ChartFormat,
	type OutputMode,
} from './metrics';
import { DeliveryLedger, triggerScope } from '../shared/dedupe';

/** Static-data key of the request ids already emitted (duplicate callbacks start nothing). */
const DELIVERED = 'deliveredRequests';
/** Bound of that record; entries also leave once their token could no longer be accepted. */
const MAX_REMEMBERED = 1000;
const HOUR_MS = 3_600_000;

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw);
	return undefined;
}

type Parsed = { ok: true; body: IDataObject } | { ok: false; status: number; message: string };

/** The callback body: the Get Data answer, an object keyed by metric id (metrics.md). */
function parseCallback(ctx: IWebhookFunctions, maxBytes: number): Parsed {
	const declared = Number(ctx.getHeaderData()['content-length'] ?? 0);
	const raw = rawBodyOf(ctx);
	if (declared > maxBytes || (raw && raw.length > maxBytes)) {
		return { ok: false, status: 413, message: `The callback body is larger than ${maxBytes} bytes` };
	}
	let body: unknown;
	if (raw !== undefined) {
		const text = raw.toString('utf8').trim();
		if (text === '') return { ok: false, status: 400, message: 'The callback body is empty' };
		try {
			body = JSON.parse(text);
		} catch {
			return { ok: false, status: 400, message: 'The callback body is not JSON' };
		}
	} else {
		body = ctx.getBodyData();
	}
	if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
		return { ok: false, status: 400, message: 'The callback body is not a metrics result (an object keyed by metric id)' };
	}
	const b = body as IDataObject;
	// [INFER] A wrapper {data: {...}} is unwrapped; metrics.md says "the same format as get-data".
	const keys = Object.keys(b);
	if (keys.length === 1 && keys[0] === 'data' && b.data && typeof b.data === 'object' && !Array.isArray(b.data)) {
		return { ok: true, body: b.data as IDataObject };
	}
	return { ok: true, body: b };
}

/**
 * Receives the result Reportei POSTs to the `metrics_webhook_url` of Get Data Async. Reportei has
 * no subscription API and signs nothing (research/providers.md section 4, "Webhooks"), so each
 * callback is accepted only with the `n8n_request` token Get Data Async signed with the merchant
 * token of the same credential, and each request id starts at most one execution.
 */
export class ReporteiConnectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reportei Connect Trigger',
		name: 'reporteiConnectTrigger',
		icon: { light: 'file:reportei.svg', dark: 'file:reportei.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Metrics callbacks',
		description: 'Starts when Reportei Connect delivers the metrics asked for by Get Data Async',
		defaults: { name: 'Reportei Connect Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reporteiConnectApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'reportei-metrics' }],
		properties: [
			{
				displayName:
					'Paste this trigger\'s Production URL into the Callback URL of Reportei Connect > Metric > Get Data Async, using the same credential: only callbacks of requests signed with that credential are accepted, each at most once.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...outputProperties(),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Accept Callbacks For (Hours)',
						name: 'maxAgeHours',
						type: 'number',
						default: 24,
						typeOptions: { minValue: 1, maxValue: 720 },
						description: 'How long after Get Data Async ran its callback is still accepted',
					},
					{
						displayName: 'Max Body Size (MB)',
						name: 'maxBodyMb',
						type: 'number',
						default: 16,
						typeOptions: { minValue: 1, maxValue: 256 },
						description: 'Larger callbacks are refused with 413',
					},
				],
			},
		],
	};

	// Reportei has nothing to register: the callback URL travels with each Get Data Async request.
	// These methods only record which URL is live, so the lifecycle stays visible and honest.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				return data.callbackUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const data = this.getWorkflowStaticData('node');
				data.callbackUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Delivered ids are kept: a callback redelivered after re-activation stays a duplicate.
				const data = this.getWorkflowStaticData('node');
				delete data.callbackUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const maxAgeMs = Math.max(1, Number(options.maxAgeHours ?? 24)) * HOUR_MS;
		const maxBytes = Math.max(1, Number(options.maxBodyMb ?? 16)) * 1024 * 1024;
		const credentials = await this.getCredentials('reporteiConnectApi');
		const token = (this.getQueryData() as IDataObject)[CALLBACK_PARAMETER];
		const now = Date.now();
		const check = verifyCallbackToken(String(credentials.accessToken ?? ''), token, maxAgeMs, now);
		if (!check.ok) {
			const why = {
				missing: `no ${CALLBACK_PARAMETER} parameter: this URL only accepts callbacks requested by Reportei Connect > Get Data Async`,
				malformed: `the ${CALLBACK_PARAMETER} parameter is malformed`,
				signature: `the ${CALLBACK_PARAMETER} parameter was not signed with this trigger's credential`,
				expired: `the ${CALLBACK_PARAMETER} parameter has expired`,
			}[check.reason];
			return refuse(this, check.reason === 'expired' ? 410 : 401, `Callback refused: ${why}`);
		}
		const parsed = parseCallback(this, maxBytes);
		if (!parsed.ok) return refuse(this, parsed.status, parsed.message);

		// A request id counts as delivered until its token expires; later copies are refused anyway.
		const ledger = new DeliveryLedger(triggerScope(this), this.getWorkflowStaticData('node'), { field: DELIVERED, max: MAX_REMEMBERED }, now);
		if (!ledger.claim(check.requestId, check.issuedAt + maxAgeMs)) {
			return { webhookResponse: { received: true, duplicate: true, request_id: check.requestId } };
		}

		const items = metricsOutput(
			parsed.body,
			{
				output: this.getNodeParameter('output', 'keyed') as OutputMode,
				chartFormat: this.getNodeParameter('chartFormat', 'rows') as ChartFormat,
			},
			[],
			{ request_id: check.requestId },
		);
		return { workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
