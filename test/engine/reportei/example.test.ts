/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { startReporteiDemo } from '../../../dev/simulators/reportei/demo';
import type { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
import type { SimulatorDemo } from '../../../dev/simulators/simulator';
import { runNode } from './helpers';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/reportei-monthly-metrics.json'), 'utf8')) as {
	nodes: INode[];
};
const nodeNamed = (name: string) => example.nodes.find((n) => n.name === name)!;

let demo: SimulatorDemo<ReporteiSimulator>;

beforeAll(async () => {
	demo = await startReporteiDemo();
});

afterAll(async () => {
	await demo.stop();
});

test('the example workflow references the demo credential and runs against the demo data', async () => {
	const getData = nodeNamed("Get last month's metrics");
	expect(getData.credentials?.reporteiConnectApi).toEqual({ id: null, name: 'Reportei Connect API account' });
	const assignments = (nodeNamed('Customer to report').parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
	const input = Object.fromEntries(assignments.map((a) => [a.name, a.value]));
	expect(demo.accounts[0]).toMatchObject({ apiToken: input.customerToken, integrations: expect.arrayContaining([input.customerIntegration]) });

	const run = await runNode(demo.simulator, getData.parameters, [input]);
	expect(run.status).toBe('success');
	const items = run.output('Reportei').map((i) => i.json);
	expect(items[0]).toMatchObject({ reference_key: 'ig:followers_count', component: 'number_v1', value: expect.any(Number), comparison_value: expect.any(Number) });
	expect(items.filter((i) => i.reference_key === 'ig:reach_by_day').length).toBeGreaterThanOrEqual(28);
	expect(items.filter((i) => i.reference_key === 'ig:followers_gender').map((i) => i.label)).toEqual(['female', 'male', 'unknown']);
});

test('metric ids that are not UUIDs are refused before any request, naming the metric', async () => {
	const getData = nodeNamed("Get last month's metrics");
	const metricsJson = String(getData.parameters.metricsJson).replace(/"id": "[0-9a-f-]{36}"/, '"id": "followers"');
	const before = demo.simulator.requests.length;
	const run = await runNode(demo.simulator, { ...getData.parameters, metricsJson }, [{ customerToken: String(demo.accounts[0].apiToken), customerIntegration: (demo.accounts[0].integrations as string[])[0] }]);
	expect(run.status).toBe('error');
	expect(run.error?.message).toMatch(/has the id "followers", which is not a UUID/);
	expect(demo.simulator.requests.length).toBe(before);
});
