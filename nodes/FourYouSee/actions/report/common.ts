import type { IDataObject, INode } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { pathSegment, type RequestContext } from '../../../shared/http';
import { FOURYOUSEE, fourYouSeeRequest } from '../../transport';

/** The report as `GET /reports/{id}` returns it (research "Reports / playlogs"). */
export async function getReport(ctx: RequestContext, reportId: string, itemIndex?: number): Promise<IDataObject> {
	return await fourYouSeeRequest(ctx, 'GET', `/reports/${pathSegment(reportId)}`, { itemIndex });
}

/** A report ID from a node field: numbers and numeric strings, never empty. */
export function reportIdOf(node: INode, value: unknown, itemIndex?: number): string {
	const id = String(value ?? '').trim();
	if (id === '' || id === 'undefined' || id === 'null' || !/^[A-Za-z0-9_-]+$/.test(id)) {
		throw inputError(
			node,
			id === '' || id === 'undefined' || id === 'null' ? 'The Report ID is empty' : `"${id}" is not a report ID`,
			'Enter the ID of a 4YouSee report (a number such as 522873), or map the "id" field of the previous node, for example the 4YouSee Manager Trigger.',
			itemIndex,
		);
	}
	return id;
}

/** `error.message` of a failed report, whether it is an object or a string. */
export function reportFailure(report: IDataObject): string {
	const error = report.error;
	if (error && typeof error === 'object') {
		const e = error as IDataObject;
		return [e.message, e.code ? `code ${String(e.code)}` : undefined].filter(Boolean).join(', ');
	}
	return typeof error === 'string' ? error : 'no reason given';
}

export function isReady(report: IDataObject): boolean {
	return report.status === FOURYOUSEE.reportReady;
}

export function isFailed(report: IDataObject): boolean {
	return report.status === FOURYOUSEE.reportFailed;
}

/**
 * A date and time as the 4YouSee filter wants it: `YYYY-MM-DD` and `HH:MM:SS`, taken as written
 * (the wall-clock time of the account; no time zone conversion). Accepts what n8n's date field and
 * expressions give: `2026-11-01`, `2026-11-01T08:00:00`, ISO strings with an offset, Luxon and Date.
 */
export function wallClock(
	node: INode,
	value: unknown,
	field: string,
	itemIndex?: number,
	defaultTime = '00:00:00',
): { date: string; time: string } {
	let text: string;
	if (value instanceof Date) text = value.toISOString();
	else if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = String((value as { toISO: () => string }).toISO());
	} else text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
	if (!match) {
		throw inputError(
			node,
			text === '' ? `${field} is empty` : `${field} "${text}" is not a date`,
			`Pick a date in ${field}, or give one as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.`,
			itemIndex,
		);
	}
	const time = match[2] ? `${match[2]}:${match[3]}:${match[4] ?? '00'}` : defaultTime;
	return { date: match[1], time };
}

/** Milliseconds of a wall-clock date and time, for range arithmetic only. */
export function wallClockMs(value: { date: string; time: string }): number {
	return Date.parse(`${value.date}T${value.time}Z`);
}
