import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { InputError } from './fields';
import { limitReachedHint } from './hints';
import type { ItemContext } from './items';
import type { CollectOptions } from './pagination';

/**
 * Return All and Limit, shown for one list operation, in n8n's words (the wording, default 50 and
 * minimum 1 its node linter requires). The list helpers page on their own, so a Limit above the
 * provider's page size needs no cap: `maxLimit` is only for an API that refuses larger totals
 * (n8n's linter calls a Limit `maxValue` deprecated).
 */
export function returnAllOrLimit(show: IDisplayOptions['show'], maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * Reads Return All / Limit of one item. A Limit below 1 is refused (the editor does not allow it,
 * but an expression or a tool call can send it). When the list stops at the Limit while the
 * provider had more, the run gets an execution hint saying so (through `collectPages`).
 */
export function listOptions(item: ItemContext, pageSize: number): CollectOptions {
	const all = item.n8n.getNodeParameter('returnAll', item.itemIndex, false) as unknown;
	const returnAll = all === true || all === 'true';
	if (returnAll) return { returnAll, pageSize };
	const raw = item.n8n.getNodeParameter('limit', item.itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 1) {
		throw new InputError(
			'Limit must be 1 or more',
			`Set Limit to 1 or more (it is ${shortJson(raw)}), or turn on Return All to get every result.`,
		);
	}
	return {
		returnAll,
		limit: Math.floor(limit),
		pageSize,
		onLimitReached: (returned) => limitReachedHint(item.n8n, returned),
	};
}

/**
 * A field shown with another default when the node runs as an AI agent's or MCP client's tool,
 * through n8n's `@tool` display condition (the HTTP Request node does the same): for example
 * Simplify, on for a model and off in a workflow. Both copies share the field's name.
 */
export function withToolDefault(property: INodeProperties, toolDefault: NodeParameterValueType): INodeProperties[] {
	const shown = property.displayOptions ?? {};
	return [
		{ ...property, displayOptions: { ...shown, hide: { ...(shown.hide ?? {}), '@tool': [true] } } },
		{ ...property, default: toolDefault, displayOptions: { ...shown, show: { ...(shown.show ?? {}), '@tool': [true] } } },
	];
}

/** n8n's Simplify field, off in workflows and on for a model (`withToolDefault`). */
export function simplifyProperties(show?: IDisplayOptions['show']): INodeProperties[] {
	return withToolDefault(
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			...(show ? { displayOptions: { show } } : {}),
		},
		true,
	);
}

/** The options every action node has for how hard to try and how long to wait. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			default: 4,
			typeOptions: { minValue: 1, maxValue: 10 },
			description:
				"How many times one request is tried in all when the provider answers 429 or 5xx or the connection fails; requests that are not safe to repeat are only retried after a 429. This counts within one run of the node: n8n's Retry On Fail setting runs the whole node again on top of it, so 4 attempts with 3 tries there can send one request up to 12 times.",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1, maxValue: 3600 },
			description:
				'How long to wait for an answer before giving up. Without this option, API calls wait 60 s and file downloads 600 s; for a download the time counts from the last data received, not from the start. A read that timed out is tried once more at most, so one request gives up after about twice this time.',
		},
	],
};

/* ------------------------------------------------------------------------------------------------
 * Option values
 * ---------------------------------------------------------------------------------------------- */

function shortJson(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isOption(value: unknown): value is INodePropertyOptions {
	return !!value && typeof value === 'object' && 'value' in value && 'name' in value && !('type' in value);
}

function isProperty(value: unknown): value is INodeProperties {
	return !!value && typeof value === 'object' && typeof (value as INodeProperties).type === 'string' && 'default' in value;
}

function isGroup(value: unknown): value is INodePropertyCollection {
	return !!value && typeof value === 'object' && Array.isArray((value as INodePropertyCollection).values);
}

/**
 * The values an options field allows, or undefined when this package cannot know them or need not
 * check them: options loaded from the provider, and fields n8n validates itself (`validateType`).
 */
function allowedValues(property: INodeProperties): INodePropertyOptions[] | undefined {
	if (property.type !== 'options' && property.type !== 'multiOptions') return undefined;
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	if (property.validateType && !property.ignoreValidationDuringExecution) return undefined;
	return (property.options ?? []).filter(isOption);
}

function listed(options: INodePropertyOptions[]): string {
	const values = options.map((o) => JSON.stringify(o.value));
	return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : (values[0] ?? 'nothing');
}

function named(options: INodePropertyOptions[]): string {
	return options.map((o) => `${o.name} (${JSON.stringify(o.value)})`).join(', ');
}

/** Why `value` is not a value of `property` (named `label`), or undefined when it is, at any depth. */
function refusal(property: INodeProperties, value: unknown, label: string): InputError | undefined {
	const allowed = allowedValues(property);
	if (allowed) {
		const ok = (v: unknown) => allowed.some((o) => o.value === v);
		if (property.type === 'options') {
			if (ok(value) || value === property.default) return undefined;
			return new InputError(
				`${label} cannot be ${shortJson(value)}: use ${listed(allowed)}`,
				`${label} takes one of its listed values: ${named(allowed)}.`,
			);
		}
		if (!Array.isArray(value)) {
			return new InputError(
				`${label} must be a list of values among ${listed(allowed)}, not ${shortJson(value)}`,
				`Send ${label} as a list, for example ${JSON.stringify(allowed.slice(0, 2).map((o) => o.value))}.`,
			);
		}
		const wrong = value.find((v) => !ok(v));
		if (wrong === undefined) return undefined;
		return new InputError(
			`${label} cannot contain ${shortJson(wrong)}: use ${listed(allowed)}`,
			`${label} takes values among: ${named(allowed)}.`,
		);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	if (property.type === 'collection') {
		for (const [key, inner] of Object.entries(value as IDataObject)) {
			const fields = (property.options ?? []).filter((o): o is INodeProperties => isProperty(o) && o.name === key);
			const error = firstRefusal(fields, inner, (f) => `${label} › ${f.displayName}`);
			if (error) return error;
		}
	}
	if (property.type === 'fixedCollection') {
		for (const [groupName, entries] of Object.entries(value as IDataObject)) {
			const group = (property.options ?? []).find((o): o is INodePropertyCollection => isGroup(o) && o.name === groupName);
			if (!group) continue;
			for (const entry of Array.isArray(entries) ? entries : [entries]) {
				if (!entry || typeof entry !== 'object') continue;
				for (const [key, inner] of Object.entries(entry as IDataObject)) {
					const fields = group.values.filter((f) => f.name === key);
					const error = firstRefusal(fields, inner, (f) => `${label} › ${group.displayName} › ${f.displayName}`);
					if (error) return error;
				}
			}
		}
	}
	return undefined;
}

/** Among fields sharing one name (shown under different conditions), a value any of them takes passes. */
function firstRefusal(
	fields: INodeProperties[],
	value: unknown,
	label: (field: INodeProperties) => string,
): InputError | undefined {
	let first: InputError | undefined;
	for (const field of fields) {
		const error = refusal(field, value, label(field));
		if (!error) return undefined;
		first ??= error;
	}
	return first;
}

const ROUTED = new Set(['resource', 'operation']);

/**
 * Checks every option value the current item would run with against the node's description: the
 * visible options and multi-options fields, and those inside visible collections. n8n checks
 * these only in the editor; an expression, an imported workflow or a tool call (a model fills the
 * fields through `$fromAI`) can send anything, and an unknown value would otherwise be silently
 * read as some default. Fails with an error that names the field and lists its values. Resource
 * and Operation are the router's to check; options loaded from the provider and fields n8n
 * validates itself (`validateType`) are left alone.
 */
export function checkOptionValues(ctx: IExecuteFunctions, properties: INodeProperties[], itemIndex: number): void {
	const node = ctx.getNode();
	const parameters = node.parameters ?? {};
	// Only `name` matters to display conditions (`@tool` is a name ending in "Tool").
	const description = { name: String(node.type ?? '').split('.').pop() ?? '', properties } as INodeTypeDescription;
	for (const property of properties) {
		if (ROUTED.has(property.name)) continue;
		if (!['options', 'multiOptions', 'collection', 'fixedCollection'].includes(property.type)) continue;
		if (!NodeHelpers.displayParameter(parameters, property, node, description)) continue;
		const value = ctx.getNodeParameter(property.name, itemIndex, property.default) as unknown;
		const error = refusal(property, value, property.displayName);
		if (error) throw error;
	}
}
