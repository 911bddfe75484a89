import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { startDemo, type ReporteiDemo } from '../../simulators/reportei/demo';
import { runNode } from './helpers';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../../examples/reportei-monthly-metrics.json'), 'utf8')) as {
	nodes: INode[];
};
const nodeNamed = (name: string) => example.nodes.find((n) => n.name === name)!;

let demo: ReporteiDemo;

beforeAll(async () => {
	demo = await startDemo();
});

afterAll(async () => {
	await demo.stop();
});

test('the example workflow references the demo credential and runs against the demo data', async () => {
	const getData = nodeNamed("Get last month's metrics");
	expect(getData.credentials?.reporteiConnectApi.name).toBe('Reportei Connect API (demo)');
	const assignments = (nodeNamed('Customer to report').parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
	const input = Object.fromEntries(assignments.map((a) => [a.name, a.value]));
	expect(demo.customers[0]).toMatchObject({ apiToken: input.customerToken, integrations: expect.arrayContaining([input.customerIntegration]) });

	const run = await runNode(demo.sim, getData.parameters, [input]);
	expect(run.status).toBe('success');
	const items = run.output('Reportei').map((i) => i.json);
	expect(items[0]).toMatchObject({ metric_id: 'followers', component: 'number_v1', value: expect.any(Number), comparison_value: expect.any(Number) });
	expect(items.filter((i) => i.metric_id === 'reach_by_day').length).toBeGreaterThanOrEqual(28);
	expect(items.filter((i) => i.metric_id === 'followers_gender').map((i) => i.label)).toEqual(['female', 'male', 'unknown']);
});
