import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { loweredHint, reporteiList } from '../../lists';
import { REPORTEI } from '../../transport';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many customers',
	description:
		"List the merchant's customers (uuid, name, trial end, paying status), all of them or up to a limit, optionally sorted",
};

const SORT_FIELDS = [
	{ name: 'Created At', value: 'created_at', description: 'When the customer was created' },
	{ name: 'Name', value: 'name', description: 'The customer name' },
	{ name: 'Updated At', value: 'updated_at', description: 'When the customer last changed' },
];

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
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
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add sort',
				description: 'The order of the customers',
				options: [
					{
						displayName: 'Sort',
						name: 'value',
						values: [
							{
								displayName: 'Field',
								name: 'field',
								type: 'options',
								options: SORT_FIELDS,
								default: 'created_at',
								description: 'The field to sort the customers by',
							},
							{
								displayName: 'Direction',
								name: 'direction',
								type: 'options',
								options: [
									{ name: 'Ascending', value: 'asc', description: 'A to Z, oldest first' },
									{ name: 'Descending', value: 'desc', description: 'Z to A, newest first' },
								],
								default: 'asc',
								description: 'Whether to sort from the lowest or the highest value',
							},
						],
					},
				],
			},
		],
	},
];

interface Sort {
	field: string;
	descending: boolean;
}

function sortOf(options: IDataObject): Sort | undefined {
	const value = ((options.sort as IDataObject | undefined)?.value ?? undefined) as IDataObject | undefined;
	if (!value?.field) return undefined;
	return { field: String(value.field), descending: value.direction === 'desc' };
}

function compare(field: string, descending: boolean) {
	return (a: IDataObject, b: IDataObject) => {
		const order = String(a[field] ?? '').localeCompare(String(b[field] ?? ''), undefined, { sensitivity: 'base', numeric: true });
		return descending ? -order : order;
	};
}

/**
 * The merchant's customers (Laravel paginator, lists.ts). ASSUMPTION: Connect sorts with
 * `?sortBy=<field>&descending=<bool>`: its list `meta` echoes exactly these two keys
 * (`"sortBy": null, "descending": false`,
 * https://github.com/reportei/connect-docs/blob/3151871/sections/customers.md), but no document
 * names them as parameters. When the answer does not echo the sort, a whole list is sorted here and
 * a limited one says so in a hint.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', item.itemIndex, {}) as IDataObject;
	const sort = sortOf(options);
	const list = listOptions(item, REPORTEI.pageSize);
	const qs: IDataObject = sort ? { sortBy: sort.field, descending: sort.descending } : {};
	const result = await reporteiList(item, '/customers', list, { qs });
	if (result.lowered) executionHint(this, loweredHint('customers', result.lowered));
	const applied = sort && result.meta?.sortBy === sort.field;
	if (sort && !applied) {
		if (list.returnAll) {
			result.items.sort(compare(sort.field, sort.descending));
		} else {
			executionHint(
				this,
				`Reportei did not confirm the sort by ${sort.field}: these ${result.items.length} customers are in Reportei's own order. Turn on Return All to have the whole list sorted here.`,
				'warning',
			);
		}
	}
	return result.items;
}
