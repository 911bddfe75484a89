/**
 * A node built from the shared core like every provider node (`defineResource` / `defineNode`),
 * with no HTTP: items whose `fail` field is true fail with the NodeApiError a provider call that
 * was answered 404 throws (`apiError`, as `providerRequest` builds it). Used to prove, through
 * n8n-core's engine, where failures go under each On Error setting and what a tool call gets.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listOptions, returnAllOrLimit, simplifyProperties } from '../../../nodes/shared/descriptions';
import { apiError } from '../../../nodes/shared/errors';
import { itemFailure, type ItemContext } from '../../../nodes/shared/items';
import { collectPages, pageLimitEnvelope } from '../../../nodes/shared/pagination';
import { defineNode, defineResource, type Operation } from '../../../nodes/shared/resources';

export const FIXTURE_TYPE = 'test.sharedFixture';
export const FIXTURE_TOOL_TYPE = 'test.sharedFixtureTool';

function notFound(ctx: IExecuteFunctions, id: unknown, itemIndex: number) {
	return apiError(ctx.getNode(), {
		provider: 'Fixture',
		failure: { status: 404, headers: { 'x-correlation-id': 'corr-1' }, body: { message: `Thing ${String(id)} not found` }, message: 'Request failed with status code 404' },
		method: 'GET',
		url: `https://fixture.test/things/${String(id)}`,
		correlationHeader: 'x-correlation-id',
		itemIndex,
	});
}

/** Get: one thing per item; fails for items with `fail: true`. */
const get: Operation = {
	option: { name: 'Get', action: 'Get a thing', description: 'Get one thing' },
	properties: [
		{
			displayName: 'Shape',
			name: 'shape',
			type: 'options',
			default: 'full',
			options: [
				{ name: 'Full', value: 'full', description: 'Every field' },
				{ name: 'Short', value: 'short', description: 'The ID only' },
			],
			description: 'How much of the thing to return',
		},
		...simplifyProperties(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Sort',
					name: 'sort',
					type: 'options',
					default: 'asc',
					options: [
						{ name: 'Ascending', value: 'asc' },
						{ name: 'Descending', value: 'desc' },
					],
					description: 'Order of the things',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, item: ItemContext) {
		const input = this.getInputData()[item.itemIndex].json;
		if (input.fail) throw notFound(this, input.id, item.itemIndex);
		const shape = this.getNodeParameter('shape', item.itemIndex) as string;
		const thing = shape === 'short' ? { id: input.id } : { id: input.id, name: `thing ${String(input.id)}` };
		if (input.showSimplify) return { ...thing, simplify: this.getNodeParameter('simplify', item.itemIndex) as boolean };
		return thing;
	},
};

/** Get Many: `count` things from a fake paged list of 1,000 (pages of 100). */
const getMany: Operation = {
	option: { name: 'Get Many', action: 'Get many things', description: 'List things' },
	properties: [...returnAllOrLimit({})],
	async execute(this: IExecuteFunctions, item: ItemContext) {
		const total = 1000;
		return await collectPages(
			pageLimitEnvelope,
			async (query) => {
				const page = Number(query.page);
				const size = Number(query.limit);
				const results: IDataObject[] = [];
				for (let n = (page - 1) * size; n < Math.min(total, page * size); n++) {
					results.push({ id: n, name: `thing ${n}`, description: 'A thing with a description long enough to count' });
				}
				return { results, total, currentPage: page, totalPages: Math.ceil(total / size) };
			},
			listOptions(item, 100),
		);
	},
};

/** Merge: all items become one thing; items with `fail: true` are reported one by one. */
const merge: Operation = {
	option: { name: 'Merge', action: 'Merge things', description: 'Make one thing of all items' },
	properties: [],
	async executeAll(this: IExecuteFunctions, items: INodeExecutionData[]) {
		if (items.some((i) => i.json.explode)) throw new Error('The whole batch failed');
		const out: INodeExecutionData[] = [];
		const merged: number[] = [];
		for (let i = 0; i < items.length; i++) {
			if (items[i].json.fail) out.push(itemFailure(this, notFound(this, items[i].json.id, i), i));
			else merged.push(i);
		}
		if (merged.length) {
			out.unshift({ json: { merged: merged.map((i) => items[i].json.id as number) }, pairedItem: merged.map((item) => ({ item })) });
		}
		return out;
	},
};

/** File: a small binary file per item. */
const file: Operation = {
	option: { name: 'File', action: 'Get a file', description: 'Get a thing as a file' },
	properties: [],
	async execute(this: IExecuteFunctions, item: ItemContext) {
		const binary = await this.helpers.prepareBinaryData(Buffer.from('a,b\n1,2\n'), 'things.csv', 'text/csv');
		return [{ json: { file: 'things.csv' }, binary: { data: binary }, pairedItem: { item: item.itemIndex } }];
	},
};

const thing = defineResource({ value: 'thing', name: 'Thing', operations: { get, getMany, merge, file }, defaultOperation: 'get' });
const router = defineNode([thing], 'thing');

export class SharedFixture implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shared Fixture',
		name: 'sharedFixture',
		icon: 'fa:cube',
		group: ['transform'],
		version: 1,
		description: 'Fixture node built from the shared core',
		defaults: { name: 'Shared Fixture' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: router.properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.route(this);
	}
}

/** The node as n8n registers it for agents: the same node under `<name>Tool`. */
export class SharedFixtureTool extends SharedFixture {
	constructor() {
		super();
		this.description = { ...this.description, name: 'sharedFixtureTool', displayName: 'Shared Fixture Tool' };
	}
}
