import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { listOptions } from '../../shared/descriptions';
import { idList } from '../../shared/fields';
import { executionHint } from '../../shared/hints';
import type { ItemContext } from '../../shared/items';
import { FOURYOUSEE, fourYouSeeList, fourYouSeeRequest } from '../transport';

/** Pieces several 4YouSee resources share: the Get Many filters and sort, the list call and deletes. */

/** A field a Manager list can be sorted by, as the Sort field offers it. */
export interface SortField {
	name: string;
	value: string;
}

/**
 * `id` and `name`: the fields the documents sort by (`sort=name`, exemplos/conteudos.md;
 * `sort=-name,id`, templates.md; `?sort=-id,name`, Postman documenter).
 */
export const BY_ID_AND_NAME: SortField[] = [
	{ name: 'ID', value: 'id' },
	{ name: 'Name', value: 'name' },
];

/**
 * The filters collection of a Get Many, with Sort By (a field of the list) and Sort Direction
 * (options in n8n's alphabetical order). Node version 1 keeps the free-text Sort under the same
 * name, so workflows saved with a text such as `-id,name` keep running and showing it.
 */
export function filtersProperty(options: INodeProperties[], sortFields: SortField[] = BY_ID_AND_NAME): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: ([
			...options,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'string',
				default: '',
				placeholder: 'e.g. -id,name',
				description: 'Comma-separated fields to sort by; a leading minus sorts that field descending',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Sort By',
				name: 'sort',
				type: 'options',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
				default: 'id',
				options: [...sortFields].sort((a, b) => a.name.localeCompare(b.name)),
				description:
					'The field 4YouSee orders the results by (by ID when not set). If the Manager ignores it, the node sorts what it read.',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				default: 'ascending',
				options: [
					{ name: 'Ascending', value: 'ascending', description: 'Smallest or A first' },
					{ name: 'Descending', value: 'descending', description: 'Largest or Z first' },
				],
				description: 'With Sort By: the order of the results',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

interface SortKey {
	field: string;
	descending: boolean;
}

/**
 * The sort of one Get Many: Sort By and Sort Direction, or the text an older workflow saved in the
 * same field (`-id,name`: comma-separated, a leading minus descending).
 */
export function sortKeys(filters: IDataObject): SortKey[] {
	// Sort Direction alone sorts by ID, the Manager's own order.
	const field = String(filters.sort ?? (filters.sortDirection ? 'id' : '')).trim();
	if (field === '') return [];
	const keys = field
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.map((part) => ({ field: part.replace(/^[-+]/, ''), descending: part.startsWith('-') }));
	if (keys.length === 1 && !/^[-+]/.test(field) && filters.sortDirection === 'descending') keys[0].descending = true;
	return keys;
}

function sortText(keys: SortKey[]): string | undefined {
	return keys.length ? keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(',') : undefined;
}

/** Numbers by value, anything else as text, case-insensitive; missing values last. */
function compareValues(a: unknown, b: unknown): number {
	const missingA = a === undefined || a === null || a === '';
	const missingB = b === undefined || b === null || b === '';
	if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
	const x = Number(a);
	const y = Number(b);
	if (typeof a !== 'boolean' && typeof b !== 'boolean' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
	return String(a).localeCompare(String(b), undefined, { sensitivity: 'base', numeric: true });
}

/** Plain code-unit order: a server that sorts bytewise ("B" before "a") sorted all the same. */
function compareRaw(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const x = a === undefined || a === null ? '' : String(a);
	const y = b === undefined || b === null ? '' : String(b);
	return x === y ? 0 : x < y ? -1 : 1;
}

function compareBy(keys: SortKey[], values = compareValues) {
	return (a: IDataObject, b: IDataObject) => {
		for (const key of keys) {
			const order = values(a[key.field], b[key.field]);
			if (order !== 0) return key.descending ? -order : order;
		}
		return 0;
	};
}

/**
 * The list in the order asked for. ASSUMPTION: the Manager may ignore `sort` (its only multi-page
 * sample is in ID order although its doc line asks for `sort=-name,id`, docs/fouryousee.md), so
 * what comes back is checked and, when out of order, sorted here; with a Limit the hint says the
 * items may not be the first ones in that order.
 */
function inOrder(item: ItemContext, items: IDataObject[], keys: SortKey[], limited: boolean): IDataObject[] {
	if (keys.length === 0 || items.length < 2) return items;
	const compare = compareBy(keys);
	const inSomeOrder = (cmp: (a: IDataObject, b: IDataObject) => number) => items.every((entry, i) => i === 0 || cmp(items[i - 1], entry) <= 0);
	// Sorted by the Manager under either collation: its order stands.
	if (inSomeOrder(compare) || inSomeOrder(compareBy(keys, compareRaw))) return items;
	if (limited) {
		executionHint(
			item.n8n,
			`4YouSee did not apply the sort (${sortText(keys) ?? ''}), so the ${items.length} results were sorted here. With a Limit they are the first ones in 4YouSee's own order, not necessarily the first by that field: turn on Return All for an exact result.`,
			'warning',
		);
	}
	return [...items].sort(compare);
}

/**
 * The IDs and Name filters most Manager lists take: `what` names one item ("player"), `plural`
 * starts the Name description ("Players").
 */
export function idAndNameFilters(what: string, plural: string, placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'IDs',
			name: 'id',
			type: 'string',
			default: '',
			placeholder,
			description: `Comma-separated ${what} IDs`,
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: `${plural} whose name contains this text`,
		},
	];
}

/**
 * Runs a Get Many: `qs` are the filters (empty ones left out), the sort and Return All / Limit come
 * from the item.
 */
export async function listAll(item: ItemContext, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const filters = item.n8n.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const keys = sortKeys(filters);
	const options = listOptions(item, FOURYOUSEE.pageSize);
	const items = await fourYouSeeList(item, path, { ...qs, sort: sortText(keys) }, options);
	return inOrder(item, items, keys, !options.returnAll);
}

/**
 * Client-side check of the `id`/`name` filters on lists whose documents name no filters (players,
 * playlists, categories): if the Manager applies them this changes nothing, if it ignores them the
 * output still matches what the user asked for.
 */
export function keepMatching(items: IDataObject[], ids: Array<number | string>, name: string): IDataObject[] {
	const wanted = new Set(ids.map(String));
	const needle = name.trim().toLowerCase();
	return items.filter(
		(entry) =>
			(wanted.size === 0 || wanted.has(String(entry.id))) &&
			(needle === '' || String(entry.name ?? '').toLowerCase().includes(needle)),
	);
}

/**
 * The Get Many of players, playlists and media categories. ASSUMPTION: their lists take `id` and
 * `name` like the documented ones (medias, templates, news sources); the filters are sent and also
 * applied to what comes back (docs/fouryousee.md, Sources and assumptions).
 */
export async function listByIdAndName(item: ItemContext, path: string): Promise<IDataObject[]> {
	const filters = item.n8n.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const ids = idList(filters.id);
	const found = await listAll(item, path, { id: ids.join(','), name: filters.name });
	const kept = keepMatching(found, ids, String(filters.name ?? ''));
	if (kept.length < found.length && !(item.n8n.getNodeParameter('returnAll', item.itemIndex, false) as boolean)) {
		executionHint(
			item.n8n,
			`4YouSee did not apply the ID or Name filter, so it was applied to the ${found.length} records read: ${kept.length} matched. With a Limit there may be more matches further on: turn on Return All to see them all.`,
			'warning',
		);
	}
	return kept;
}

/** DELETE that answers 204 with no body (players, playlists, uploads, news): n8n's `{ deleted: true }`. */
export async function deleteObject(item: ItemContext, path: string): Promise<IDataObject> {
	await fourYouSeeRequest(item, 'DELETE', path);
	return { deleted: true };
}
