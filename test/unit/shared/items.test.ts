import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	compactForTool,
	forAllItems,
	forEachItem,
	itemFailure,
	onErrorMode,
	toItems,
	TOOL_OUTPUT_MAX_CHARS,
	withFixInMessage,
} from '../../../nodes/shared/items';
import { defineNode, defineResource } from '../../../nodes/shared/resources';
import { fakeContext, testNode } from '../support/context';

const items = [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }];

describe('per-item loop', () => {
	it('pairs every output with its input, including several outputs per input', async () => {
		const ctx = fakeContext({ items });
		const out = await forEachItem(ctx as never, async ({ itemIndex: i }, item) => (i === 1 ? [{ a: 1 }, { a: 2 }] : { n: item.json.n }));
		expect(out).toEqual([
			{ json: { n: 1 }, pairedItem: { item: 0 } },
			{ json: { a: 1 }, pairedItem: { item: 1 } },
			{ json: { a: 2 }, pairedItem: { item: 1 } },
			{ json: { n: 3 }, pairedItem: { item: 2 } },
		]);
	});

	it('puts the error on the failing item and goes on when continue-on-fail is set', async () => {
		const ctx = fakeContext({ items, continueOnFail: true });
		const out = await forEachItem(ctx as never, async ({ itemIndex: i }) => {
			if (i === 1) throw new NodeApiError(testNode, { message: 'nope' }, { message: 'Example answered 404: nope', description: 'Check the ID.', httpCode: '404' });
			return { ok: i };
		});
		expect(out).toEqual([
			{ json: { ok: 0 }, pairedItem: { item: 0 } },
			{ json: { error: 'Example answered 404: nope', description: 'Check the ID.', httpCode: '404' }, pairedItem: { item: 1 } },
			{ json: { ok: 2 }, pairedItem: { item: 2 } },
		]);
	});

	it('throws with the item index otherwise, wrapping plain errors', async () => {
		const ctx = fakeContext({ items });
		const error = await forEachItem(ctx as never, async ({ itemIndex: i }) => {
			if (i === 2) throw new Error('bad date');
			return {};
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('bad date');
		expect(error.context.itemIndex).toBe(2);
	});

	it('keeps binary data and pairs it', () => {
		const out = toItems([{ json: { f: 1 }, binary: { data: { data: 'AA==', mimeType: 'text/plain' } } }], 4);
		expect(out[0]).toMatchObject({ pairedItem: { item: 4 }, binary: { data: { mimeType: 'text/plain' } } });
	});

	it('keeps items the operation paired as they are, and pairs the rest', () => {
		const pairedItem = { item: 1 };
		const rows = [{ json: { a: 1 }, pairedItem }, { json: { a: 2 }, pairedItem }];
		expect(toItems(rows, 1)).toBe(rows);
		const mixed = toItems([{ json: { a: 1 }, pairedItem: { item: 3 } }, { json: { a: 2 } }, { b: 3 }], 1);
		expect(mixed).toEqual([
			{ json: { a: 1 }, pairedItem: { item: 3 } },
			{ json: { a: 2 }, pairedItem: { item: 1 } },
			{ json: { b: 3 }, pairedItem: { item: 1 } },
		]);
	});

	it('gives every input its items in order when the last one returns a list of its own', async () => {
		const ctx = fakeContext({ items });
		const last = [{ json: { row: 1 }, pairedItem: { item: 2 } }];
		const out = await forEachItem(ctx as never, async ({ itemIndex: i }) => (i === 2 ? last : { got: i }));
		expect(out.map((o) => o.json)).toEqual([{ got: 0 }, { got: 1 }, { row: 1 }]);
		expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('pairs a whole-batch error with every input', async () => {
		const ctx = fakeContext({ items, continueOnFail: true });
		const out = await forAllItems(ctx as never, async () => {
			throw new NodeOperationError(testNode, 'Item 1 has no trust_id');
		});
		expect(out).toEqual([{ json: { error: 'Item 1 has no trust_id' }, pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }] }]);
	});
});

describe('router', () => {
	it('runs the chosen operation and refuses an unknown one', async () => {
		const get = { option: { name: 'Get', action: 'Get a report', description: 'Get it' }, properties: [], execute: async ({ itemIndex }: { itemIndex: number }) => ({ got: itemIndex }) };
		const node = defineNode([defineResource({ value: 'report', name: 'Report', operations: { get }, defaultOperation: 'get' })], 'report');
		const ok = fakeContext({ items: items.slice(0, 2), params: { resource: 'report', operation: 'get' } });
		expect(await node.route(ok as never)).toEqual([[{ json: { got: 0 }, pairedItem: { item: 0 } }, { json: { got: 1 }, pairedItem: { item: 1 } }]]);
		const bad = fakeContext({ params: { resource: 'report', operation: 'explode' } });
		await expect(node.route(bad as never)).rejects.toThrow('The operation "explode" of "report" is not supported');
	});
});

it('returns an operation result of 300,000 rows for one item', async () => {
	const ctx = fakeContext({ items: [{ json: {} }] });
	const rows = Array.from({ length: 300_000 }, (_, n) => ({ n }));
	const out = await forEachItem(ctx as never, async () => rows);
	expect(out).toHaveLength(300_000);
	expect(out[299_999]).toEqual({ json: { n: 299_999 }, pairedItem: { item: 0 } });
});

describe('On Error settings', () => {
	const notFound = () =>
		new NodeApiError(testNode, { message: 'nope' }, { message: 'Example answered 404: nope', description: 'Check the ID. Request: GET /x.', httpCode: '404' });
	const withMode = (onError: string | undefined, continueOnFail: boolean, type = testNode.type) => {
		const ctx = fakeContext({ items, continueOnFail });
		return { ...ctx, getNode: () => ({ ...testNode, type, onError }) } as never;
	};

	it('reads the mode from continueOnFail and the node', () => {
		expect(onErrorMode(withMode(undefined, false))).toBe('stopWorkflow');
		expect(onErrorMode(withMode('continueRegularOutput', true))).toBe('continueRegularOutput');
		expect(onErrorMode(withMode('continueErrorOutput', true))).toBe('continueErrorOutput');
		// Workflows saved with the old "Continue On Fail" switch have no onError.
		expect(onErrorMode(withMode(undefined, true))).toBe('continueRegularOutput');
	});

	it('gives the error output an item carrying its error, the fix in the message', () => {
		const item = itemFailure(withMode('continueErrorOutput', true), notFound(), 1);
		expect(item.json).toEqual({ error: 'Example answered 404: nope. Check the ID.' });
		expect(item.error).toBeInstanceOf(NodeApiError);
		expect(item.pairedItem).toEqual({ item: 1 });
	});

	it('keeps the details as fields on the main output, without item.error', () => {
		const item = itemFailure(withMode('continueRegularOutput', true), notFound(), 1);
		expect(item).toEqual({
			json: { error: 'Example answered 404: nope', description: 'Check the ID. Request: GET /x.', httpCode: '404' },
			pairedItem: { item: 1 },
		});
	});

	it('throws under Stop Workflow, naming the item', () => {
		let thrown: unknown;
		try {
			itemFailure(withMode(undefined, false), new Error('bad'), 3);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect((thrown as NodeOperationError).context.itemIndex).toBe(3);
	});

	it('puts the fix into the message in tool mode, once', () => {
		const ctx = withMode(undefined, false, 'n8n-nodes-reporting.exampleTool');
		const error = notFound();
		expect(() => itemFailure(ctx, error, 0)).toThrow('Example answered 404: nope. Check the ID.');
		expect(withFixInMessage(error).message).toBe('Example answered 404: nope. Check the ID.');
	});

	it('sends every input of a failed batch to the error output', async () => {
		const out = await forAllItems(withMode('continueErrorOutput', true), async () => {
			throw new Error('batch failed');
		});
		expect(out.map((i) => [i.json, i.pairedItem, !!i.error])).toEqual([
			[{ error: 'batch failed' }, { item: 0 }, true],
			[{ error: 'batch failed' }, { item: 1 }, true],
			[{ error: 'batch failed' }, { item: 2 }, true],
		]);
	});
});

describe('compact tool output', () => {
	const row = (n: number) => ({ json: { n, text: 'x'.repeat(90) }, pairedItem: { item: 0 } });

	it('keeps whole items within the budget and notes what was left out', () => {
		const out = compactForTool(Array.from({ length: 500 }, (_, n) => row(n)), { advice: 'use Output: Summary' });
		const size = JSON.stringify(out.map((i) => i.json)).length;
		expect(size).toBeLessThanOrEqual(TOOL_OUTPUT_MAX_CHARS);
		const note = out[out.length - 1].json.note;
		expect(note).toBe(`Showing ${out.length - 1} of 500 results: the rest did not fit in one answer; ask for fewer with Limit or filters, or use Output: Summary.`);
		expect(out[out.length - 2].json.n).toBe(out.length - 2);
	});

	it('changes nothing that fits and has no files', () => {
		const small = [row(1), row(2)];
		expect(compactForTool(small)).toEqual(small);
	});

	it('leaves files out and names them', () => {
		const withFile = { json: { id: 1 }, binary: { data: { data: 'AA==', mimeType: 'text/csv', fileName: 'a.csv' } }, pairedItem: { item: 0 } };
		expect(compactForTool([withFile])).toEqual([
			{ json: { id: 1 }, pairedItem: { item: 0 } },
			{ json: { note: 'The file a.csv is left out: a tool answer carries no files.' }, pairedItem: { item: 0 } },
		]);
	});

	it('says so when even the first item does not fit', () => {
		const out = compactForTool([{ json: { big: 'x'.repeat(20_000) } }]);
		expect(out).toEqual([{ json: { note: expect.stringMatching(/^Showing 0 of 1 results/) }, pairedItem: { item: 0 } }]);
	});
});
