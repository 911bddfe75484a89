import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { checkOptionValues, listOptions, returnAllOrLimit, simplifyProperties, withToolDefault } from '../../../nodes/shared/descriptions';
import { executionHint } from '../../../nodes/shared/hints';
import type { ItemContext } from '../../../nodes/shared/items';
import { testNode } from '../support/context';

const output: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'summary',
	options: [
		{ name: 'Summary', value: 'summary' },
		{ name: 'Playlogs', value: 'playlogs' },
		{ name: 'File', value: 'file' },
	],
	description: 'What to return',
	displayOptions: { show: { operation: ['getPlaylogs'] } },
};
const groupBy: INodeProperties = {
	displayName: 'Group By',
	name: 'groupBy',
	type: 'multiOptions',
	default: ['mediaId'],
	options: [
		{ name: 'Date', value: 'date' },
		{ name: 'Media', value: 'mediaId' },
	],
	description: 'Groups',
	displayOptions: { show: { operation: ['getPlaylogs'], output: ['summary'] } },
};
const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'Done', value: 'done' },
			],
			description: 'Status',
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name' },
	],
};
const rules: INodeProperties = {
	displayName: 'Rules',
	name: 'rules',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	options: [
		{
			name: 'rule',
			displayName: 'Rule',
			values: [
				{ displayName: 'Kind', name: 'kind', type: 'options', default: 'a', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], description: 'Kind' },
			],
		},
	],
};
const loaded: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaign',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCampaigns' },
	default: '',
	description: 'Loaded from the provider',
};
const properties = [output, groupBy, filters, rules, loaded];

/** A node context whose saved parameters are `parameters` and whose values (as resolved) are `values`. */
function ctx(parameters: Record<string, unknown>, values: Record<string, unknown> = parameters, type = testNode.type) {
	return {
		getNode: () => ({ ...testNode, type, parameters }),
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in values ? values[name] : fallback),
	} as unknown as IExecuteFunctions;
}

describe('checkOptionValues', () => {
	const base = { operation: 'getPlaylogs', output: 'summary', groupBy: ['date'], filters: {}, rules: {}, campaign: 'c-1' };

	it('lets listed values, defaults and values loaded from the provider through', () => {
		expect(() => checkOptionValues(ctx(base), properties, 0)).not.toThrow();
		expect(() => checkOptionValues(ctx({ ...base, campaign: 'anything', filters: { status: 'done', name: 'x' } }), properties, 0)).not.toThrow();
	});

	it('refuses a value that is not an option, naming the field and listing the values', () => {
		expect(() => checkOptionValues(ctx({ ...base, output: '={{ $fromAI("output") }}' }, { ...base, output: 'counts' }), properties, 0)).toThrow(
			'Output cannot be "counts": use "summary", "playlogs" or "file"',
		);
	});

	it('checks every value of a multi-options field, and that it is a list', () => {
		expect(() => checkOptionValues(ctx({ ...base, groupBy: ['date', 'week'] }), properties, 0)).toThrow('Group By cannot contain "week": use "date" or "mediaId"');
		expect(() => checkOptionValues(ctx({ ...base, groupBy: 'date' }), properties, 0)).toThrow('Group By must be a list of values among "date" or "mediaId", not "date"');
	});

	it('checks options inside collections and fixed collections', () => {
		expect(() => checkOptionValues(ctx({ ...base, filters: { status: 'open' } }), properties, 0)).toThrow('Filters › Status cannot be "open": use "any" or "done"');
		expect(() => checkOptionValues(ctx({ ...base, rules: { rule: [{ kind: 'a' }, { kind: 'z' }] } }), properties, 0)).toThrow(
			'Rules › Rule › Kind cannot be "z": use "a" or "b"',
		);
	});

	it('does not check fields the current parameters hide', () => {
		// Group By shows only for the Summary output.
		expect(() => checkOptionValues(ctx({ ...base, output: 'file', groupBy: ['week'] }), properties, 0)).not.toThrow();
		expect(() => checkOptionValues(ctx({ ...base, operation: 'other', output: 'counts' }), properties, 0)).not.toThrow();
	});

	it('says in the description what each value is called in the editor', () => {
		try {
			checkOptionValues(ctx({ ...base, output: 'counts' }), properties, 0);
		} catch (error) {
			expect((error as { description: string }).description).toBe('Output takes one of its listed values: Summary ("summary"), Playlogs ("playlogs"), File ("file").');
		}
		expect.assertions(1);
	});
});

describe('listOptions', () => {
	const item = (values: Record<string, unknown>, hints: unknown[] = []) =>
		({ n8n: { ...ctx({}, values), addExecutionHints: (h: unknown) => hints.push(h) }, itemIndex: 0 }) as unknown as ItemContext;

	it('reads Return All and Limit', () => {
		expect(listOptions(item({ returnAll: true }), 100)).toEqual({ returnAll: true, pageSize: 100 });
		expect(listOptions(item({ returnAll: false, limit: 20 }), 100)).toMatchObject({ returnAll: false, limit: 20, pageSize: 100 });
		expect(listOptions(item({ limit: '7' }), 100)).toMatchObject({ limit: 7 });
	});

	it.each([0, -5, 'ten', null, Number.NaN])('refuses Limit %p', (limit) => {
		expect(() => listOptions(item({ limit }), 100)).toThrow('Limit must be 1 or more');
	});

	it('gives the limit hint through collectPages, once per run', () => {
		const hints: unknown[] = [];
		const first = item({ limit: 5 }, hints);
		listOptions(first, 100).onLimitReached?.(5);
		listOptions(first, 100).onLimitReached?.(5);
		expect(hints).toEqual([{ message: 'Returned the first 5 results; turn on Return All or raise Limit to get more', type: 'info', location: 'outputPane' }]);
	});
});

describe('execution hints', () => {
	it('are given once per run, and skipped where n8n has none', () => {
		const hints: unknown[] = [];
		const run = { addExecutionHints: (h: unknown) => hints.push(h) } as never;
		executionHint(run, 'a');
		executionHint(run, 'a');
		executionHint(run, 'b', 'warning');
		expect(hints).toHaveLength(2);
		expect(() => executionHint({} as never, 'a')).not.toThrow();
	});
});

describe('fields with another default for tools', () => {
	const visible = (type: string) => {
		const description = { name: type, properties: simplifyProperties({ operation: ['get'] }) } as never;
		return simplifyProperties({ operation: ['get'] })
			.filter((p) => NodeHelpers.displayParameter({ operation: 'get' }, p, testNode, description))
			.map((p) => p.default);
	};

	it('shows Simplify off in workflows and on for a tool', () => {
		expect(visible('example')).toEqual([false]);
		expect(visible('exampleTool')).toEqual([true]);
	});

	it('keeps the field as it was otherwise', () => {
		const [workflow, tool] = withToolDefault({ ...returnAllOrLimit({})[0] }, true);
		expect(workflow).toMatchObject({ name: 'returnAll', default: false, displayOptions: { hide: { '@tool': [true] } } });
		expect(tool).toMatchObject({ name: 'returnAll', default: true, displayOptions: { show: { '@tool': [true] } } });
	});
});
