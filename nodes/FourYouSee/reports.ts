import type { IDataObject } from 'n8n-workflow';

import { idPath, InputError } from '../shared/fields';
import type { RequestContext } from '../shared/http';
import type { ItemContext } from '../shared/items';
import { FOURYOUSEE, fourYouSeeRequest } from './transport';

/**
 * What the report operations and the trigger share: reading a report back and telling its outcome
 * (`GET /reports/{id}`, statuses `waiting`, `success`, `failed`; docs/fouryousee.md, Sources and
 * assumptions).
 */

/** Whether a text can be a report ID: 4YouSee's are integers, and nothing may change the URL path. */
export function isReportId(text: string): boolean {
	return /^[A-Za-z0-9_-]+$/.test(text);
}

/** A report ID from a node field: numbers and numeric strings, never empty. */
export function reportIdOf(value: unknown): string {
	const id = String(value ?? '').trim();
	const empty = id === '' || id === 'undefined' || id === 'null';
	if (empty || !isReportId(id)) {
		throw new InputError(
			empty ? 'The Report ID is empty' : `"${id}" is not a report ID`,
			'Enter the ID of a 4YouSee report (a number such as 522873), or map the "id" field of the previous node, for example the 4YouSee Manager Trigger.',
		);
	}
	return id;
}

/**
 * The Report field of one item: a picker value, or the plain ID (or `{{ $json.id }}`) a workflow
 * saved before it was a picker holds.
 */
export function reportIdParameter(item: ItemContext): string {
	const raw = item.n8n.getNodeParameter('reportId', item.itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' && 'value' in (raw as IDataObject) ? (raw as IDataObject).value : raw;
	return reportIdOf(value);
}

/** The report as the API returns it now. */
export async function readReport(request: RequestContext, reportId: string): Promise<IDataObject> {
	return await fourYouSeeRequest(request, 'GET', idPath('reports', reportId, 'Report ID'));
}

export function isReady(report: IDataObject): boolean {
	return report.status === FOURYOUSEE.reportReady;
}

export function isFailed(report: IDataObject): boolean {
	return report.status === FOURYOUSEE.reportFailed;
}

/** `error.message` of a failed report, whether it is an object or a string; undefined without one. */
export function reportFailure(report: IDataObject): string | undefined {
	const error = report.error;
	if (error && typeof error === 'object') {
		const e = error as IDataObject;
		const text = [e.message, e.code ? `code ${String(e.code)}` : undefined].filter(Boolean).join(', ');
		return text || undefined;
	}
	return typeof error === 'string' && error.trim() !== '' ? error : undefined;
}

/**
 * "failed: <reason>" or, when the API's copy has none (the reason is documented only in the
 * notification to the Webhook URL), a sentence saying where it is.
 */
export function failedSentence(report: IDataObject): string {
	const reason = reportFailure(report);
	return reason
		? `failed: ${reason}`
		: 'failed; 4YouSee gives the reason only in its notification to the Webhook URL (a 4YouSee Manager Trigger outputs it in "error")';
}

/** A reason from an untrusted body is bounded: 4YouSee's is one sentence and a code. */
const MAX_REASON_LENGTH = 500;

function boundedText(value: unknown): string | number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text.slice(0, MAX_REASON_LENGTH);
}

/**
 * The `error` of a failure notification, `{code, message}` (https://4yousee-suporte.github.io/endpoints/relatorios.html)
 * or a plain string, reduced to those two fields; undefined when the body has none.
 */
export function failureReasonIn(body: unknown): IDataObject | string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error;
	if (typeof error === 'string') return boundedText(error) as string | undefined;
	if (!error || typeof error !== 'object' || Array.isArray(error)) return undefined;
	const e = error as IDataObject;
	const code = boundedText(e.code);
	const message = boundedText(e.message);
	if (code === undefined && message === undefined) return undefined;
	return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) };
}
