/**
 * A node of the shared core run as an AI agent's or MCP client's tool (n8n runs it under its
 * `<name>Tool` type), through n8n-core's engine: compact answers, files left out, the fix in the
 * message a model sees, option values checked, and Limit refused below 1.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TestEngine, type WorkflowJson } from '../../harness/engine';
import { FIXTURE_TOOL_TYPE, FIXTURE_TYPE, SharedFixture, SharedFixtureTool } from './fixture-node';

const engine = new TestEngine({
	nodeTypes: { [FIXTURE_TYPE]: new SharedFixture(), [FIXTURE_TOOL_TYPE]: new SharedFixtureTool() },
});

function workflow(type: string, parameters: INodeParameters, onError = 'stopWorkflow'): WorkflowJson {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Fixture', type, parameters: { resource: 'thing', ...parameters }, onError: onError as never },
		],
		connections: { Start: { main: [[{ node: 'Fixture', type: 'main', index: 0 }]] } },
	};
}

async function run(type: string, parameters: INodeParameters, inputItems: IDataObject[] = [{ id: 1 }], onError?: string) {
	return await engine.runWorkflow({ workflow: workflow(type, parameters, onError), inputItems });
}

describe('as a tool', () => {
	it('answers a Get Many with defaults in under 16,000 characters (about 4,000 tokens)', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'getMany' });
		expect(result.status).toBe('success');
		const out = result.output('Fixture');
		expect(JSON.stringify(out.map((i) => i.json)).length).toBeLessThan(16_000);
	});

	it('keeps whole items that fit and ends with a note saying how to ask for less (no Simplify advice where there is no Simplify)', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'getMany', returnAll: true });
		const out = result.output('Fixture');
		expect(JSON.stringify(out.map((i) => i.json)).length).toBeLessThan(16_000);
		const note = out[out.length - 1].json.note as string;
		const kept = out.length - 1;
		expect(note).toBe(
			`Showing ${kept} of 1000 results: the rest did not fit in one answer; ask for fewer with Limit or filters.`,
		);
		expect(out.slice(0, kept).every((i, n) => i.json.id === n && typeof i.json.description === 'string')).toBe(true);
	});

	it('leaves files out, with a note', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'file' });
		const out = result.output('Fixture');
		expect(out.map((i) => i.json)).toEqual([
			{ file: 'things.csv' },
			{ note: 'The file things.csv is left out: a tool answer carries no files.' },
		]);
		expect(out.some((i) => i.binary)).toBe(false);
	});

	it('puts the fix into the message of an error, which is all a model sees', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'get' }, [{ id: 7, fail: true }]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Fixture answered 404: Thing 7 not found. Nothing was found at that ID: check that it exists and belongs to this account.',
		);
	});

	it('refuses an option value that is not in the description, naming the field and its values', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'get', shape: "={{ 'medium' }}" });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Shape cannot be "medium": use "full" or "short". Shape takes one of its listed values: Full ("full"), Short ("short").',
		);
		const inCollection = await run(FIXTURE_TOOL_TYPE, { operation: 'get', options: { sort: '={{ "sideways" }}' } });
		expect(inCollection.error?.message).toMatch(/^Options › Sort cannot be "sideways": use "asc" or "desc"/);
	});

	it('turns Simplify on by default for a tool only', async () => {
		const tool = await run(FIXTURE_TOOL_TYPE, { operation: 'get' }, [{ id: 1, showSimplify: true }]);
		expect(tool.output('Fixture')[0].json.simplify).toBe(true);
		const plain = await run(FIXTURE_TYPE, { operation: 'get' }, [{ id: 1, showSimplify: true }]);
		expect(plain.output('Fixture')[0].json.simplify).toBe(false);
		const off = await run(FIXTURE_TOOL_TYPE, { operation: 'get', simplify: false }, [{ id: 1, showSimplify: true }]);
		expect(off.output('Fixture')[0].json.simplify).toBe(false);
	});

	it('refuses a Limit below 1 instead of returning nothing', async () => {
		const result = await run(FIXTURE_TOOL_TYPE, { operation: 'getMany', limit: 0 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Limit must be 1 or more\. Set Limit to 1 or more \(it is 0\)/);
	});
});

describe('in a workflow', () => {
	it('returns every item and file as they are', async () => {
		const many = await run(FIXTURE_TYPE, { operation: 'getMany', returnAll: true });
		expect(many.output('Fixture')).toHaveLength(1000);
		const file = await run(FIXTURE_TYPE, { operation: 'file' });
		expect(file.output('Fixture')[0].binary?.data).toMatchObject({ fileName: 'things.csv' });
	});

	it('refuses an unknown option value too, and tells the editor user in the description', async () => {
		const result = await run(FIXTURE_TYPE, { operation: 'get', shape: "={{ 'medium' }}" });
		expect(result.error?.message).toBe('Shape cannot be "medium": use "full" or "short"');
		expect((result.error as { description?: string }).description).toBe('Shape takes one of its listed values: Full ("full"), Short ("short").');
	});

	it('says when a list stopped at its Limit while more existed, once', async () => {
		const result = await run(FIXTURE_TYPE, { operation: 'getMany', limit: 20 }, [{ id: 1 }, { id: 2 }]);
		expect(result.output('Fixture')).toHaveLength(40);
		expect(result.runData.Fixture[0].hints).toEqual([
			{ message: 'Returned the first 20 results; turn on Return All or raise Limit to get more', type: 'info', location: 'outputPane' },
		]);
		const all = await run(FIXTURE_TYPE, { operation: 'getMany', limit: 1000 });
		expect(all.runData.Fixture[0].hints ?? []).toEqual([]);
	});
});
