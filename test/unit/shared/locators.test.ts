import { idLocator } from '../../../nodes/shared/locators';

describe('idLocator', () => {
	const input = { displayName: 'Player', name: 'playerId', description: 'The player', searchListMethod: 'searchPlayers', idPlaceholder: 'e.g. 101', idPattern: '^[0-9]+$' };

	it('offers From List and By ID, validated by the pattern', () => {
		const field = idLocator(input);
		expect(field).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: '' }, required: true });
		expect(field.modes?.map((m) => m.name)).toEqual(['list', 'id']);
		expect(field.modes?.[1].validation).toEqual([{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'Not a valid Player' } }]);
	});

	it('adds By URL where the provider has a web page for the object', () => {
		const field = idLocator({ ...input, url: { placeholder: 'https://x/players/101', regex: 'https://x/players/[0-9]+', extract: 'https://x/players/([0-9]+)' } });
		expect(field.modes?.map((m) => m.name)).toEqual(['list', 'id', 'url']);
		expect(field.modes?.[2]).toMatchObject({ placeholder: 'https://x/players/101', extractValue: { type: 'regex', regex: 'https://x/players/([0-9]+)' } });
	});
});
