/**
 * The n8n client's read-back against a stand-in n8n that stores an execution the way n8n 1.x does
 * on SQLite: the execution row (status success, finished) first, its run data a moment later.
 */
import { client } from '../../../dev/n8n/client';
import { Simulator } from '../../../dev/simulators/simulator';

const WORKFLOW = {
	id: 'wf1',
	name: 'read-back',
	nodes: [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
		{ name: 'Set', type: 'n8n-nodes-base.set' },
	],
	connections: {},
};

const stored = (id: string) => ({
	id,
	workflowId: 'wf1',
	mode: 'manual',
	status: 'success',
	finished: true,
	data: { resultData: { lastNodeExecuted: 'Set', runData: { Set: [{ data: { main: [[{ json: { a: 1 } }]] } }] } } },
});

/** What n8n 1.x answers between its two writes: the final row with the data of the run's start (none). */
const rowOnly = (id: string) => ({ ...stored(id), data: {} });

let n8n: Simulator;
let answers: Array<(id: string) => unknown>;

beforeEach(async () => {
	n8n = new Simulator({ name: 'n8n' });
	n8n.get('/api/v1/workflows/:id', (_req, res) => res.json(WORKFLOW));
	n8n.post('/rest/workflows/:id/run', (_req, res) => res.json({ data: { executionId: '7' } }));
	n8n.get('/api/v1/executions/:id', (req, res) => {
		const next = answers.length > 1 ? answers.shift()! : answers[0];
		const body = next(req.params.id);
		if (body === undefined) res.json({ message: 'not found' }, 404);
		else res.json(body);
	});
	n8n.get('/api/v1/executions', (_req, res) => {
		const next = answers.length > 1 ? answers.shift()! : answers[0];
		res.json({ data: [next('7')], nextCursor: null });
	});
	await n8n.start();
});

afterEach(async () => {
	await n8n.stop();
});

const session = () => ({ baseUrl: n8n.url, apiKey: 'key', cookie: 'n8n-auth=x' });

test('a manual run is read back once its data is stored, not when its row says it finished', async () => {
	answers = [() => undefined, (id) => ({ ...rowOnly(id), status: 'running', finished: false }), rowOnly, rowOnly, stored];

	const run = await client(session()).runWorkflow('wf1');

	expect(run.status).toBe('success');
	expect(run.nodes.Set).toEqual([{ a: 1 }]);
	expect(n8n.count({ path: '/api/v1/executions/:id' })).toBe(5);
});

test('a run whose data never arrives fails with a message saying so', async () => {
	answers = [rowOnly];

	await expect(client(session()).runWorkflow('wf1', { timeoutMs: 300 })).rejects.toThrow(
		'execution 7 of workflow wf1 ended (success) but n8n stored no run data for it in time',
	);
});

test('waiting for executions returns them once their data is stored', async () => {
	// listed without data (finished), then read with data: first the row only, then stored
	answers = [rowOnly, rowOnly, rowOnly, stored];

	const [execution] = await client(session()).waitForExecutions('wf1', 1, 5_000, { pollMs: 10 });

	expect(execution.nodes.Set).toEqual([{ a: 1 }]);
});
