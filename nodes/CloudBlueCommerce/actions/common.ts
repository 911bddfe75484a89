import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CLOUDBLUE } from '../transport';
import { compact } from '../../shared/descriptions';
import { inputError } from '../../shared/errors';

/** `{ resource, operation }` display options of one operation. */
export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

/** Options of a fixed list of provider values, in the provider's spelling. */
export function valueOptions(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: value.replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`).replace(/([a-z])([A-Z])/g, '$1 $2'), value }));
}

/** The report file formats, named as users know them (JSON, CSV, XML, XLSX). */
export const formatOptions: INodePropertyOptions[] = CLOUDBLUE.reportFormats.map((value) => ({ name: value.toUpperCase(), value }));

/** An ID field of one operation. */
export function idField(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, description };
}

/** `YYYY-MM-DD` from an n8n date or date-time value (the date filters of SimpleAPI take dates). */
export function toDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	if (match) return match[1];
	const parsed = new Date(text);
	return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString().slice(0, 10);
}

/**
 * An ISO 8601 date-time; a value without a time zone (as n8n's date picker gives it) is read as UTC.
 * [assumption] The spec gives no time zone for report periods; UTC is the platform's usual zone.
 */
export function toDateTime(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
	if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)) return `${text}Z`;
	return text;
}

/** A JSON field's value as an object or array, with a clear error when it is not valid JSON. */
export function jsonParameter(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): unknown {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object') return value;
	try {
		return JSON.parse(String(value));
	} catch (error) {
		throw inputError(
			ctx.getNode(),
			`The field "${field}" is not valid JSON`,
			`Fix the JSON in "${field}" (${(error as Error).message}).`,
			itemIndex,
		);
	}
}

/** The filters collection of a list operation, with empty values dropped and dates as YYYY-MM-DD. */
export function filtersOf(ctx: IExecuteFunctions, itemIndex: number, dateFields: string[] = []): IDataObject {
	const filters = { ...(ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject) };
	for (const field of dateFields) if (filters[field] !== undefined) filters[field] = toDate(filters[field]);
	return compact(filters);
}
