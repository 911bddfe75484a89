/**
 * Get Playlogs never passes on part of a file as the whole, in any output mode: a gzip file
 * without its end, a body shorter than its Content-Length, and a file whose text stops in the
 * middle of its last line each fail Summary, Playlogs and File (as delivered and decompressed)
 * with one sentence saying what is wrong, and no item or binary is output.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../harness/engine';
import { type FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
import type { FileDamage } from '../../../dev/simulators/fouryousee/playlogs';
import { credentialsFor, reportWorkflow, startSimulator } from './report-helpers';

jest.setTimeout(60_000);

let sim: FourYouSeeSimulator;

beforeAll(async () => {
	sim = await startSimulator();
});

afterAll(async () => {
	await sim.stop();
});

afterEach(() => {
	expect(sim.count({ status: 429 })).toBe(0);
});

const MODES: Array<[string, IDataObject]> = [
	['Summary', { output: 'summary', groupBy: ['mediaId'] }],
	['Playlogs', { output: 'playlogs' }],
	['File (gzip)', { output: 'file', fileFormat: 'gzip' }],
	['File (decompressed)', { output: 'file', fileFormat: 'ndjson' }],
];

const DAMAGES: Array<[string, FileDamage, RegExp]> = [
	['a gzip file without its end', { truncateBytes: 200 }, /the gzip file ends too early: it was cut off before it was complete\.$/i],
	['a body shorter than its Content-Length', { shortBodyBytes: 5000 }, /(connection was cut during the download|ended after .* of the .* the server announced)/],
	['text that stops in the middle of its last line', { endsEarly: true }, /The playlog file ends in the middle of line \d+|Line \d+ of the playlog file is not a valid playlog/],
];

async function getPlaylogs(id: number, parameters: IDataObject) {
	return await runWorkflow({
		workflow: reportWorkflow({ operation: 'getPlaylogs', ...parameters } as never),
		credentials: credentialsFor(sim),
		inputItems: [{ id }],
	});
}

describe.each(DAMAGES)('%s', (_name, damage, said) => {
	it.each(MODES)('fails %s with one sentence, and outputs nothing', async (_mode, parameters) => {
		const [report] = sim.seedReports(1);
		sim.damageReportFile(report.id, damage);
		const result = await getPlaylogs(report.id, parameters);
		expect(result.status).toBe('error');
		const message = String(result.error?.message);
		expect(message).toMatch(new RegExp(`^Report ${report.id}: `));
		expect(message).toMatch(said);
		// One sentence: no second sentence glued on, no doubled reason.
		expect(message.replace(/(\d)\.(\d)/g, '$1$2').replace(/…$/, '').split(/\.\s+[A-Z]/)).toHaveLength(1);
		expect(result.error?.description).toBeTruthy();
		let output: unknown[] = [];
		try {
			output = result.output('4YouSee');
		} catch {
			output = [];
		}
		expect(output).toEqual([]);
	});
});

describe('the same file undamaged', () => {
	it.each(MODES)('%s succeeds', async (_mode, parameters) => {
		const [report] = sim.seedReports(1);
		const result = await getPlaylogs(report.id, parameters);
		expect(result.status).toBe('success');
		expect(result.output('4YouSee').length).toBeGreaterThan(0);
	});
});
