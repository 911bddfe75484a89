import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, jsonParse } from 'n8n-workflow';

import { idList, listOptions } from '../../shared/descriptions';
import { inputError } from '../../shared/errors';
import { pathSegment } from '../../shared/http';
import { FOURYOUSEE, fourYouSeeList, fourYouSeeRequest } from '../transport';

/**
 * Pieces the library resources (players, playlists, medias, categories, uploads, news, sources,
 * templates, users) share: IDs in paths, JSON fields, Manager date formats, lists and deletes.
 */

/** `<collection>/<id>` with a user-supplied ID, refused when empty instead of hitting the list endpoint. */
export function objectPath(ctx: IExecuteFunctions, collection: string, id: unknown, label: string, itemIndex: number): string {
	const text = String(id ?? '').trim();
	if (text === '' || text === '.' || text === '..') {
		throw inputError(ctx.getNode(), `The ${label} is empty`, `Enter the ${label} of an existing object, or map it from an earlier node.`, itemIndex);
	}
	return `${collection}/${pathSegment(text)}`;
}

/** A required ID parameter of one item, as a path. */
export function pathFromParameter(
	ctx: IExecuteFunctions,
	collection: string,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	return objectPath(ctx, collection, ctx.getNodeParameter(parameter, itemIndex), label, itemIndex);
}

/** A JSON field (typed text or an object/array from an expression), checked for the expected shape. */
export function jsonField(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	expect: 'object' | 'array',
	itemIndex: number,
): IDataObject | IDataObject[] {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') parsed = expect === 'array' ? [] : {};
		else {
			try {
				parsed = jsonParse(text);
			} catch {
				throw inputError(
					ctx.getNode(),
					`${label} is not valid JSON`,
					expect === 'array' ? `Enter a JSON array, for example [{"type": "media", "id": 12}].` : `Enter a JSON object, for example {"product": "Apple Juice"}.`,
					itemIndex,
				);
			}
		}
	}
	const isArray = Array.isArray(parsed);
	const ok = expect === 'array' ? isArray : !!parsed && typeof parsed === 'object' && !isArray;
	if (!ok) {
		throw inputError(
			ctx.getNode(),
			`${label} must be a JSON ${expect}`,
			expect === 'array' ? 'Wrap the entries in [ and ].' : 'Enter an object in { and }.',
			itemIndex,
		);
	}
	return parsed as IDataObject | IDataObject[];
}

/** Comma-separated IDs as numbers (the Manager's IDs are integers); a non-number is refused. */
export function numberList(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): number[] {
	return idList(value).map((id) => {
		const n = typeof id === 'number' ? id : Number(id);
		if (!Number.isInteger(n)) {
			throw inputError(ctx.getNode(), `${label} contains "${id}", which is not a number`, `Enter numeric IDs separated by commas, for example 1, 24.`, itemIndex);
		}
		return n;
	});
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * A date-time as the Manager writes it, "2017-03-01 09:00:00" (research section 1, News). The time
 * is taken as written, in the account's own time zone: an offset or "Z" after it is dropped, not
 * converted (assumption: the Manager stores local wall-clock times).
 */
export function managerDateTime(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value ?? '');
	const match = WALL_CLOCK.exec(text);
	if (!match) {
		throw inputError(ctx.getNode(), `${label} "${text}" is not a date`, 'Enter a date and time such as 2026-03-01 09:00:00.', itemIndex);
	}
	const [, date, h = '00', m = '00', s = '00'] = match;
	return `${date} ${h}:${m}:${s}`;
}

/** Only the date part, "2019-05-27", for list filters. */
export function managerDate(ctx: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	return managerDateTime(ctx, value, label, itemIndex).slice(0, 10);
}

/** The filters collection every Get Many of the library has, with `sort` (options in n8n's alphabetical order). */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			...options,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: '-id,name',
				description: 'Comma-separated fields to sort by; a leading minus sorts that field descending',
			} as INodeProperties,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Runs a Get Many: `qs` are the filters, Return All / Limit come from the item (pages of 100). */
export async function listAll(
	ctx: IExecuteFunctions,
	path: string,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject[]> {
	const query: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') query[key] = value;
	}
	return await fourYouSeeList(ctx, path, query, listOptions(ctx, itemIndex, FOURYOUSEE.pageSize), itemIndex);
}

/**
 * Client-side check of the `id`/`name` filters on lists where the research documents none (players,
 * playlists, categories): if the Manager applies them this changes nothing, if it ignores them the
 * output still matches what the user asked for.
 */
export function keepMatching(items: IDataObject[], ids: Array<number | string>, name: string): IDataObject[] {
	const wanted = new Set(ids.map(String));
	const needle = name.trim().toLowerCase();
	return items.filter(
		(item) =>
			(wanted.size === 0 || wanted.has(String(item.id))) &&
			(needle === '' || String(item.name ?? '').toLowerCase().includes(needle)),
	);
}

/** DELETE that answers 204 with no body (players, playlists, uploads, news): n8n's `{ deleted: true }`. */
export async function deleteObject(ctx: IExecuteFunctions, path: string, itemIndex: number): Promise<IDataObject> {
	await fourYouSeeRequest(ctx, 'DELETE', path, { itemIndex });
	return { deleted: true };
}

/** The body the Manager answered with, read from an error thrown by the transport. */
export function errorBody(error: unknown): IDataObject | undefined {
	const response = (error as { errorResponse?: { body?: unknown } }).errorResponse;
	const body = response?.body;
	return body && typeof body === 'object' ? (body as IDataObject) : undefined;
}

/** The HTTP status of an error thrown by the transport, when the Manager answered. */
export function errorStatus(error: unknown): number | undefined {
	const code = (error as { httpCode?: unknown }).httpCode;
	const n = typeof code === 'string' ? Number(code) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

/** A clear "not found" for answers that mean it without saying 404. */
export function notFoundError(ctx: IExecuteFunctions, what: string, id: unknown, said: string, itemIndex: number): NodeApiError {
	return new NodeApiError(
		ctx.getNode(),
		{ message: `${what} ${String(id)} was not found`, httpCode: '404' },
		{
			message: `${what} ${String(id)} was not found`,
			description: `4YouSee Manager answered: ${said}. Check the ${what} ID; the ${what.toLowerCase()} may already have been deleted.`,
			httpCode: '404',
			itemIndex,
		},
	);
}

/** An error from the transport with a sentence added to its description (what happened around it). */
export function withNote(error: unknown, note: string): Error {
	const e = error as Error & { description?: string | null };
	if (note) e.description = [e.description, note].filter(Boolean).join(' ');
	return e;
}
