import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from './fields';
import { requestContext, type RequestContext } from './http';

/** What an operation may return for one input item. */
export type OperationResult = IDataObject | IDataObject[] | INodeExecutionData[] | undefined;

/** The request context of one input item, as every operation receives it. */
export interface ItemContext extends RequestContext {
	readonly n8n: IExecuteFunctions;
	readonly itemIndex: number;
}

function isExecutionData(value: unknown): value is INodeExecutionData {
	return !!value && typeof value === 'object' && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Output items for one input item, each with its pairedItem. */
export function toItems(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	// Items that are paired already (a report's rows, hundreds of thousands of them) are kept as
	// they are: a copy of each would double what the output holds while it is made.
	if (list.every((entry) => isExecutionData(entry) && entry.pairedItem !== undefined)) return list as INodeExecutionData[];
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
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), error.message, { description: error.description, itemIndex });
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * The node's On Error setting: "Stop Workflow", "Continue" (failures stay on the main output) or
 * "Continue (using error output)". n8n's `continueOnFail()` is true for both Continue modes.
 */
export type OnErrorMode = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export function onErrorMode(ctx: IExecuteFunctions): OnErrorMode {
	if (!ctx.continueOnFail()) return 'stopWorkflow';
	return ctx.getNode().onError === 'continueErrorOutput' ? 'continueErrorOutput' : 'continueRegularOutput';
}

/** The first sentence of an error's description: the fix, in every description this package writes. */
function firstSentence(text: string): string {
	return text.trim().split(/(?<=[.!?])\s+(?=[A-Z"'(])/)[0] ?? '';
}

/**
 * Adds the fix (the first sentence of the description) to an error's message, once, and with
 * `withCorrelationId` the correlation ID support asks for. For readers that see only the message:
 * a model calling the node as a tool (n8n hands it `{ error: message }`) and the error output,
 * where n8n keeps only `{ error: message }` of a failed item.
 */
export function withFixInMessage<E extends Error & { description?: string | null; context?: IDataObject }>(
	error: E,
	withCorrelationId = false,
): E {
	const fix = firstSentence(error.description ?? '');
	const correlationId = withCorrelationId ? error.context?.correlationId : undefined;
	const extra = [
		fix && !error.message.includes(fix) ? fix : undefined,
		typeof correlationId === 'string' && !error.message.includes(correlationId) ? `Correlation ID: ${correlationId}.` : undefined,
	].filter(Boolean);
	if (extra.length) error.message = `${error.message.replace(/[\s.:;]+$/, '')}. ${extra.join(' ')}`;
	return error;
}

function runsAsTool(ctx: IExecuteFunctions): boolean {
	try {
		return requestContext(ctx, 0).asTool;
	} catch {
		return false;
	}
}

/**
 * What one failed input item becomes under the node's On Error setting:
 * - "Stop Workflow": the error is thrown, naming the item, and the run stops;
 * - "Continue": an item `{ json: { error, description?, httpCode?, correlationId? }, pairedItem }`
 *   on the main output, beside the items that worked;
 * - "Continue (using error output)": `{ json: { error }, error: NodeApiError | NodeOperationError,
 *   pairedItem }`. `item.error` is what n8n's WorkflowExecute.handleNodeErrorOutput moves to the
 *   error output (without it, only items whose json keys are all among error/message/details
 *   move, and only since n8n 2.36: the fields above would keep the failure on the success
 *   output); n8n then reduces the json of every item carrying an error to `{ error: message }`
 *   (normalizeNodeErrors), so the message itself carries the fix and the correlation ID there.
 *
 * In tool mode the message carries the fix in every mode: a model sees nothing else.
 * Operations that handle all items at once (`executeAll`) call this for each input they could
 * not process, and return the result among their other items.
 */
export function itemFailure(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number | IPairedItemData[],
): INodeExecutionData {
	const single = typeof itemIndex === 'number' ? itemIndex : undefined;
	const nodeError = asNodeError(ctx, error, single);
	const mode = onErrorMode(ctx);
	if (mode === 'continueErrorOutput') withFixInMessage(nodeError, true);
	else if (runsAsTool(ctx)) withFixInMessage(nodeError);
	if (mode === 'stopWorkflow') throw nodeError;
	const pairedItem = typeof itemIndex === 'number' ? { item: itemIndex } : itemIndex;
	if (mode === 'continueErrorOutput') return { json: { error: nodeError.message }, error: nodeError, pairedItem };
	return { json: errorJson(nodeError), pairedItem };
}

/**
 * The per-item loop every action node uses: runs `run` for each input item, pairs each output
 * with its input, and hands each failure to `itemFailure` (the node's On Error setting).
 */
export async function forEachItem(
	ctx: IExecuteFunctions,
	run: (item: ItemContext, input: INodeExecutionData) => Promise<OperationResult>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	let out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const item = requestContext(ctx, i) as ItemContext;
			const produced = toItems(await run(item, items[i]), i);
			// The only or last input's items, when nothing came before, are the output as they are.
			if (out.length === 0 && i === items.length - 1) out = produced;
			// One push per item: spreading hundreds of thousands of rows into one call overflows the stack.
			else for (const entry of produced) out.push(entry);
		} catch (error) {
			out.push(itemFailure(ctx, error, i));
		}
	}
	return out;
}

/**
 * On Error for an operation that handles all items at once, when it fails as a whole: "Continue"
 * gives one error item paired with every input; "Continue (using error output)" sends every input
 * to the error output, each with the error (n8n gives each its input's fields back); otherwise the
 * error is thrown. Failures of single inputs are the operation's to report, with `itemFailure`.
 */
export async function forAllItems(
	ctx: IExecuteFunctions,
	run: (items: INodeExecutionData[]) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	try {
		return await run(items);
	} catch (error) {
		const mode = onErrorMode(ctx);
		if (mode === 'continueErrorOutput') return items.map((_, item) => itemFailure(ctx, error, item));
		if (mode === 'continueRegularOutput') return [itemFailure(ctx, error, items.map((_, item) => ({ item })))];
		const nodeError = asNodeError(ctx, error);
		throw runsAsTool(ctx) ? withFixInMessage(nodeError) : nodeError;
	}
}

/** What a model can take in one tool answer: about 4,000 tokens of JSON (≈ 4 characters each). */
export const TOOL_OUTPUT_MAX_CHARS = 16_000;

export interface ToolOutputOptions {
	/** Characters of JSON the items may take in all, the note included. */
	maxChars?: number;
	/** What else to try when items are left out, e.g. `use Output: Summary` or `turn on Simplify`. */
	advice?: string;
}

function fileNames(item: INodeExecutionData): string[] {
	return Object.entries(item.binary ?? {}).map(([field, data]) => data?.fileName ?? field);
}

/**
 * The output of a tool call, compact enough for a model: files are left out (a tool answer
 * carries JSON only), and whole items are kept while they fit in `maxChars`; a final note item says
 * what was left out and how to ask for less. Items are never cut in the middle.
 */
export function compactForTool(items: INodeExecutionData[], options: ToolOutputOptions = {}): INodeExecutionData[] {
	const maxChars = options.maxChars ?? TOOL_OUTPUT_MAX_CHARS;
	const files: string[] = [];
	const kept: INodeExecutionData[] = [];
	// Room for the note item, which is short.
	const budget = maxChars - 600;
	let used = 2;
	let firstLeftOut: INodeExecutionData | undefined;
	for (const item of items) {
		if (item.binary) files.push(...fileNames(item));
		if (firstLeftOut) continue;
		const rest: INodeExecutionData = { ...item };
		delete rest.binary;
		const size = JSON.stringify(rest.json).length + 1;
		if (used + size > budget) {
			firstLeftOut = item;
			continue;
		}
		used += size;
		kept.push(rest);
	}
	const notes: string[] = [];
	if (kept.length < items.length) {
		const advice = options.advice ? `, or ${options.advice}` : '';
		notes.push(
			`Showing ${kept.length} of ${items.length} results: the rest did not fit in one answer; ask for fewer with Limit or filters${advice}.`,
		);
	}
	if (files.length) {
		const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? `, and ${files.length - 5} more` : '');
		notes.push(`${files.length === 1 ? 'The file' : 'The files'} ${shown} ${files.length === 1 ? 'is' : 'are'} left out: a tool answer carries no files.`);
	}
	if (!notes.length) return kept;
	const pairedItem = (firstLeftOut ?? items[items.length - 1])?.pairedItem ?? { item: 0 };
	return [...kept, { json: { note: notes.join(' ') }, pairedItem }];
}
