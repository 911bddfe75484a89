import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, integerList } from '../../../shared/fields';
import { idLocator, locatorText } from '../../../shared/locators';
import { TOP_LEVEL } from '../../listSearch';

export const categoryIdField: INodeProperties = idLocator({
	displayName: 'Category',
	name: 'categoryId',
	description: 'The media category, picked from the list or by its ID',
	searchListMethod: 'searchMediaCategories',
	idPlaceholder: 'e.g. 301',
	idPattern: '^\\s*[0-9]+\\s*$',
});

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'A longer description of the category',
};

/** The parent picker: a category, or "Top Level" (no parent). */
function parentField(description: string): INodeProperties {
	return {
		...idLocator({ displayName: 'Parent Category', name: 'parent', description, searchListMethod: 'searchParentCategories', idPlaceholder: 'e.g. 301' }),
		required: false,
	};
}

const sequenceField: INodeProperties = {
	displayName: 'Carousel Sequence',
	name: 'sequence',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2001, 2004, 2002',
	description: "Comma-separated media IDs in the order the category's carousel plays them",
};

/** Create: `{name, description, parent}` (https://4yousee-suporte.github.io/endpoints/categorias.html). */
export const createOptions: INodeProperties[] = [descriptionField, parentField('Creates a subcategory of this category; Top Level creates a main category')];

/**
 * Update: `name, description, parent|null, updateflow (1|2), sequence, autoShuffle`
 * (https://4yousee-suporte.github.io/endpoints/categorias.html). ASSUMPTION: the PUT docs spell the
 * flag `updateflow` while the Python client and every answer use `updateFlow`; both are sent.
 */
export const updateOptions: INodeProperties[] = [
	{
		displayName: 'Auto Shuffle',
		name: 'autoShuffle',
		type: 'boolean',
		default: false,
		description: 'Whether the carousel is shuffled each time it finishes',
	},
	sequenceField,
	descriptionField,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name of the category' },
	parentField('Moves it under this category; Top Level makes it a main category'),
	{
		displayName: 'Update Flow',
		name: 'updateflow',
		type: 'options',
		options: [
			{ name: 'Do Not Restart Carousel After an Update', value: 2, description: 'The carousel keeps its place' },
			{ name: 'Restart Carousel After an Update', value: 1, description: 'The carousel starts from its first media' },
		],
		default: 1,
		description: 'What the carousel does after the category changes',
	},
];

/** Bulk: each entry `{id, name?, description?, parent?, sequence?}` (the Python client, see bulkUpdate.operation.ts). */
export const bulkEntryOptions: INodeProperties[] = [
	{ ...categoryIdField, name: 'id' },
	sequenceField,
	descriptionField,
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name; empty keeps it' },
	parentField('Moves it under this category; Top Level makes it a main category; empty keeps its place'),
];

/**
 * A parent picker's value as the API's ID, or null for "Top Level" (and the 0 that workflows saved
 * before the picker used for it).
 */
function parentOrNull(value: unknown): number | null {
	const text = locatorText(value);
	if (text === TOP_LEVEL || text === '0') return null;
	const n = Number(text);
	if (!Number.isInteger(n) || n <= 0) {
		throw new InputError(`Parent Category "${text}" is not a category ID`, 'Pick the parent in the list, Top Level, or enter its numeric ID.');
	}
	return n;
}

/**
 * The category fields of one form as the API's body; only fields that were set. `keepEmpty` is off
 * for bulk entries, whose fields are always present: an empty one there means "leave as is".
 */
export function categoryBody(fields: IDataObject, keepEmpty = true): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined && fields.name !== '') body.name = fields.name;
	if (fields.description !== undefined && (keepEmpty || fields.description !== '')) body.description = fields.description;
	if (fields.parent !== undefined && locatorText(fields.parent) !== '') body.parent = parentOrNull(fields.parent);
	if (fields.updateflow !== undefined) {
		body.updateflow = Number(fields.updateflow);
		body.updateFlow = Number(fields.updateflow);
	}
	if (fields.autoShuffle !== undefined) body.autoShuffle = fields.autoShuffle === true;
	if (fields.sequence !== undefined && String(fields.sequence).trim() !== '') {
		body.sequence = integerList(fields.sequence, 'Carousel Sequence');
	}
	return body;
}
