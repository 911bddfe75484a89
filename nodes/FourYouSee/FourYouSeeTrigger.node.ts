import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DeliveryInProgressError, DeliveryLedger, triggerScope } from '../shared/dedupe';
import { failureOf } from '../shared/errors';
import { requestContext } from '../shared/http';
import { answer, readWebhookBody } from '../shared/webhook';
import { readPythonLiteral } from './pythonLiteral';
import { accountOf, checkReport } from './reportCheck';
import { failureReasonIn, isFailed, isReady, isReportId } from './reports';

/** Larger bodies are not notifications: the report object is well under 2 KB. */
const MAX_BODY_BYTES = 64 * 1024;
/** Notification keys remembered for deduplication (the newest ones are kept). */
const MAX_REMEMBERED = 1000;
/** 4YouSee's last retry comes 26 minutes after the first delivery; a day is a wide margin. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;
/**
 * How long a copy of a notification waits for the first delivery still being checked before it is
 * answered 503 (4YouSee sends it again later); the first delivery's own answer decides otherwise.
 */
const COPY_WAIT_MS = 20_000;
/** An ID from an untrusted body is bounded too: 4YouSee's are short integers. */
const MAX_ID_LENGTH = 64;

/**
 * ASSUMPTION: the success body is undocumented; the most likely shape is the report object
 * `{id, status, url, ...}` (docs/fouryousee.md, Sources and assumptions). `{report: {id}}` and
 * `{reportId}` are accepted too. Only the ID is used: everything else is read back from the API.
 */
function reportIdIn(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const b = body as IDataObject;
	const nested = b.report && typeof b.report === 'object' ? (b.report as IDataObject).id : undefined;
	const id = b.id ?? nested ?? b.reportId ?? b.report_id;
	if (typeof id !== 'number' && typeof id !== 'string') return undefined;
	const text = String(id).trim();
	return text.length <= MAX_ID_LENGTH && isReportId(text) ? text : undefined;
}

/**
 * The report to emit: the API's copy, the only source for everything but one thing. The reason of a
 * failure is documented only in the notification (`{id, status, error, filter}`, the seed's
 * "Relatórios" page; no source shows `error` in `GET /reports/{id}`), so when the API's failed report
 * has none, the notification's `error` is kept, and `errorSource` says where the reason came from.
 */
function emitted(report: IDataObject, body: unknown): IDataObject {
	if (!isFailed(report)) return report;
	if (report.error !== undefined && report.error !== null && report.error !== '') return { ...report, errorSource: 'api' };
	const reason = failureReasonIn(body);
	return reason === undefined ? report : { ...report, error: reason, errorSource: 'notification' };
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
					"4YouSee has no API to register webhooks: each report notifies the URL it was created with. <b>Production:</b> publish this workflow, copy this node's Production URL and paste it into Webhook URL of the 4YouSee Manager node's Report > Create. <b>Testing:</b> click Listen for Test Event, then paste the Test URL into a Report > Create and run it; the Test URL only listens for a short while and reports can take longer, so you can also POST the output of a Report > Get of a finished report to the Test URL yourself (curl, HTTP Request node).",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				default: 'success',
				description: 'Which outcome of a report starts the workflow, as the API reports it (the notification is only used for the report ID)',
				options: [
					{ name: 'Report Succeeded', value: 'success', description: 'The report file is ready to read' },
					{
						name: 'Report Failed',
						value: 'failed',
						description: '4YouSee could not generate the report; the output has the reason in "error"',
					},
					{ name: 'Report Succeeded or Failed', value: 'any', description: 'Either outcome; check "status" in the output' },
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// 4YouSee has no webhook registration API (docs/fouryousee.md, Trigger setup): the URL is given
			// per report in POST /reports, so there is never anything to look up, create or delete on its side.
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
	 * Never trusts the body: takes only the report ID from it (and a failure's reason, see `emitted`)
	 * and emits the report as the API returns it. Each report starts one execution however often 4YouSee repeats the notification (it retries
	 * after 2, 6 and 18 minutes without a 2xx). The record is written to the node's static data here;
	 * n8n saves it when the webhook response is sent (production webhooks; docs/fouryousee.md,
	 * Trigger setup).
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const read = readWebhookBody(this, {
			maxBytes: MAX_BODY_BYTES,
			what: 'a 4YouSee notification',
			// 4YouSee's reference receiver reads bodies as Python literals, so a sender it works with may
			// write single quotes, None, True and False (docs/fouryousee.md, Trigger setup).
			lenient: [readPythonLiteral],
		});
		if (!read.ok) return answer(this, read.status, { message: read.message });
		const id = reportIdIn(read.body);
		if (id === undefined) {
			return answer(this, 400, { message: 'No report ID in the body; expected a 4YouSee report object with "id"' });
		}

		// `success` and `failed` are final, so one key per report: a repeat needs no API call. The claim
		// is taken before the read below, so a copy arriving meanwhile is already a duplicate; it is
		// released whenever nothing was started, so 4YouSee's next attempt is accepted.
		const ledger = new DeliveryLedger(triggerScope(this), this.getWorkflowStaticData('node'), {
			field: 'notifications',
			max: MAX_REMEMBERED,
			maxWaitMs: COPY_WAIT_MS,
		});
		const account = accountOf((await this.getCredentials('fourYouSeeApi').catch(() => undefined)) as IDataObject | undefined);
		const outcome = await ledger.once(id, Date.now() + REMEMBER_MS, async () => {
			let report: IDataObject;
			try {
				// Coalesced per account, in the pacer's background lane for single reads (reportCheck.ts).
				report = await checkReport(requestContext(this), account, id);
			} catch (error) {
				const failure = failureOf(error);
				const said = failure?.said ?? (error as Error).message;
				// ASSUMPTION: the status of "does not belong to current user" is undocumented; any 403 or 404 is
				// read as a report of another account (docs/fouryousee.md, Sources and assumptions).
				if (failure?.notFound || failure?.status === 404 || failure?.status === 403) {
					this.logger.warn(`4YouSee notification for report ${id} ignored: this account cannot read it (${said})`);
					return { acted: false, result: answer(this, 404, { message: `Report ${id} is not a report of this account` }) };
				}
				// Not acknowledged, so 4YouSee sends it again later (credential fixed, API back, ...).
				this.logger.error(`4YouSee notification for report ${id} could not be checked: ${said}`);
				return {
					acted: false,
					result: answer(this, 503, { message: `Report ${id} could not be read back from 4YouSee; send it again later` }),
				};
			}
			if (!isReady(report) && !isFailed(report)) {
				// Not finished according to the API: a 4xx makes 4YouSee repeat it, by which time it may be.
				const status = String(report.status ?? '');
				return {
					acted: false,
					result: answer(this, 409, { message: `Report ${id} is "${status}", not finished; nothing was started` }),
				};
			}
			const event = this.getNodeParameter('event', 'success') as string;
			if (event !== 'any' && event !== report.status) return { acted: true, result: {} };
			return { acted: true, result: { workflowData: [this.helpers.returnJsonArray([emitted(report, read.body)])] } };
		}).catch((error: unknown) => {
			// A copy whose first delivery is still being checked: never a 200 that might start nothing.
			if (error instanceof DeliveryInProgressError) return { duplicate: true as const, busy: error };
			throw error;
		});
		if ('busy' in outcome) return answer(this, 503, { message: outcome.busy.message });
		return outcome.duplicate ? {} : outcome.result;
	}
}
