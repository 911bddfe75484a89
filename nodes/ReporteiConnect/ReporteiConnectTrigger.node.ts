import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { DeliveryInProgressError, DeliveryLedger, triggerScope } from '../shared/dedupe';
import { answer, readWebhookBody } from '../shared/webhook';
import { reporteiConnectApiTest } from './credentialTest';
import {
	CALLBACK_PARAMETER,
	metricsOutput,
	outputProperties,
	TRIGGER_PATH,
	verifyCallbackToken,
	type ChartFormat,
	type OutputMode,
} from './metrics';

/** Static-data key of the request ids already emitted (duplicate callbacks start nothing). */
const DELIVERED = 'deliveredRequests';
/** Bound of that record; entries also leave once their token could no longer be accepted. */
const MAX_REMEMBERED = 1000;
const HOUR_MS = 3_600_000;

type Callback = { ok: true; body: IDataObject } | { ok: false; status: number; message: string };

/**
 * The callback body: "the same format as the Get metrics data response", an object keyed by
 * metric id (https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md).
 */
function readCallback(ctx: IWebhookFunctions, maxBytes: number): Callback {
	const read = readWebhookBody(ctx, { maxBytes, what: 'a Reportei metrics callback' });
	if (!read.ok) return read;
	const body = read.body;
	if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
		return { ok: false, status: 400, message: 'The callback body is not a metrics result (an object keyed by metric id)' };
	}
	// A result under `data` (as a public client reads the get-data answer) is unwrapped by
	// metricResults (metrics.ts), like the answer of Get Data.
	return { ok: true, body: body as IDataObject };
}

/**
 * Receives the result Reportei POSTs to the `metrics_webhook_url` of Get Data Async. Reportei has
 * no subscription API and signs nothing (docs/reportei.md, "Trigger"), so each callback is
 * accepted only with the `n8n_request` token Get Data Async signed with the merchant token of the
 * same credential for this trigger's URL (its webhook ID, metrics.ts `callbackTrigger`), and each
 * request id starts at most one execution.
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
		credentials: [{ name: 'reporteiConnectApi', required: true, testedBy: 'reporteiConnectApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: TRIGGER_PATH }],
		properties: [
			{
				displayName:
					'<b>In production</b>: publish this workflow and paste this trigger\'s <b>Production URL</b> (under Webhook URLs above) into the Callback URL of Reportei Connect > Metric > Get Data Async, which must use the same credential.<br><b>To test</b>: click <b>Listen for test event</b>, paste the <b>Test URL</b> into that Callback URL and run Get Data Async once; Reportei\'s callback then shows here.<br>Only callbacks of requests signed with this credential for this trigger\'s URL are accepted, each at most once; a metric without data arrives with its error or warning.',
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

	methods = { credentialTest: { reporteiConnectApiTest } };

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
		const node = this.getNode();
		const self = { webhookId: node.webhookId, workflowId: this.getWorkflow().id, nodeName: node.name };
		const check = verifyCallbackToken(String(credentials.accessToken ?? ''), token, self, maxAgeMs, now);
		if (!check.ok) {
			const why = {
				missing: `no ${CALLBACK_PARAMETER} parameter: this URL only accepts callbacks requested by Reportei Connect > Get Data Async`,
				malformed: `the ${CALLBACK_PARAMETER} parameter is malformed`,
				signature: `the ${CALLBACK_PARAMETER} parameter was not signed with this trigger's credential`,
				trigger: `the ${CALLBACK_PARAMETER} parameter was issued for another trigger's URL: Get Data Async must point at this trigger's own URL`,
				expired: `the ${CALLBACK_PARAMETER} parameter has expired`,
			}[check.reason];
			return answer(this, check.reason === 'expired' ? 410 : 401, { error: `Callback refused: ${why}` });
		}
		const callback = readCallback(this, maxBytes);
		if (!callback.ok) return answer(this, callback.status, { error: callback.message });

		// A request id counts as delivered until its token expires; later copies are refused anyway.
		const ledger = new DeliveryLedger(triggerScope(this), this.getWorkflowStaticData('node'), { field: DELIVERED, max: MAX_REMEMBERED }, now);
		// A copy arriving while the first is being handled waits for it: it is a duplicate only when
		// the first started its execution, and acts itself when the first failed.
		const delivery = await ledger.once(check.requestId, check.issuedAt + maxAgeMs, async () => {
			const { items } = metricsOutput(
				callback.body,
				{
					output: this.getNodeParameter('output', 'keyed') as OutputMode,
					chartFormat: this.getNodeParameter('chartFormat', 'rows') as ChartFormat,
				},
				[],
				{ request_id: check.requestId },
			);
			return { acted: true, result: items };
		}).catch((error: unknown) => {
			if (error instanceof DeliveryInProgressError) return error;
			throw error;
		});
		if (delivery instanceof DeliveryInProgressError) {
			this.getResponseObject().setHeader('Retry-After', '30');
			return answer(this, delivery.status, { error: delivery.message });
		}
		if (delivery.duplicate) return { webhookResponse: { received: true, duplicate: true, request_id: check.requestId } };
		return { workflowData: [this.helpers.returnJsonArray(delivery.result)] };
	}
}
