import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkOptionValues } from './descriptions';
import {
	compactForTool,
	forAllItems,
	forEachItem,
	type ItemContext,
	type OperationResult,
	type ToolOutputOptions,
} from './items';
import { requestContext, type RequestContext } from './http';

/**
 * How a node is assembled from its resources, the same in every provider:
 *
 *   actions/<resource>/<operation>.operation.ts   exports `option`, `properties`, `execute`
 *   actions/<resource>/index.ts                    `defineResource({ value, name, operations })`
 *   <Provider>.node.ts                             `defineNode([...resources])` and `route()`
 *
 * The Resource and Operation selectors, each field's display conditions and the table the router
 * runs from are all generated from that one object, so a resource value, its operation values and
 * the code that runs them cannot disagree.
 */

/** How one operation appears in the Operation selector. `action` is also its AI tool description. */
export interface OperationOption {
	name: string;
	action: string;
	description: string;
}

/** One operation: a file of its own exporting these. */
export interface Operation {
	option: OperationOption;
	/** Its fields, without the resource/operation display conditions (the registry adds them). */
	properties: INodeProperties[];
	/** Runs once per input item. */
	execute?: (this: IExecuteFunctions, item: ItemContext) => Promise<OperationResult>;
	/**
	 * Runs once for all input items together (for example all items become one campaign). Must
	 * return items whose pairedItem names the inputs they came from.
	 */
	executeAll?: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		request: RequestContext,
	) => Promise<INodeExecutionData[]>;
	/**
	 * What a model should try when this operation's answer is cut to fit a tool answer, after
	 * "ask for fewer with Limit or filters": e.g. `use Output: Summary`. Default: the node's.
	 */
	toolAdvice?: string;
}

export interface ResourceInput<Ops extends Record<string, Operation>> {
	/** The Resource value saved in workflows. */
	value: string;
	/** The Resource name shown in the editor. */
	name: string;
	description?: string;
	/** Operations by their saved value. */
	operations: Ops;
	/** The operation selected when the resource is picked. */
	defaultOperation: keyof Ops & string;
	/**
	 * Operation values that node version 1 saved and later versions renamed (`getAll` became
	 * `getMany`): version-1 nodes keep showing and running them.
	 */
	renamedSinceV1?: Record<string, keyof Ops & string>;
}

export interface Resource {
	value: string;
	option: INodePropertyOptions;
	operations: Record<string, Operation>;
	/** Saved operation value (any version) to the operation it runs. */
	aliases: Record<string, string>;
	properties: INodeProperties[];
}

function byName<T extends { name: string }>(a: T, b: T) {
	return a.name.localeCompare(b.name);
}

/** One resource: its Operation selector(s), its operations' fields and its run table. */
export function defineResource<Ops extends Record<string, Operation>>(input: ResourceInput<Ops>): Resource {
	const renamed = input.renamedSinceV1 ?? {};
	const oldNamesOf = (value: string) => Object.keys(renamed).filter((old) => renamed[old] === value);
	const selector = (version: 'v1' | 'current'): INodeProperties => {
		const valueFor = (value: string) => (version === 'v1' ? (oldNamesOf(value)[0] ?? value) : value);
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: {
				show: {
					resource: [input.value],
					...(Object.keys(renamed).length ? { '@version': version === 'v1' ? [1] : [{ _cnd: { gte: 2 } }] } : {}),
				},
			},
			options: Object.entries(input.operations)
				.map(([value, op]) => ({ ...op.option, value: valueFor(value) }))
				.sort(byName),
			default: valueFor(input.defaultOperation),
		};
	};
	// The current selector comes first: n8n describes a node used as an AI tool by the first
	// Operation property that matches its resource, whatever the version.
	const selectors = Object.keys(renamed).length ? [selector('current'), selector('v1')] : [selector('current')];
	const properties = Object.entries(input.operations).flatMap(([value, op]) =>
		updateDisplayOptions(
			{ show: { resource: [input.value], operation: [value, ...oldNamesOf(value)] } },
			op.properties,
		),
	);
	const aliases: Record<string, string> = {};
	for (const value of Object.keys(input.operations)) aliases[value] = value;
	for (const [old, value] of Object.entries(renamed)) aliases[old] = value;
	return {
		value: input.value,
		option: { name: input.name, value: input.value, ...(input.description ? { description: input.description } : {}) },
		operations: input.operations,
		aliases,
		properties: [...selectors, ...properties],
	};
}

export interface NodeResources {
	/** The Resource selector followed by every resource's fields. */
	properties: INodeProperties[];
	/** Runs the chosen operation over the input items. */
	route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]>;
	/** Looks up an operation by saved resource and operation values. */
	find(resource: string, operation: string): Operation | undefined;
}

export interface NodeOptions {
	/**
	 * How answers are cut when the node runs as a tool (default: about 4,000 tokens, advice
	 * `turn on Simplify` for operations that have it).
	 */
	toolOutput?: ToolOutputOptions;
}

const DEFAULT_TOOL_ADVICE = 'turn on Simplify';

/** Whether the operation offers Simplify, so advice to turn it on can be followed. */
function hasSimplify(op: Operation): boolean {
	return op.properties.some((p) => p.name === 'simplify');
}

/**
 * The resources of one node, with its Resource selector and its router. The router checks every
 * option value against the description before an operation runs (`checkOptionValues`), applies
 * the node's On Error setting (`forEachItem` / `forAllItems`), and, when the node runs as a tool,
 * makes the answer compact (`compactForTool`).
 */
export function defineNode(resources: Resource[], defaultResource: string, nodeOptions: NodeOptions = {}): NodeResources {
	const byValue = new Map(resources.map((r) => [r.value, r]));
	if (!byValue.has(defaultResource)) throw new Error(`Unknown default resource "${defaultResource}"`);
	const find = (resource: string, operation: string) => {
		const r = byValue.get(resource);
		const value = r?.aliases[operation];
		return value === undefined ? undefined : r?.operations[value];
	};
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((r) => r.option).sort(byName),
			default: defaultResource,
		},
		...resources.flatMap((r) => r.properties),
	];
	return {
		properties,
		find,
		async route(ctx) {
			const resource = ctx.getNodeParameter('resource', 0) as string;
			const operation = ctx.getNodeParameter('operation', 0) as string;
			const op = find(resource, operation);
			if (!op) {
				throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					description: 'Choose another operation in the node, or update the package.',
				});
			}
			const request = requestContext(ctx, 0);
			let out: INodeExecutionData[];
			if (op.executeAll) {
				const executeAll = op.executeAll;
				out = await forAllItems(ctx, async (items) => {
					for (let i = 0; i < items.length; i++) checkOptionValues(ctx, properties, i);
					return await executeAll.call(ctx, items, request);
				});
			} else {
				const execute = op.execute;
				if (!execute) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" has nothing to run`);
				out = await forEachItem(ctx, async (item) => {
					checkOptionValues(ctx, properties, item.itemIndex);
					return await execute.call(ctx, item);
				});
			}
			if (!request.asTool) return [out];
			return [
				compactForTool(out, {
					...nodeOptions.toolOutput,
					advice: op.toolAdvice ?? nodeOptions.toolOutput?.advice ?? (hasSimplify(op) ? DEFAULT_TOOL_ADVICE : undefined),
				}),
			];
		},
	};
}
