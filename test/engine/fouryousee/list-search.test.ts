/**
 * The pickers of the 4YouSee Manager node against the simulator: From List reads one page of 100
 * per call at 4YouSee's real pace (one request per second per account), filters by what was typed,
 * and says which list failed; the multi-selects load a few pages; a picked value runs.
 */
import type { IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { listSearch, loadOptions } from '../../../nodes/FourYouSee/listSearch';
import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';
import { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { freshCredentials, runNode } from './library-helpers';

jest.setTimeout(60_000);

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	// The real second on both sides: the transport paces, the simulator answers 429 when it does not.
	fourYouSeeProfile.minIntervalMs = 1000;
	sim = await new FourYouSeeSimulator({ timeScale: 0.001, players: 250, rateLimitMs: 1000 }).start();
});

afterAll(async () => {
	await sim.stop();
});

/** A list-search context whose authenticated request sends the Secret-Token like n8n does. */
function context(token = freshCredentials(sim).token): ILoadOptionsFunctions {
	const credentials = { baseUrl: sim.apiUrl, secretToken: token };
	return {
		getNode: () => ({ name: '4YouSee', type: 'n8n-nodes-reporting.fourYouSee' }) as INode,
		getCredentials: async () => credentials,
		getNodeParameter: () => ({}),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const url = new URL(`${options.baseURL ?? ''}${options.url}`);
				for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
				const response = await fetch(url, { headers: { 'secret-token': credentials.secretToken } });
				const body = (await response.json()) as unknown;
				if (response.status >= 400) {
					throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
						response: { status: response.status, headers: Object.fromEntries(response.headers), data: body },
					});
				}
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

function requestsOf(token: string) {
	return sim.requests.filter((r) => r.headers['secret-token'] === token);
}

test('Player: one page of 100 per call, the next page as the token, one request per second', async () => {
	const { token } = freshCredentials(sim);
	const ctx = context(token);
	const pages = [await listSearch.searchPlayers.call(ctx)];
	while (pages.at(-1)?.paginationToken) pages.push(await listSearch.searchPlayers.call(ctx, undefined, pages.at(-1)!.paginationToken));
	expect(pages.map((p) => [p.results.length, p.paginationToken])).toEqual([
		[100, '2'],
		[100, '3'],
		[50, undefined],
	]);
	expect(pages[0].results[0]).toEqual({ name: sim.store.players[0].name, value: '101', description: '101 · Online' });
	const requests = requestsOf(token);
	expect(requests.map((r) => r.query)).toEqual([
		{ page: '1', limit: '100' },
		{ page: '2', limit: '100' },
		{ page: '3', limit: '100' },
	]);
	for (let i = 1; i < requests.length; i++) expect(requests[i].timestamp - requests[i - 1].timestamp).toBeGreaterThanOrEqual(950);
	expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
});

test('what is typed goes to the list as `name` (or `id` for digits) and filters each page too', async () => {
	const { token } = freshCredentials(sim);
	const byName = await listSearch.searchPlayers.call(context(token), 'curitiba');
	expect(byName.results.length).toBeGreaterThan(0);
	expect(byName.results.every((r) => r.name.toLowerCase().includes('curitiba'))).toBe(true);
	const byId = await listSearch.searchMedias.call(context(token), '2005');
	expect(byId.results.map((r) => r.value)).toEqual(['2005']);
	expect(requestsOf(token).map((r) => r.query)).toEqual([
		{ page: '1', limit: '100', name: 'curitiba' },
		{ page: '1', limit: '100', id: '2005' },
	]);
});

test('every picker lists its objects', async () => {
	const ctx = context();
	const first = async (name: keyof typeof listSearch, filter?: string) => (await listSearch[name].call(ctx, filter)).results;
	expect((await first('searchPlaylistsOrNone'))[0]).toEqual({ name: 'No Playlist', value: 'none', description: 'Leave it without a playlist' });
	expect((await first('searchPlaylists')).map((r) => r.value)).toEqual(sim.store.playlists.map((p) => String(p.id)));
	expect((await first('searchParentCategories'))[0]).toMatchObject({ name: 'Top Level', value: 'none' });
	expect((await first('searchMediaCategories'))[0]).toEqual({ name: 'Ads', value: '301' });
	expect((await first('searchNewsSources')).map((r) => r.name)).toEqual(['Company news', 'Weather']);
	expect((await first('searchTemplates'))[0]).toEqual({ name: 'News ticker', value: '501', description: '501 · 1920×1080 · zip' });
	expect((await first('searchNews'))[0]).toEqual({ name: 'Headline 1', value: '701', description: '701 · Company news · approved' });
	expect((await first('searchUploads'))[0]).toEqual({ name: 'summer-sale.mp4', value: '0e8c4b1f2a3d4e5f60718293a4b5c6d7', description: '0e8c4b1f2a3d4e5f60718293a4b5c6d7' });
	sim.seedReports(1);
	expect((await first('searchReports', '2026-10-01')).at(-1)).toMatchObject({ name: expect.stringMatching(/^Report \d+: 2026-10-01 to 2026-10-01$/), description: 'success' });
});

test('a list that cannot be read says which and why', async () => {
	const error = await listSearch.searchPlayers.call(context('not-a-token')).catch((e: unknown) => e);
	expect((error as Error).message).toBe('Could not list the players of this 4YouSee account: 4YouSee Manager answered 401: Invalid Secret-Token');
	expect((error as { description?: string }).description).toContain('Secret-Token was refused');
});

test('the multi-selects load names with IDs, a few pages at most', async () => {
	const { token } = freshCredentials(sim);
	const players = await loadOptions.getPlayers.call(context(token));
	expect(players).toHaveLength(250);
	expect(players[0]).toEqual({ name: expect.stringMatching(/ \(\d+\)$/), value: expect.any(Number) });
	expect(players.map((p) => p.name)).toEqual([...players.map((p) => p.name)].sort((a, b) => a.localeCompare(b)));
	expect(requestsOf(token)).toHaveLength(3);
	const categories = await loadOptions.getMediaCategories.call(context());
	expect(categories.map((c) => c.name)).toEqual(['Ads (301)', 'Institutional (302)', 'Menu boards (306)', 'News (303)', 'Promotions (305)', 'Weather (304)']);
});

test('a value picked from the list is used by the operation', async () => {
	const { json } = await runNode(sim, { resource: 'player', operation: 'get', playerId: { __rl: true, mode: 'list', value: '103', cachedResultName: 'x' } });
	expect(json).toEqual([expect.objectContaining({ id: 103 })]);
});
