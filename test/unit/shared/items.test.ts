import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { forAllItems, forEachItem, route, toItems } from '../../../nodes/shared/items';
import { fakeContext, testNode } from '../support/context';

const items = [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 3 } }];

describe('per-item loop', () => {
	it('pairs every output with its input, including several outputs per input', async () => {
		const ctx = fakeContext({ items });
		const out = await forEachItem(ctx as never, async (i, item) => (i === 1 ? [{ a: 1 }, { a: 2 }] : { n: item.json.n }));
		expect(out).toEqual([
			{ json: { n: 1 }, pairedItem: { item: 0 } },
			{ json: { a: 1 }, pairedItem: { item: 1 } },
			{ json: { a: 2 }, pairedItem: { item: 1 } },
			{ json: { n: 3 }, pairedItem: { item: 2 } },
		]);
	});

	it('puts the error on the failing item and goes on when continue-on-fail is set', async () => {
		const ctx = fakeContext({ items, continueOnFail: true });
		const out = await forEachItem(ctx as never, async (i) => {
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
		const error = await forEachItem(ctx as never, async (i) => {
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
		const ops = { report: { get: { description: [], execute: async (i: number) => ({ got: i }) } } };
		const ok = fakeContext({ items: items.slice(0, 2), params: { resource: 'report', operation: 'get' } });
		expect(await route(ok as never, ops)).toEqual([[{ json: { got: 0 }, pairedItem: { item: 0 } }, { json: { got: 1 }, pairedItem: { item: 1 } }]]);
		const bad = fakeContext({ params: { resource: 'report', operation: 'explode' } });
		await expect(route(bad as never, ops)).rejects.toThrow('The operation "explode" of "report" is not supported');
	});
});

it('returns an operation result of 300,000 rows for one item', async () => {
	const ctx = fakeContext({ items: [{ json: {} }] });
	const rows = Array.from({ length: 300_000 }, (_, n) => ({ n }));
	const out = await forEachItem(ctx as never, async () => rows);
	expect(out).toHaveLength(300_000);
	expect(out[299_999]).toEqual({ json: { n: 299_999 }, pairedItem: { item: 0 } });
});
