import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../../shared/http';
import { cloudBlueRequest, itemPath } from '../../transport';

export type ReportFormat = 'json' | 'csv' | 'xml' | 'xlsx';

const MIME_TYPES: Record<ReportFormat, string> = {
	json: 'application/json',
	csv: 'text/csv',
	xml: 'application/xml',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A report as the API sent it, with `format` and `status` in lower case: the RDE how-to shows
 * formats in upper case ("XLSX", "JSON") where the spec's enum is lower case, and misspells xlsx
 * as "xslx" (research/providers.md section 2, RDE endpoints).
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

/**
 * The identity of a report across polls. Older servers list reports without an `id` (the RDE how-to
 * example has none), so the download link without its SAS query, or name and creation date, stand in.
 */
export function reportKey(report: IDataObject): string {
	if (report.id !== undefined && report.id !== null && report.id !== '') return `id:${String(report.id)}`;
	if (typeof report.downloadUrl === 'string' && report.downloadUrl) return `url:${report.downloadUrl.split('?')[0]}`;
	return `name:${String(report.name ?? '')}@${String(report.creationDate ?? '')}`;
}

/** The report's format, from its `format` field or else the file name in its link. */
export function formatOf(report: IDataObject): ReportFormat | undefined {
	const format = normalizeReport(report).format;
	if (typeof format === 'string' && format in MIME_TYPES) return format as ReportFormat;
	const ext = /\.([a-z]+)(?:\.gz)?$/i.exec(pathOf(report.downloadUrl))?.[1]?.toLowerCase();
	return ext && ext in MIME_TYPES ? (ext as ReportFormat) : undefined;
}

function pathOf(url: unknown): string {
	if (typeof url !== 'string') return '';
	try {
		return decodeURIComponent(new URL(url).pathname);
	} catch {
		return url.split('?')[0];
	}
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

export async function getReport(ctx: RequestContext, reportId: string, itemIndex?: number): Promise<IDataObject> {
	return normalizeReport(await cloudBlueRequest(ctx, 'GET', itemPath('reports', reportId), { itemIndex }));
}
