/**
 * A workflow saved before the pickers, Sort By and whole End days, imported as its JSON and run:
 * plain ID strings where there are pickers now, numbers for weekday playlists and the news source,
 * comma-separated text for ID lists, a sort text, node version 1 with `getAll`.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fourYouSeeProfile } from '../../../nodes/FourYouSee/transport';

import { runWorkflow, type WorkflowJson } from '../../harness/engine';
import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { freshCredentials, NODE_TYPE, startLibrarySimulator } from './library-helpers';

jest.setTimeout(60_000);

let sim: FourYouSeeSimulator;

let interval: number | undefined;

beforeAll(async () => {
	// Twelve requests of one account: paced at 50 ms here; the real second is tested in report-pacing.test.ts.
	interval = fourYouSeeProfile.minIntervalMs;
	fourYouSeeProfile.minIntervalMs = 50;
	sim = await startLibrarySimulator({ rateLimitMs: 40 });
});

afterAll(async () => {
	fourYouSeeProfile.minIntervalMs = interval;
	await sim.stop();
});

/** Nodes in a row, each with the parameters an older version of the node saved. */
const SAVED: Array<[string, IDataObject]> = [
	['Player', { resource: 'player', operation: 'get', playerId: '101' }],
	['Players', { resource: 'player', operation: 'getAll', returnAll: true, filters: { sort: '-id,name' } }],
	['Weekdays', { resource: 'player', operation: 'update', playerId: '102', updateFields: { playlists: { everyDay: 402, sunday: 0 }, audioPlaylistId: 403 } }],
	['Playlist', { resource: 'playlist', operation: 'get', playlistId: '401' }],
	['Media', { resource: 'media', operation: 'get', mediaId: '2001' }],
	['Medias', { resource: 'media', operation: 'getAll', returnAll: true, filters: { categoryId: '301, 302', sort: 'name' } }],
	['Category', { resource: 'mediaCategory', operation: 'update', categoryId: '303', updateFields: { parent: 0, name: 'Headlines' } }],
	['News', { resource: 'news', operation: 'get', newsId: '701' }],
	['News Entry', { resource: 'news', operation: 'create', newsourceId: 601, content: '{"title": "Open late", "text": "Until 22:00"}', startDate: '2026-11-20T09:00:00', endDate: '2026-11-27T09:00:00' }],
	['Sources', { resource: 'newsSource', operation: 'getAll', returnAll: true, filters: { template: 502 } }],
	['Report', { resource: 'report', operation: 'create', start: '2026-11-01T00:00:00', end: '2026-11-07T00:00:00', playerIds: '101, 102', mediaIds: '2001,2002' }],
	['Report Read', { resource: 'report', operation: 'get', reportId: '={{ $json.id }}' }],
];

function savedWorkflow(): WorkflowJson {
	const names = ['Start', ...SAVED.map(([name]) => name)];
	return {
		name: 'Saved with 4YouSee Manager version 1',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...SAVED.map(([name, parameters], i) => ({
				id: `n${i}`,
				name,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200 * (i + 1), 0] as [number, number],
				parameters: parameters as INodeParameters,
				credentials: { fourYouSeeApi: { id: '1', name: '4YouSee Manager' } },
				// Each node runs once, whatever the previous one output.
				executeOnce: true,
			})),
		],
		connections: Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }])),
	};
}

test('runs unchanged, with the same meaning', async () => {
	const { credentials } = freshCredentials(sim);
	// Round-trip through JSON, as an import does.
	const run = await runWorkflow({ workflow: JSON.parse(JSON.stringify(savedWorkflow())) as WorkflowJson, credentials, inputItems: [{}] });
	expect(run.error?.message).toBeUndefined();
	expect(run.status).toBe('success');
	const out = (name: string) => run.output(name).map((i) => i.json);

	expect(out('Player')).toEqual([expect.objectContaining({ id: 101 })]);
	const ids = out('Players').map((p) => Number(p.id));
	expect(ids).toEqual([...ids].sort((a, b) => b - a));
	expect(out('Weekdays')[0]).toMatchObject({
		playlists: { '0': null, '1': { id: 402 }, '6': { id: 402 } },
		audios: { '0': { id: 403 } },
	});
	expect(out('Playlist')).toEqual([expect.objectContaining({ id: 401 })]);
	expect(out('Media')).toEqual([expect.objectContaining({ id: 2001 })]);
	const names = out('Medias').map((m) => String(m.name));
	expect(names.length).toBeGreaterThan(0);
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	expect(out('Medias').every((m) => (m.categories as IDataObject[]).some((c) => [301, 302].includes(Number(c.id))))).toBe(true);
	expect(out('Category')[0]).toMatchObject({ id: 303, name: 'Headlines', parent: null });
	expect(out('News')).toEqual([expect.objectContaining({ id: 701 })]);
	expect(out('News Entry')[0]).toMatchObject({ newsourceId: 601, content: { title: 'Open late', text: 'Until 22:00' }, startDate: '2026-11-20 09:00:00' });
	expect(out('Sources').map((s) => s.id)).toEqual([602]);
	// The End saved from the date picker now includes its whole day.
	expect(out('Report')[0].filter).toMatchObject({ endDate: '2026-11-07', endTime: '23:59:59', playerId: [101, 102], mediaId: [2001, 2002] });
	expect(out('Report Read')[0]).toMatchObject({ id: out('Report')[0].id });
});
