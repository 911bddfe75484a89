import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * A player's `playlists` object is keyed "0"-"6", Sunday to Saturday (research section 1, Players);
 * the node shows one field per weekday instead.
 */
export const WEEKDAYS = [
	{ field: 'sunday', key: '0', displayName: 'Sunday' },
	{ field: 'monday', key: '1', displayName: 'Monday' },
	{ field: 'tuesday', key: '2', displayName: 'Tuesday' },
	{ field: 'wednesday', key: '3', displayName: 'Wednesday' },
	{ field: 'thursday', key: '4', displayName: 'Thursday' },
	{ field: 'friday', key: '5', displayName: 'Friday' },
	{ field: 'saturday', key: '6', displayName: 'Saturday' },
] as const;

export const PLATFORMS = [
	{ name: '4YouSee Player', value: '4YOUSEE_PLAYER' },
	{ name: 'Android', value: 'ANDROID' },
	{ name: 'LG', value: 'LG' },
	{ name: 'Samsung', value: 'SAMSUNG' },
];

export const playerIdField: INodeProperties = {
	displayName: 'Player ID',
	name: 'playerId',
	type: 'string',
	default: '',
	required: true,
	description: 'The ID of the player',
};

/** Fields a player body may set, shared by Create (additional fields) and Update. */
export function playerFields(withName: boolean, withPlatform: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Audio Playlist ID',
			name: 'audioPlaylistId',
			type: 'number',
			default: 0,
			description: 'The playlist played as background audio (sent as audios {"0": ID}); 0 removes it',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'number',
			default: 0,
			description: 'The ID of the player group the player belongs to',
		},
		...(withName
			? [{ displayName: 'Name', name: 'name', type: 'string', default: '' } as INodeProperties]
			: []),
		...(withPlatform
			? [
					{
						displayName: 'Platform',
						name: 'platform',
						type: 'options',
						options: PLATFORMS,
						default: '4YOUSEE_PLAYER',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Playlists by Weekday',
			name: 'playlists',
			type: 'collection',
			placeholder: 'Add Weekday',
			default: {},
			description: 'The playlist the player plays on each day of the week; 0 leaves that day without a playlist',
			options: [
				{
					displayName: 'Every Day',
					name: 'everyDay',
					type: 'number',
					default: 0,
					description: 'The playlist for all seven days; a weekday set here too overrides it',
				},
				...WEEKDAYS.map(
					(day): INodeProperties => ({
						displayName: day.displayName,
						name: day.field,
						type: 'number',
						default: 0,
						description: `The playlist ID for ${day.displayName}`,
					}),
				),
			],
		},
	];
}

function idOrNull(value: unknown): number | null {
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : null;
}

/** The weekday fields as the API's `playlists` object, over the current one (for Update). */
export function weekdayPlaylists(fields: IDataObject, current: IDataObject = {}): IDataObject {
	const out: IDataObject = { ...current };
	if (fields.everyDay !== undefined) {
		for (const day of WEEKDAYS) out[day.key] = idOrNull(fields.everyDay);
	}
	for (const day of WEEKDAYS) {
		if (fields[day.field] !== undefined) out[day.key] = idOrNull(fields[day.field]);
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
	if (fields.audioPlaylistId !== undefined) out.audios = { '0': idOrNull(fields.audioPlaylistId) };
	if (fields.playlists !== undefined) {
		out.playlists = weekdayPlaylists(fields.playlists as IDataObject, (out.playlists ?? {}) as IDataObject);
	}
	return out;
}
