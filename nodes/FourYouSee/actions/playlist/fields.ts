import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { jsonField } from '../libraryHelpers';

export const playlistIdField: INodeProperties = {
	displayName: 'Playlist ID',
	name: 'playlistId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID of the playlist',
};

export const ITEMS_HINT =
	'Each entry has a type: media {"type":"media","id":12}, carousel {"type":"carousel","id":3,"items":[...]}, subPlaylist, news {"type":"news","durationInSeconds":10}, layout {"type":"layout","id":4} or videowall';

export const itemsField: INodeProperties = {
	displayName: 'Items (JSON)',
	name: 'items',
	type: 'json',
	default: '[]',
	description: `The contents of the playlist, a JSON array. ${ITEMS_HINT}.`,
};

export const sequenceField: INodeProperties = {
	displayName: 'Sequence',
	name: 'sequence',
	type: 'string',
	default: '',
	placeholder: '0, 1, 0, 2',
	description:
		'The play order as comma-separated positions in Items (0 is the first item); a position may repeat. Empty plays every item once in order.',
};

/** Fields both Create (additional) and Update set. */
export const optionalPlaylistFields: INodeProperties[] = [
	{
		displayName: 'Category ID',
		name: 'category',
		type: 'number',
		default: 0,
		description: 'The ID of the playlist category; 0 leaves it without one',
	},
	{
		displayName: 'Is Sub-Playlist',
		name: 'isSubPlaylist',
		type: 'boolean',
		default: false,
		description: 'Whether the playlist is used only inside other playlists',
	},
];

/**
 * `sequence` holds indexes into `items` and may repeat (research section 1, Playlists). A position
 * that points past the items is refused here rather than left for the Manager to reject.
 */
export function sequenceFrom(ctx: IExecuteFunctions, value: unknown, itemCount: number, itemIndex: number): number[] {
	const text = typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.join(',') : String(value ?? '');
	if (text === '') return Array.from({ length: itemCount }, (_, i) => i);
	return text
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '')
		.map((v) => {
			const n = Number(v);
			if (!Number.isInteger(n) || n < 0 || n >= itemCount) {
				throw inputError(
					ctx.getNode(),
					`Sequence position "${v}" does not point at an item`,
					`Positions count from 0 and this playlist has ${itemCount} item(s), so use 0 to ${Math.max(0, itemCount - 1)}.`,
					itemIndex,
				);
			}
			return n;
		});
}

export function itemsFrom(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject[] {
	return jsonField(ctx, value, 'Items (JSON)', 'array', itemIndex) as IDataObject[];
}

export function categoryOrNull(value: unknown): number | null {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : null;
}
