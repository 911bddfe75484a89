import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { InputError } from './fields';
import type { ItemContext } from './items';

/**
 * Pickers for IDs a list of this package can supply: n8n's resource locator with "From List"
 * (searchable, paged), "By ID" and, where the provider has a web page for the object, "By URL".
 * Workflows saved before a field became a picker hold a plain string there; `locatorValue` reads
 * both.
 */

export interface LocatorInput {
	displayName: string;
	name: string;
	description: string;
	/** The `methods.listSearch` function that lists the objects. */
	searchListMethod: string;
	/** Placeholder of the "By ID" mode, e.g. "e.g. 522873". */
	idPlaceholder: string;
	/** A regex the ID must match ("By ID" validation and the error text), e.g. "^[0-9]+$". */
	idPattern?: string;
	/**
	 * How to get the ID out of the object's web address, where the provider has one. Without
	 * `extract` the whole address is the value (for objects a link stands for, such as a file).
	 */
	url?: { placeholder: string; regex: string; extract?: string; displayName?: string };
	required?: boolean;
}

/** A resource locator field for one ID. */
export function idLocator(input: LocatorInput): INodeProperties {
	// The modes sit inside the field itself, where n8n's linter reads them as modes, not fields.
	const field: INodeProperties = {
		displayName: input.displayName,
		name: input.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: input.required ?? true,
		description: input.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: input.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: input.idPlaceholder,
				...(input.idPattern
					? {
							validation: [
								{
									type: 'regex',
									properties: { regex: input.idPattern, errorMessage: `Not a valid ${input.displayName}` },
								},
							],
						}
					: {}),
			},
			{
				displayName: input.url?.displayName ?? 'By URL',
				name: 'url',
				type: 'string',
				placeholder: input.url?.placeholder ?? '',
				validation: [
					{ type: 'regex', properties: { regex: input.url?.regex ?? '', errorMessage: `Not a ${input.displayName} URL` } },
				],
				...(input.url?.extract ? { extractValue: { type: 'regex', regex: input.url.extract } } : {}),
			},
		],
	};
	// "By URL" only where the provider has a web page (or a link) for the object.
	if (!input.url) field.modes = field.modes?.filter((mode) => mode.name !== 'url');
	return field;
}

/**
 * The text a raw locator value holds: the `value` of a `{__rl, mode, value}` object, or a plain
 * string saved before the field was a locator; trimmed, '' when empty. For locators nested in a
 * collection, which n8n hands over unextracted.
 */
export function locatorText(raw: unknown): string {
	const value =
		raw && typeof raw === 'object' && 'value' in (raw as IDataObject) ? (raw as IDataObject).value : raw;
	return value === undefined || value === null ? '' : String(value).trim();
}

/**
 * The ID a locator (or, in a workflow saved before it was one, a plain string) holds, trimmed.
 * Empty is refused naming the field.
 */
export function locatorValue(item: ItemContext, name: string, displayName: string): string {
	const raw = item.n8n.getNodeParameter(name, item.itemIndex, '', { extractValue: true }) as unknown;
	const text = locatorText(raw);
	if (text === '') {
		throw new InputError(`${displayName} is empty`, `Pick one in ${displayName}, enter its ID, or map it from an earlier node.`);
	}
	return text;
}

export interface SearchPage {
	items: IDataObject[];
	/** The token of the next page, when there is one. */
	next?: string;
}

/**
 * One page of a "From List" search: the provider's page of objects turned into picker entries,
 * filtered by the typed text when the provider cannot filter (name or ID containing it).
 */
export function searchResults(
	page: SearchPage,
	entry: (object: IDataObject) => INodeListSearchItems | undefined,
	filter?: string,
): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const object of page.items) {
		const option = entry(object);
		if (!option) continue;
		if (needle && !`${option.name} ${String(option.value)}`.toLowerCase().includes(needle)) continue;
		results.push(option);
	}
	return { results, ...(page.next ? { paginationToken: page.next } : {}) };
}

/** The page a list search asks for: 1 for the first call, then what the last answer said. */
export function searchPageNumber(paginationToken: unknown): number {
	const n = Number(paginationToken);
	return Number.isInteger(n) && n >= 1 ? n : 1;
}

export type ListSearchFunction = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;
