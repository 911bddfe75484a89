import type { IDataObject } from 'n8n-workflow';

import { calendarDay, idPath, InputError } from '../shared/fields';
import type { RequestContext } from '../shared/http';
import { locatorText } from '../shared/locators';
import { CLOUDBLUE, cloudBlueListPages, cloudBlueObject } from './transport';

/**
 * Rated data reports as the report operations, the picker and the trigger read them: normalised,
 * listed, identified across polls, referenced by ID or download link, and named as files.
 *
 * Two shapes are documented (docs/cloudblue.md, Sources and assumptions): the RDE how-to lists
 * `{name, format: "XLSX", creationDate, downloadUrl}`, without `id`, `status` or `type` (seed
 * 001, fixture cb-reports-list-rde-howto); the spec v1.15 `Report` has all of them
 * (cb-reports-list-schema, cb-reports-get).
 */

type ReportFormat = (typeof CLOUDBLUE.reportFormats)[number];

const MIME_TYPES: Record<ReportFormat, string> = {
	json: 'application/json',
	csv: 'text/csv',
	xml: 'application/xml',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const DAY_MS = 86_400_000;

/**
 * A report as the API sent it, with `format` and `status` in lower case: the RDE how-to shows
 * formats in upper case ("XLSX", "JSON") where the spec's enum is lower case, and misspells xlsx
 * as "xslx".
 */
export function normalizeReport(report: IDataObject): IDataObject {
	const out = { ...report };
	if (typeof out.format === 'string') {
		const format = out.format.toLowerCase();
		out.format = format === 'xslx' ? 'xlsx' : format;
	}
	if (typeof out.status === 'string') out.status = out.status.toLowerCase();
	return out;
}

function hasLink(report: IDataObject): boolean {
	return typeof report.downloadUrl === 'string' && report.downloadUrl.trim() !== '';
}

/**
 * Whether a report's file is ready. The how-to lists exported files without a status: a listed
 * file with a link counts as completed.
 */
export function isCompleted(report: IDataObject): boolean {
	const status = report.status;
	if (status === undefined || status === null || status === '') return hasLink(report);
	return String(status).toLowerCase() === 'completed';
}

/**
 * The identity of a report across polls: its `id`, or, for servers that list reports without one
 * (the RDE how-to), the download link without its SAS query, which is signed anew.
 * ASSUMPTION: a report's blob path does not change between polls (only its SAS query may).
 */
export function reportKey(report: IDataObject): string {
	if (report.id !== undefined && report.id !== null && report.id !== '') return `id:${String(report.id)}`;
	if (hasLink(report)) return `url:${String(report.downloadUrl).split('?')[0]}`;
	return `name:${String(report.name ?? '')}@${String(report.creationDate ?? '')}`;
}

function pathOf(url: unknown): string {
	if (typeof url !== 'string') return '';
	try {
		return decodeURIComponent(new URL(url).pathname);
	} catch {
		return url.split('?')[0];
	}
}

/** The report's format, from its `format` field or else the file name in its link. */
export function formatOf(report: IDataObject): ReportFormat | undefined {
	const format = normalizeReport(report).format;
	if (typeof format === 'string' && format in MIME_TYPES) return format as ReportFormat;
	const ext = /\.([a-z]+)(?:\.gz)?$/i.exec(pathOf(report.downloadUrl))?.[1]?.toLowerCase();
	return ext && ext in MIME_TYPES ? (ext as ReportFormat) : undefined;
}

/** The file's name: the blob's own name from the link, else `<report name>.<format>`. */
export function fileNameOf(report: IDataObject): string {
	const last = pathOf(report.downloadUrl).split('/').pop();
	if (last && /\.[A-Za-z0-9]+$/.test(last)) return last;
	const base = String(report.name ?? report.id ?? 'report').replace(/[\\/:*?"<>|]+/g, '_');
	return `${base}.${formatOf(report) ?? 'bin'}`;
}

export function mimeTypeOf(report: IDataObject, fileName: string): string {
	if (/\.gz$/i.test(fileName)) return 'application/gzip';
	const format = formatOf(report);
	return format ? MIME_TYPES[format] : 'application/octet-stream';
}

/** How a report is named in messages: never with its link's query (the SAS signature). */
export function reportLabel(report: IDataObject): string {
	if (report.id !== undefined && report.id !== null && report.id !== '') return `Report ${String(report.id)}`;
	if (report.name) return `Report "${String(report.name)}"${report.creationDate ? ` of ${String(report.creationDate)}` : ''}`;
	return hasLink(report) ? `The report file ${fileNameOf(report)}` : 'The report';
}

export async function getReport(request: RequestContext, reportId: unknown): Promise<IDataObject> {
	return normalizeReport(await cloudBlueObject(request, 'GET', idPath('reports', reportId, 'Report ID')));
}

/** Every report `GET /reports` lists for `qs`, normalised, page by page as the caller reads them. */
export async function* eachReport(request: RequestContext, qs: IDataObject): AsyncGenerator<IDataObject> {
	const pages = cloudBlueListPages(request, '/reports', qs, { returnAll: true, pageSize: CLOUDBLUE.pageSize });
	for await (const page of pages) for (const report of page) yield normalizeReport(report);
}

/** `YYYY-MM-DD` of the UTC day `days` after `day` (before, when negative). */
export function shiftDay(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function today(now = Date.now()): string {
	return new Date(now).toISOString().slice(0, 10);
}

export interface ReportPeriod {
	from: string;
	to: string;
	/** Which ends were not given and took the default window. */
	defaulted: Array<'from' | 'to'>;
}

/**
 * The period of a `GET /reports` request. The RDE how-to: "a request contains the following query
 * parameters: from ... to" (the first and the last day): an end left empty takes the default
 * window (today, and `defaultReportDays` before the other end).
 */
export function reportPeriod(from: unknown, to: unknown, now = Date.now()): ReportPeriod {
	const given = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';
	const defaulted: ReportPeriod['defaulted'] = [];
	let last: string;
	if (given(to)) last = calendarDay(to, 'To');
	else {
		last = today(now);
		defaulted.push('to');
	}
	let first: string;
	if (given(from)) first = calendarDay(from, 'From');
	else {
		first = shiftDay(last, -CLOUDBLUE.defaultReportDays);
		defaulted.push('from');
	}
	if (first > last) {
		throw new InputError(`From (${first}) is after To (${last})`, 'Set From to a day on or before To, or leave To empty for today.');
	}
	return { from: first, to: last, defaulted };
}

/** What Download was given: a report ID, a download link, or a whole report item mapped in. */
export interface ReportReference {
	id?: string;
	downloadUrl?: string;
	report?: IDataObject;
}

function isReportObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value) && ('downloadUrl' in value || 'id' in value);
}

/**
 * Reads the Report field: a picker value, a plain ID or link saved by older workflows, or a report
 * item (or its JSON) mapped in from Get Many, Get or Create.
 */
export function reportReference(raw: unknown): ReportReference | undefined {
	let value: unknown = raw;
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) value = (value as IDataObject).value;
	if (typeof value === 'string' && value.trim().startsWith('{')) {
		try {
			value = JSON.parse(value.trim()) as unknown;
		} catch {
			// Not a report's JSON: read it as an ID below.
		}
	}
	if (isReportObject(value)) {
		const report = normalizeReport(value);
		const id = locatorText(report.id);
		return { report, ...(id ? { id } : {}), ...(hasLink(report) ? { downloadUrl: String(report.downloadUrl).trim() } : {}) };
	}
	const text = locatorText(value);
	if (text === '') return undefined;
	return /^https?:\/\//i.test(text) ? { downloadUrl: text } : { id: text };
}
