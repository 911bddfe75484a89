import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CollectOptions } from './pagination';

/** Return All and Limit, shown for one list operation, in n8n's wording. */
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

/** Reads Return All / Limit of one item. */
export function listOptions(ctx: IExecuteFunctions, itemIndex: number, pageSize: number): CollectOptions {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	return { returnAll, limit, pageSize };
}

/** The options every action node has for how hard to try. */
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
				'How many times one request is tried in all when the provider answers 429, 5xx or the connection fails. Requests that are not safe to repeat are only retried after a 429.',
		},
	],
};

/** Drops empty strings, empty arrays and undefined from an object of optional fields. */
export function compact(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}

/** A comma-separated list of IDs as an array of numbers or strings, as the user typed them. */
export function idList(value: unknown): Array<number | string> {
	if (Array.isArray(value)) return value.flatMap((v) => idList(v));
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '')
		.map((v) => (/^\d+$/.test(v) ? Number(v) : v));
}
