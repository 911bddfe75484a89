import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { numberList } from '../libraryHelpers';

export const categoryIdField: INodeProperties = {
	displayName: 'Category ID',
	name: 'categoryId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID of the media category',
};

const descriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'A longer description of the category',
};

const parentField: INodeProperties = {
	displayName: 'Parent Category ID',
	name: 'parent',
	type: 'number',
	default: 0,
	description: 'Makes it a subcategory of this category; 0 makes it a top-level category',
};

const sequenceField: INodeProperties = {
	displayName: 'Carousel Sequence',
	name: 'sequence',
	type: 'string',
	default: '',
	placeholder: '12, 15, 13',
	description: 'Comma-separated media IDs in the order the category\'s carousel plays them',
};

/** Create: `{name, description, parent}` (research section 1, Media categories). */
export const createOptions: INodeProperties[] = [descriptionField, { ...parentField, description: 'Creates a subcategory of this category' }];

/** Update: `name, description, parent|null, updateflow (1|2), sequence, autoShuffle`. */
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
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	parentField,
	{
		displayName: 'Update Flow',
		name: 'updateflow',
		type: 'options',
		options: [
			{ name: 'Do Not Restart Carousel After an Update', value: 2 },
			{ name: 'Restart Carousel After an Update', value: 1 },
		],
		default: 1,
		description: 'What the carousel does when it changes (unofficial docs, categorias.md)',
	},
];

/** Bulk: each entry `{id, name?, description?, parent?, sequence?}` (fouryousee.py `edit_multiple_categories`). */
export const bulkEntryOptions: INodeProperties[] = [
	{ ...categoryIdField, name: 'id' },
	sequenceField,
	descriptionField,
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{
		...parentField,
		type: 'string',
		default: '',
		description: 'A category ID to move it under; 0 makes it top-level; empty keeps its place',
	},
];

function parentOrNull(value: unknown): number | null {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * The category fields of one form as the API's body; only fields that were set. `keepEmpty` is off
 * for bulk entries, whose fields are always present: an empty one there means "leave as is".
 */
export function categoryBody(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number, keepEmpty = true): IDataObject {
	const body: IDataObject = {};
	if (fields.name !== undefined && fields.name !== '') body.name = fields.name;
	if (fields.description !== undefined && (keepEmpty || fields.description !== '')) body.description = fields.description;
	if (fields.parent !== undefined && fields.parent !== '') body.parent = parentOrNull(fields.parent);
	if (fields.updateflow !== undefined) body.updateflow = Number(fields.updateflow);
	if (fields.autoShuffle !== undefined) body.autoShuffle = fields.autoShuffle === true;
	if (fields.sequence !== undefined && String(fields.sequence).trim() !== '') {
		body.sequence = numberList(ctx, fields.sequence, 'Carousel Sequence', itemIndex);
	}
	return body;
}
