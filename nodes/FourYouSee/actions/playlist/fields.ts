import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError, jsonValue } from '../../../shared/fields';
import { idLocator } from '../../../shared/locators';

export const playlistIdField: INodeProperties = idLocator({
	displayName: 'Playlist',
	name: 'playlistId',
	description: 'The playlist, picked from the list or by its ID',
	searchListMethod: 'searchPlaylists',
	idPlaceholder: 'e.g. 401',
	idPattern: '^\\s*[0-9]+\\s*$',
});

const ITEMS_HINT =
	'Each entry has a type: media {"type":"media","id":12}, carousel {"type":"carousel","id":3,"items":[...]}, subPlaylist, news {"type":"news","durationInSeconds":10}, layout {"type":"layout","id":4} or videowall';

export const itemsField: INodeProperties = {
	displayName: 'Items (JSON)',
	name: 'items',
	type: 'json',
	default: '[]',
	placeholder: 'e.g. [{"type": "news", "durationInSeconds": 10}]',
	description: `The contents of the playlist, a JSON array. ${ITEMS_HINT}. Items read from a playlist (Get) can be sent back as they are.`,
};

export const sequenceField: INodeProperties = {
	displayName: 'Sequence',
	name: 'sequence',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0, 1, 0, 2',
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
 * `sequence` holds indexes into `items` and may repeat
 * (https://4yousee-suporte.github.io/endpoints/playlists.html). A position that points past the
 * items is refused here rather than left for the Manager to reject.
 */
export function sequenceFrom(value: unknown, itemCount: number): number[] {
	const text = typeof value === 'string' ? value.trim() : Array.isArray(value) ? value.join(',') : String(value ?? '');
	if (text === '') return Array.from({ length: itemCount }, (_, i) => i);
	return text
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '')
		.map((v) => {
			const n = Number(v);
			if (!Number.isInteger(n) || n < 0 || n >= itemCount) {
				throw new InputError(
					`Sequence position "${v}" does not point at an item`,
					`Positions count from 0 and this playlist has ${itemCount} item(s), so use 0 to ${Math.max(0, itemCount - 1)}.`,
				);
			}
			return n;
		});
}

/**
 * The playlist items to send. A playlist answers a videowall as `videoWall` with grid entries
 * without `type`, while requests spell it `videowall` with `{"type": "media", "id"}` entries
 * (https://4yousee-suporte.github.io/endpoints/playlists.html): items read from a playlist are
 * turned back into the request form, so Get's items can be sent to Update as they are.
 */
export function itemsFrom(value: unknown): IDataObject[] {
	return jsonValue(value, 'Items (JSON)', 'array').map((item) => {
		if (!item || typeof item !== 'object' || String(item.type ?? '').toLowerCase() !== 'videowall') return item;
		const grid = Array.isArray(item.grid)
			? (item.grid as unknown[]).map((row) =>
					Array.isArray(row)
						? row.map((cell) =>
								cell && typeof cell === 'object' && (cell as IDataObject).type === undefined ? { type: 'media', id: (cell as IDataObject).id } : cell,
							)
						: row,
				)
			: item.grid;
		return { ...item, type: 'videowall', grid } as IDataObject;
	});
}

export function categoryOrNull(value: unknown): number | null {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : null;
}
