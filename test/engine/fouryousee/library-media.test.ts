import { libraryState } from '../../../dev/simulators/fouryousee/library';
import type { FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import { binaryItem, runNode, startLibrarySimulator } from './library-helpers';

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	sim = await startLibrarySimulator();
});

afterAll(async () => {
	await sim.stop();
});

// A few bytes that are not valid UTF-8, so any text re-encoding on the way would show.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f, 0x10, 0x20]);

describe('Upload', () => {
	it('Create sends the binary file as multipart field "media" and returns {id, filename}', async () => {
		const { run, json, requests } = await runNode(
			sim,
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'data' },
			{ inputItems: [binaryItem(PNG, 'logo.png', 'image/png')] },
		);
		expect(run.status).toBe('success');
		expect(json).toHaveLength(1);
		expect(json[0]).toEqual({ id: expect.any(String), filename: 'logo.png' });
		expect(String(requests[0].headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const received = libraryState(sim.store).uploadedFiles.find((f) => f.id === json[0].id)!;
		expect(received.field).toBe('media');
		expect(received.contentType).toBe('image/png');
		expect(received.bytes.equals(PNG)).toBe(true);
		expect(sim.store.uploads.some((u) => u.id === json[0].id)).toBe(true);
	});

	it('Create sends the same bytes again when the Manager answers 429 first', async () => {
		sim.injectFault({ method: 'POST', path: '/v1/uploads', times: 1, status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } });
		const { run, json, requests } = await runNode(
			sim,
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'data' },
			{ inputItems: [binaryItem(PNG, 'retry.png', 'image/png')] },
		);
		expect(run.status).toBe('success');
		expect(requests.map((r) => r.status)).toEqual([429, 200]);
		const received = libraryState(sim.store).uploadedFiles.find((f) => f.id === json[0].id)!;
		expect(received.bytes.equals(PNG)).toBe(true);
	});

	it('Create can rename the file, and a refused type fails with the Manager\'s message', async () => {
		const renamed = await runNode(
			sim,
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'file', additionalFields: { fileName: 'banner.jpg' } },
			{ inputItems: [binaryItem(PNG, 'x.bin', 'image/jpeg', 'file')] },
		);
		expect(renamed.json[0].filename).toBe('banner.jpg');

		const refused = await runNode(
			sim,
			{ resource: 'upload', operation: 'create', binaryPropertyName: 'data' },
			{ inputItems: [binaryItem(PNG, 'notes.txt', 'text/plain')] },
		);
		expect(refused.run.status).toBe('error');
		expect(refused.run.error?.message).toContain('File type not allowed');
	});

	it('Create without the binary field says which field is missing', async () => {
		const { run, requests } = await runNode(sim, { resource: 'upload', operation: 'create', binaryPropertyName: 'data' }, { inputItems: [{ a: 1 }] });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/data/);
		expect(requests).toHaveLength(0);
	});

	it('Get Many pages through the {results, total} list (no page count in it)', async () => {
		const seeded = sim.store.uploads.length;
		for (let i = 0; i < 120; i++) sim.store.uploads.push({ id: `bulk${String(i).padStart(4, '0')}`, filename: `clip-${i}.mp4` });
		try {
			const { json, requests } = await runNode(sim, { resource: 'upload', operation: 'getMany', returnAll: true });
			expect(json).toEqual(sim.store.uploads);
			expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
			const limited = await runNode(sim, { resource: 'upload', operation: 'getMany', returnAll: false, limit: 3 });
			expect(limited.json).toEqual(sim.store.uploads.slice(0, 3));
		} finally {
			sim.store.uploads.splice(seeded);
		}
	});

	it('Delete answers { deleted: true }; a missing upload is a clear 404', async () => {
		const id = String(sim.store.uploads[0].id);
		const { json } = await runNode(sim, { resource: 'upload', operation: 'delete', uploadId: id });
		expect(json).toEqual([{ deleted: true }]);
		expect(sim.store.uploads.some((u) => u.id === id)).toBe(false);

		const missing = await runNode(sim, { resource: 'upload', operation: 'delete', uploadId: id });
		expect(missing.run.status).toBe('error');
		expect(missing.run.error?.message).toContain('Upload file not found');
	});
});

describe('Media', () => {
	it('Create from a binary input uploads the file first, then creates the media from it', async () => {
		const uploadsBefore = sim.store.uploads.length;
		const { run, json, requests } = await runNode(
			sim,
			{
				resource: 'media',
				operation: 'create',
				name: 'Summer promo',
				source: 'binary',
				binaryPropertyName: 'data',
				categoryIds: '301, 305',
				additionalFields: {
					duration: 12,
					schedule: '{"startDate":"2026-12-01","endDate":"2026-12-31","times":[{"startTime":"08:00","endTime":"11:00","weekDays":[1,2,3]}]}',
				},
			},
			{ inputItems: [binaryItem(PNG, 'promo.png', 'image/png')] },
		);
		expect(run.status).toBe('success');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/uploads', 'POST /v1/medias']);
		expect(json[0]).toMatchObject({ name: 'Summer promo', duration: 12, categories: [301, 305] });
		expect(json[0].schedule).toMatchObject({ startDate: '2026-12-01', times: [{ weekDays: [1, 2, 3] }] });
		const media = sim.store.medias.find((m) => m.id === json[0].id)!;
		expect(media.file).toBe('promo.png');
		// The staged upload became the media.
		expect(sim.store.uploads).toHaveLength(uploadsBefore);
	});

	it('Create from an uploaded file ID uses it directly', async () => {
		sim.store.uploads.push({ id: 'feedbeef00112233', filename: 'intro.mp4' });
		const { json, requests } = await runNode(sim, {
			resource: 'media',
			operation: 'create',
			name: 'Intro',
			source: 'upload',
			uploadId: 'feedbeef00112233',
			uploadFilename: 'intro.mp4',
			categoryIds: '302',
		});
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/medias']);
		expect(json[0]).toMatchObject({ name: 'Intro', categories: [302] });
	});

	it('Create from binary removes the staged file again when the Manager refuses the media', async () => {
		const uploadsBefore = sim.store.uploads.length;
		const { run, requests } = await runNode(
			sim,
			{ resource: 'media', operation: 'create', name: 'Orphan', source: 'binary', binaryPropertyName: 'data', categoryIds: '9999' },
			{ inputItems: [binaryItem(PNG, 'orphan.png', 'image/png')] },
		);
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('Category with ID 9999 was not found');
		expect((run.error as { description?: string }).description).toContain('removed again');
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/uploads', 'POST /v1/medias', expect.stringMatching(/^DELETE \/v1\/uploads\//)]);
		expect(sim.store.uploads).toHaveLength(uploadsBefore);
	});

	it('Create from binary keeps the staged file and says so when the media request fails on the server side', async () => {
		sim.injectFault({ method: 'POST', path: '/v1/medias', times: 1, status: 500, body: { message: 'An unexpected error occurred' } });
		const uploadsBefore = sim.store.uploads.length;
		const { run, requests } = await runNode(
			sim,
			{ resource: 'media', operation: 'create', name: 'Flaky', source: 'binary', binaryPropertyName: 'data', categoryIds: '301' },
			{ inputItems: [binaryItem(PNG, 'flaky.png', 'image/png')] },
		);
		expect(run.status).toBe('error');
		// A POST is not repeated after a 5xx: the media may have been created.
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v1/uploads 200', 'POST /v1/medias 500']);
		expect((run.error as { description?: string }).description).toMatch(/staged under Uploads as [0-9a-f]+ \(flaky\.png\)/);
		expect(sim.store.uploads).toHaveLength(uploadsBefore + 1);
	});

	it('Create refuses a non-numeric category ID before calling the Manager', async () => {
		const { run, requests } = await runNode(sim, {
			resource: 'media',
			operation: 'create',
			name: 'X',
			source: 'upload',
			uploadId: 'a',
			uploadFilename: 'a.png',
			categoryIds: '301, ads',
		});
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('"ads"');
		expect(requests).toHaveLength(0);
	});

	it('Get returns the media', async () => {
		const { json } = await runNode(sim, { resource: 'media', operation: 'get', mediaId: '2003' });
		expect(json).toEqual([sim.store.medias.find((m) => m.id === 2003)]);
	});

	it('Get Many sends id, name, categoryId and metadata filters', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'media',
			operation: 'getMany',
			returnAll: true,
			filters: { categoryId: '301,302', name: 'ads', metadata: true },
		});
		expect(requests[0].query).toMatchObject({ categoryId: '301,302', name: 'ads', metadata: 'true' });
		expect(json.length).toBeGreaterThan(0);
		expect(json.every((m) => String(m.name).toLowerCase().includes('ads'))).toBe(true);
		expect(json[0]).toHaveProperty('thumbnail');

		const byId = await runNode(sim, { resource: 'media', operation: 'getMany', returnAll: false, limit: 10, filters: { id: '2001, 2002' } });
		expect(byId.requests[0].query.id).toBe('2001,2002');
		expect(byId.json.map((m) => m.id)).toEqual([2001, 2002]);
	});

	it('Update sends only the fields set', async () => {
		const { json, requests } = await runNode(sim, {
			resource: 'media',
			operation: 'update',
			mediaId: '2004',
			updateFields: { name: 'Renamed media', categoryIds: '303' },
		});
		expect(json[0]).toMatchObject({ id: 2004, name: 'Renamed media', categories: [303] });
		expect(requests).toHaveLength(1);
	});

	it('Delete answers { deleted: true } although the Manager returns the media', async () => {
		const { json } = await runNode(sim, { resource: 'media', operation: 'delete', mediaId: '2005' });
		expect(json).toEqual([{ deleted: true }]);
		expect(sim.store.medias.some((m) => m.id === 2005)).toBe(false);
	});

	it('Delete of a missing media turns the 400 C004 answer into a clear "not found"', async () => {
		const { run, items } = await runNode(
			sim,
			{ resource: 'media', operation: 'delete', mediaId: '={{ $json.id }}' },
			{ inputItems: [{ id: 2005 }, { id: 2006 }], continueOnFail: true },
		);
		expect(run.status).toBe('success');
		expect(items[0].json).toMatchObject({ error: 'Media 2005 was not found', httpCode: '404' });
		expect(String(items[0].json.description)).toContain('C004');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1]).toEqual({ json: { deleted: true }, pairedItem: { item: 1 } });
	});
});
