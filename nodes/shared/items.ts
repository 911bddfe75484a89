import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What an operation may return for one input item. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[] | undefined;

/** One operation of one resource: its fields and what it does for one input item. */
export interface Operation {
	description: INodeProperties[];
	/** Runs once per input item. */
	execute?: (this: IExecuteFunctions, itemIndex: number) => Promise<OperationResult>;
	/**
	 * Runs once for all input items together (for example all items become one campaign). Must
	 * return items whose pairedItem names the inputs they came from.
	 */
	executeAll?: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
}

export type OperationMap = Record<string, Record<string, Operation>>;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Output items for one input item, each with its pairedItem. */
export function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: entry.pairedItem ?? { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/** The message of any error, with the description n8n shows under it. */
function errorJson(error: unknown): IDataObject {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null; context?: IDataObject };
	return {
		error: e.message ?? String(error),
		...(e.description ? { description: e.description } : {}),
		...(e.httpCode ? { httpCode: e.httpCode } : {}),
		...(e.context?.correlationId ? { correlationId: e.context.correlationId } : {}),
	};
}

/** Makes every error a NodeApiError/NodeOperationError, naming the item it failed on when known. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The per-item loop every action node uses: runs `run` for each input item, pairs each output
 * with its input, and on failure either puts the error on an item (continue on fail) or throws it
 * with the item index.
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	run: (itemIndex: number, item: INodeExecutionData) => Promise<OperationResult>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			// One push per item: spreading hundreds of thousands of rows into one call overflows the stack.
			for (const item of toItems(await run(i, items[i]), i)) out.push(item);
		} catch (error) {
			if (ctx.continueOnFail()) {
				out.push({ json: errorJson(error), pairedItem: { item: i } });
				continue;
			}
			throw asNodeError(ctx, error, i);
		}
	}
	return out;
}

/** Continue-on-fail for an operation that handles all items at once: one error item paired with all. */
export async function forAllItems(
	ctx: IExecuteFunctions,
	run: (items: INodeExecutionData[]) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	try {
		return await run(items);
	} catch (error) {
		if (ctx.continueOnFail()) {
			const pairedItem: IPairedItemData[] = items.map((_, item) => ({ item }));
			return [{ json: errorJson(error), pairedItem }];
		}
		throw asNodeError(ctx, error);
	}
}

/** Looks up the resource and operation chosen in the node and runs it over the input items. */
export async function route(ctx: IExecuteFunctions, operations: OperationMap): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = operations[resource]?.[operation];
	if (!op) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
			description: 'Choose another operation in the node, or update the package.',
		});
	}
	if (op.executeAll) {
		const executeAll = op.executeAll;
		return [await forAllItems(ctx, async (items) => await executeAll.call(ctx, items))];
	}
	const execute = op.execute;
	if (!execute) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" has nothing to run`);
	return [await forEachItem(ctx, async (i) => await execute.call(ctx, i))];
}
