import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DeliveryLedger, triggerScope } from '../shared/dedupe';
import { describeHttpFailure, providerMessage } from '../shared/errors';
import { getReport } from './actions/report/common';
import { FOURYOUSEE } from './transport';

/** Larger bodies are not notifications: the report object is well under 2 KB. */
const MAX_BODY_BYTES = 64 * 1024;
/** Notification keys remembered for deduplication (the newest ones are kept). */
const MAX_REMEMBERED = 1000;
/** 4YouSee's last retry comes 26 minutes after the first delivery; a day is a wide margin. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;

type Answer = { status: number; message: string };

/**
 * Research open question 1: the success body is undocumented; the most likely shape is the report
 * object `{id, status, url, ...}`. `{report: {id}}` and `{reportId}` are accepted too. Only the ID is
 * used: everything else is read back from the API.
 */
function reportIdIn(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	const nested = b.report && typeof b.report === 'object' ? (b.report as IDataObject).id : undefined;
	const id = b.id ?? nested ?? b.reportId ?? b.report_id;
	if (typeof id !== 'number' && typeof id !== 'string') return undefined;
	const text = String(id).trim();
	return /^[A-Za-z0-9_-]{1,64}$/.test(text) ? text : undefined;
}

/** The body as JSON, or an answer explaining why it is refused. */
function readBody(ctx: IWebhookFunctions): { body: unknown } | Answer {
	const request = ctx.getRequestObject() as unknown as { rawBody?: unknown; headers?: IDataObject };
	const declared = Number(request.headers?.['content-length']);
	if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
		return { status: 400, message: `The body is larger than ${MAX_BODY_BYTES} bytes, so it is not a 4YouSee notification` };
	}
	const raw = request.rawBody;
	let text: string | undefined;
	if (raw instanceof Uint8Array) text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
	else if (typeof raw === 'string') text = raw;
	if (text === undefined) {
		const parsed = ctx.getBodyData() as unknown;
		if (typeof parsed === 'string') text = parsed;
		else {
			const size = JSON.stringify(parsed ?? {}).length;
			if (size > MAX_BODY_BYTES) return { status: 400, message: `The body is larger than ${MAX_BODY_BYTES} bytes, so it is not a 4YouSee notification` };
			return { body: parsed };
		}
	}
	if (text.length > MAX_BODY_BYTES) {
		return { status: 400, message: `The body is larger than ${MAX_BODY_BYTES} bytes, so it is not a 4YouSee notification` };
	}
	const trimmed = text.trim();
	if (trimmed === '') return { status: 400, message: 'The body is empty; a 4YouSee notification carries the report ID' };
	for (const candidate of [trimmed, trimmed.replace(/'/g, '"')]) {
		// Research "Webhooks": 4YouSee's own receiver swaps ' for " before parsing, so that is tolerated.
		try {
			return { body: JSON.parse(candidate) as unknown };
		} catch {
			continue;
		}
	}
	return { status: 400, message: 'The body is not JSON; a 4YouSee notification is a JSON report object' };
}

function answer(ctx: IWebhookFunctions, { status, message }: Answer): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

export class FourYouSeeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '4YouSee Manager Trigger',
		name: 'fourYouSeeTrigger',
		icon: { light: 'file:fouryousee.svg', dark: 'file:fouryousee.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On report " + $parameter["event"]}}',
		description: 'Starts the workflow when a 4YouSee proof-of-play report is ready or has failed',
		defaults: { name: '4YouSee Manager Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fourYouSeeApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					"4YouSee has no API to register webhooks: publish this workflow, copy this node's Production URL and paste it into the Webhook URL field of the 4YouSee Manager node's Report > Create operation. Each report notifies the URL it was created with.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'success',
				options: [
					{ name: 'Report Succeeded', value: 'success', description: 'The report file is ready to read' },
					{ name: 'Report Failed', value: 'failed', description: '4YouSee could not generate the report' },
					{ name: 'Report Succeeded or Failed', value: 'any' },
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// 4YouSee has no webhook registration API (research "Webhooks"): the URL is given per report
			// in POST /reports, so there is never anything to look up, create or delete on its side.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Nothing to register: the user pastes the Production URL into Create Report.
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing to remove; reports created with this URL keep notifying it until they finish.
				return true;
			},
		},
	};

	/**
	 * Never trusts the body: takes only the report ID from it and emits the report as the API returns
	 * it. Each (report, status) starts one execution however often 4YouSee repeats the notification
	 * (it retries after 2, 6 and 18 minutes without a 2xx). The record is written to the node's static
	 * data here; n8n saves it when the webhook response is sent (production webhooks), see docs.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = readBody(this);
		if ('status' in read) return answer(this, read);
		const id = reportIdIn(read.body);
		if (id === undefined) {
			return answer(this, { status: 400, message: 'No report ID in the body; expected a 4YouSee report object with "id"' });
		}

		// `success` and `failed` are final, so one key per report: a repeat needs no API call. The claim
		// is taken before the read below, so a copy arriving meanwhile is already a duplicate.
		const ledger = new DeliveryLedger(triggerScope(this), this.getWorkflowStaticData('node'), {
			field: 'notifications',
			max: MAX_REMEMBERED,
		});
		const key = String(id);
		if (!ledger.claim(key, Date.now() + REMEMBER_MS)) return {};

		let report: IDataObject;
		try {
			report = await getReport(this, id);
		} catch (error) {
			ledger.release(key);
			const failure = describeHttpFailure(error);
			const said = providerMessage(failure.body) ?? (error as Error).message;
			if (failure.status === 404 || failure.status === 403 || /does not belong/i.test(said)) {
				this.logger.warn(`4YouSee notification for report ${id} ignored: this account cannot read it (${said})`);
				return answer(this, { status: 404, message: `Report ${id} is not a report of this account` });
			}
			// Not acknowledged, so 4YouSee sends it again later (credential fixed, API back, ...).
			this.logger.error(`4YouSee notification for report ${id} could not be checked: ${said}`);
			return answer(this, { status: 503, message: `Report ${id} could not be read back from 4YouSee; send it again later` });
		}

		const status = String(report.status ?? '');
		if (status !== FOURYOUSEE.reportReady && status !== FOURYOUSEE.reportFailed) {
			// Not finished according to the API: a 4xx makes 4YouSee repeat it, by which time it may be.
			ledger.release(key);
			return answer(this, { status: 409, message: `Report ${id} is "${status}", not finished; nothing was started` });
		}
		const event = this.getNodeParameter('event', 'success') as string;
		if (event !== 'any' && event !== status) return {};

		return { workflowData: [this.helpers.returnJsonArray([report])] };
	}
}
