import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import { idLocator, locatorText } from '../../../shared/locators';
import { NO_PLAYLIST } from '../../listSearch';

/**
 * A player's `playlists` object is keyed "0"-"6", Sunday to Saturday
 * (https://4yousee-suporte.github.io/endpoints/players.html); the node shows one field per weekday
 * instead.
 */
const WEEKDAYS = [
	{ field: 'sunday', key: '0', displayName: 'Sunday' },
	{ field: 'monday', key: '1', displayName: 'Monday' },
	{ field: 'tuesday', key: '2', displayName: 'Tuesday' },
	{ field: 'wednesday', key: '3', displayName: 'Wednesday' },
	{ field: 'thursday', key: '4', displayName: 'Thursday' },
	{ field: 'friday', key: '5', displayName: 'Friday' },
	{ field: 'saturday', key: '6', displayName: 'Saturday' },
] as const;

export const PLATFORMS = [
	{ name: '4YouSee Player', value: '4YOUSEE_PLAYER', description: "4YouSee's own player software" },
	{ name: 'Android', value: 'ANDROID', description: 'An Android device' },
	{ name: 'LG', value: 'LG', description: 'An LG webOS display' },
	{ name: 'Samsung', value: 'SAMSUNG', description: 'A Samsung Tizen display' },
];

export const playerIdField: INodeProperties = idLocator({
	displayName: 'Player',
	name: 'playerId',
	description: 'The player, picked from the list or by its ID',
	searchListMethod: 'searchPlayers',
	idPlaceholder: 'e.g. 101',
	idPattern: '^\\s*[0-9]+\\s*$',
});

/** A playlist picker inside the weekday and audio fields, led by "No Playlist". */
function playlistPicker(displayName: string, name: string, description: string): INodeProperties {
	return {
		...idLocator({ displayName, name, description, searchListMethod: 'searchPlaylistsOrNone', idPlaceholder: 'e.g. 401' }),
		required: false,
	};
}

/** Fields a player body may set, shared by Create (additional fields) and Update. */
export function playerFields(withName: boolean, withPlatform: boolean): INodeProperties[] {
	return [
		playlistPicker(
			'Audio Playlist',
			'audioPlaylistId',
			'The playlist played as background audio (sent as audios {"0": ID}); No Playlist removes it',
		),
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'A note about the player, e.g. where the screen hangs',
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'number',
			default: 0,
			description: 'The ID of the player group the player belongs to (player groups have no list in the API); 0 leaves it without a group',
		},
		...(withName
			? [{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The new name of the player' } as INodeProperties]
			: []),
		...(withPlatform
			? [
					{
						displayName: 'Platform',
						name: 'platform',
						type: 'options',
						options: PLATFORMS,
						default: '4YOUSEE_PLAYER',
						description: 'The device family the player runs on',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Playlists by Weekday',
			name: 'playlists',
			type: 'collection',
			placeholder: 'Add weekday',
			default: {},
			description: 'The playlist the player plays on each day of the week; No Playlist leaves that day without one',
			options: [
				playlistPicker('Every Day', 'everyDay', 'The playlist for all seven days; a weekday set here too overrides it'),
				...WEEKDAYS.map((day) => playlistPicker(day.displayName, day.field, `The playlist for ${day.displayName}`)),
			],
		},
	];
}

function idOrNull(value: unknown): number | null {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * A playlist picker's value as the API's ID, or null for "No Playlist" (and the 0 that workflows
 * saved before the picker used for it). Empty is refused: it is a field added and never set.
 */
function playlistOrNull(value: unknown, field: string): number | null {
	const text = locatorText(value);
	if (text === NO_PLAYLIST || text === '0') return null;
	if (text === '') throw new InputError(`${field} is empty`, `Pick a playlist in ${field}, or "No Playlist" to leave it without one.`);
	const id = idOrNull(text);
	if (id === null) throw new InputError(`${field} "${text}" is not a playlist ID`, `Pick a playlist in ${field}, or enter its numeric ID.`);
	return id;
}

/** The weekday fields as the API's `playlists` object, over the current one (for Update). */
export function weekdayPlaylists(fields: IDataObject, current: IDataObject = {}): IDataObject {
	const out: IDataObject = { ...current };
	if (fields.everyDay !== undefined) {
		const everyDay = playlistOrNull(fields.everyDay, 'Every Day');
		for (const day of WEEKDAYS) out[day.key] = everyDay;
	}
	for (const day of WEEKDAYS) {
		if (fields[day.field] !== undefined) out[day.key] = playlistOrNull(fields[day.field], day.displayName);
	}
	return out;
}

/** A player as GET returns it, turned back into the body POST/PUT take (`{id,name}` objects become IDs). */
export function bodyFromPlayer(player: IDataObject): IDataObject {
	const ids = (value: unknown): IDataObject => {
		const out: IDataObject = {};
		for (const [key, entry] of Object.entries((value ?? {}) as IDataObject)) {
			out[key] = entry && typeof entry === 'object' ? idOrNull((entry as IDataObject).id) : idOrNull(entry);
		}
		return out;
	};
	const group = player.group;
	const body: IDataObject = {
		name: player.name,
		description: player.description ?? '',
		platform: player.platform,
		group: group && typeof group === 'object' ? idOrNull((group as IDataObject).id) : idOrNull(group),
		playlists: ids(player.playlists),
		audios: ids(player.audios),
	};
	return body;
}

/** Applies the node's fields to a player body. */
export function applyPlayerFields(body: IDataObject, fields: IDataObject): IDataObject {
	const out = { ...body };
	if (fields.name !== undefined && fields.name !== '') out.name = fields.name;
	if (fields.description !== undefined) out.description = fields.description;
	if (fields.platform !== undefined) out.platform = fields.platform;
	if (fields.groupId !== undefined) out.group = idOrNull(fields.groupId);
	if (fields.audioPlaylistId !== undefined) out.audios = { '0': playlistOrNull(fields.audioPlaylistId, 'Audio Playlist') };
	if (fields.playlists !== undefined) {
		out.playlists = weekdayPlaylists(fields.playlists as IDataObject, (out.playlists ?? {}) as IDataObject);
	}
	return out;
}
