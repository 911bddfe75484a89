/**
 * n8n's three On Error settings, through n8n-core's real WorkflowExecute, for a node built from
 * the shared core: a per-item operation and an all-items operation, each failing one item of two
 * with the NodeApiError a provider's 404 gives. What lands on which output is n8n's doing
 * (handleNodeErrorOutput); what the node puts on the items decides it.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TestEngine, type WorkflowJson } from '../../harness/engine';
import { FIXTURE_TYPE, SharedFixture } from './fixture-node';

const engine = new TestEngine({ nodeTypes: { [FIXTURE_TYPE]: new SharedFixture() } });

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** Start → Fixture; its success output → Succeeded, its error output (when it has one) → Failed. */
function workflow(parameters: INodeParameters, onError: OnError): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Fixture', type: FIXTURE_TYPE, parameters, onError },
			{ name: 'Succeeded', type: 'n8n-nodes-base.noOp' },
			{ name: 'Failed', type: 'n8n-nodes-base.noOp' },
		],
		connections: {
			Start: { main: [[{ node: 'Fixture', type: 'main', index: 0 }]] },
			Fixture: {
				main: [
					[{ node: 'Succeeded', type: 'main', index: 0 }],
					[{ node: 'Failed', type: 'main', index: 0 }],
				],
			},
		},
	};
}

const twoItems = [{ id: 1 }, { id: 2, fail: true }];

async function run(operation: string, onError: OnError, inputItems: IDataObject[] = twoItems) {
	return await engine.runWorkflow({ workflow: workflow({ resource: 'thing', operation }, onError), inputItems });
}

function outputOf(result: Awaited<ReturnType<typeof run>>, index: number): INodeExecutionData[] {
	return result.runData.Fixture?.[0]?.data?.main?.[index] ?? [];
}

const withFix =
	'Fixture answered 404: Thing 2 not found. Nothing was found at that ID: check that it exists and belongs to this account. Correlation ID: corr-1.';

const failure = {
	error: 'Fixture answered 404: Thing 2 not found',
	description: expect.stringMatching(/^Nothing was found at that ID/),
	httpCode: '404',
	correlationId: 'corr-1',
};

describe.each([
	['a per-item operation', 'get', [{ json: { id: 1, name: 'thing 1' }, pairedItem: { item: 0 } }]],
	['an all-items operation', 'merge', [{ json: { merged: [1] }, pairedItem: [{ item: 0 }] }]],
])('%s failing one item of two', (_name, operation, succeeded) => {
	it('"Continue (using error output)" sends the failure to the error output, its fix in the message', async () => {
		const result = await run(operation, 'continueErrorOutput');
		expect(result.status).toBe('success');
		expect(outputOf(result, 0)).toEqual(succeeded);
		const failed = outputOf(result, 1);
		expect(failed).toHaveLength(1);
		// n8n keeps `{ error: message }` of an item that carries an error (normalizeNodeErrors).
		expect(failed[0].json).toEqual({ error: withFix });
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(failed[0].error).toBeInstanceOf(NodeApiError);
		expect(failed[0].error?.description).toMatch(/^Nothing was found at that ID/);
		expect(result.output('Failed')).toHaveLength(1);
		expect(result.output('Succeeded')).toHaveLength(1);
	});

	it('"Continue" keeps the failure on the main output, beside the item that worked', async () => {
		const result = await run(operation, 'continueRegularOutput');
		expect(result.status).toBe('success');
		const main = outputOf(result, 0);
		expect(main).toEqual([...succeeded, { json: failure, pairedItem: { item: 1 } }]);
		expect(main[1].error).toBeUndefined();
		expect(outputOf(result, 1)).toEqual([]);
		expect(result.executedNodes).not.toContain('Failed');
	});

	it('"Stop Workflow" stops the run with the error of the failed item', async () => {
		const result = await run(operation, 'stopWorkflow');
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(failure.error);
		expect(result.executedNodes).not.toContain('Succeeded');
	});
});

describe('an all-items operation failing as a whole', () => {
	const batch = [{ id: 1 }, { id: 2, explode: true }];

	it('"Continue (using error output)" sends every input to the error output', async () => {
		const result = await run('merge', 'continueErrorOutput', batch);
		expect(result.status).toBe('success');
		expect(outputOf(result, 0)).toEqual([]);
		expect(outputOf(result, 1)).toEqual([
			expect.objectContaining({ json: { error: 'The whole batch failed' }, pairedItem: { item: 0 } }),
			expect.objectContaining({ json: { error: 'The whole batch failed' }, pairedItem: { item: 1 } }),
		]);
		expect(result.output('Failed')).toHaveLength(2);
	});

	it('"Continue" gives one error item paired with every input', async () => {
		const result = await run('merge', 'continueRegularOutput', batch);
		expect(outputOf(result, 0)).toEqual([{ json: { error: 'The whole batch failed' }, pairedItem: [{ item: 0 }, { item: 1 }] }]);
	});

	it('"Stop Workflow" stops the run', async () => {
		const result = await run('merge', 'stopWorkflow', batch);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The whole batch failed');
	});
});

describe('the shape n8n needs', () => {
	/** A node that reports failures the way this package did before: extra fields, no `item.error`. */
	const legacy = {
		description: { ...new SharedFixture().description, name: 'legacyFixture', properties: [] },
		async execute(this: { getInputData(): INodeExecutionData[] }) {
			return [this.getInputData().map((item, i) => (item.json.fail ? { json: { error: 'Thing 2 not found', httpCode: '404' }, pairedItem: { item: i } } : item))];
		},
	};
	const legacyEngine = new TestEngine({ nodeTypes: { 'test.legacyFixture': legacy as never } });

	it('keeps an error item without item.error on the success output when it has other fields', async () => {
		const json = workflow({}, 'continueErrorOutput');
		json.nodes[1] = { ...json.nodes[1], type: 'test.legacyFixture' };
		const result = await legacyEngine.runWorkflow({ workflow: json, inputItems: twoItems });
		expect(outputOf(result, 0).map((i) => i.json)).toEqual([{ id: 1 }, { error: 'Thing 2 not found', httpCode: '404' }]);
		expect(outputOf(result, 1)).toEqual([]);
	});
});
