import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listOptions } from '../../shared/descriptions';
import { calendarDay, compact, InputError, utcInstant } from '../../shared/fields';
import type { ItemContext } from '../../shared/items';
import { idLocator, locatorText, locatorValue } from '../../shared/locators';
import { CLOUDBLUE, cloudBlueList } from '../transport';

/** Field descriptions and readers several CloudBlue resources share. */

/** Options of a fixed list of provider values, in the provider's spelling. */
export function valueOptions(values: readonly string[]): INodePropertyOptions[] {
	return values.map((value) => ({ name: value.replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`).replace(/([a-z])([A-Z])/g, '$1 $2'), value }));
}

/** The report file formats, named as users know them (JSON, CSV, XML, XLSX). */
export const formatOptions: INodePropertyOptions[] = CLOUDBLUE.reportFormats.map((value) => ({ name: value.toUpperCase(), value }));

/** The objects a picker lists, with the `methods.listSearch` function and an ID example from the spec v1.15. */
const PICKERS = {
	customer: { label: 'Customer', search: 'searchCustomers', example: '1000027' },
	reseller: { label: 'Reseller', search: 'searchResellers', example: '1000001' },
	order: { label: 'Order', search: 'searchOrders', example: '1000027' },
	subscription: { label: 'Subscription', search: 'searchSubscriptions', example: '1000017' },
	plan: { label: 'Plan', search: 'searchPlans', example: '10005' },
} as const;

export type PickerKind = keyof typeof PICKERS;

/**
 * A picker for the ID of a customer, reseller, order, subscription or plan: From List (the
 * provider's list, searchable) or By ID. `name` is the saved parameter name (a plain ID string saved
 * before the field was a picker still works).
 */
export function pickerField(kind: PickerKind, name: string, description: string, required = true): INodeProperties {
	const picker = PICKERS[kind];
	return idLocator({
		displayName: picker.label,
		name,
		description,
		searchListMethod: picker.search,
		idPlaceholder: `e.g. ${picker.example}`,
		required,
	});
}

/** The ID a picker of this item holds (or a plain string saved before it was one). */
export function pickedId(item: ItemContext, name: string, kind: PickerKind): string {
	return locatorValue(item, name, PICKERS[kind].label);
}

/** The name/email/externalId filters of customer and reseller lists (SimpleAPI spec v1.15, getCustomers, getResellers). */
export const accountFilters: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. name@email.com',
		default: '',
		description: 'Only accounts with a contact person of this email address',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'e.g. EXTERNAL-A1S2D3',
		description: 'Only the account with this ID in your own system',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Acme Inc.',
		description: 'Only accounts whose name is similar to this one',
	},
];

/** The documented filters of GET /orders and GET /resellers/{id}/orders (SimpleAPI spec v1.15). */
export const orderFilters: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'creationTimeFrom',
		type: 'dateTime',
		default: '',
		description: 'Only orders created on or after this date and time (UTC when no time zone is given)',
	},
	{
		displayName: 'Created Before',
		name: 'creationTimeTo',
		type: 'dateTime',
		default: '',
		description: 'Only orders created on or before this date and time (UTC when no time zone is given)',
	},
	pickerField('customer', 'customerId', 'Only orders placed for this customer', false),
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. SO000012',
		description: 'Only the order with this number',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: valueOptions(CLOUDBLUE.orderStatuses),
		default: 'submitted',
		description: 'Only orders in this status',
	},
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. CP',
		description: 'Only orders with this internal status code',
	},
	pickerField('subscription', 'subscriptionId', 'Only orders that created or changed this subscription', false),
];

/** How the date filters of each list are sent: the spec's `format: date` or `format: date-time`. */
export type DateKind = 'day' | 'instant';

export const orderDateFilters: Record<string, { kind: DateKind; label: string }> = {
	creationTimeFrom: { kind: 'instant', label: 'Created After' },
	creationTimeTo: { kind: 'instant', label: 'Created Before' },
};

/** A Filters collection with the given options. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add filter', default: {}, options };
}

/** The Update Fields collection of a PATCH operation: only what is set is sent. */
export function updateFieldsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add field', default: {}, options };
}

/**
 * An ISO 8601 instant in UTC for date-time fields of SimpleAPI (report periods, order creation
 * times): a value without a time zone, as n8n's date picker gives it, is read as UTC.
 * ASSUMPTION: the spec gives no time zone for these; UTC is the platform's usual zone.
 */
export function isoInstant(value: unknown, field: string): string {
	return utcInstant(value, field).toISOString().replace('.000Z', 'Z');
}

/**
 * The filters collection of a list operation: empty values dropped, pickers read as their ID, dates
 * as the spec wants them (`YYYY-MM-DD` or an ISO instant).
 */
export function filtersOf(item: ItemContext, dates: Record<string, { kind: DateKind; label: string }> = {}): IDataObject {
	const filters: IDataObject = {};
	const raw = item.n8n.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	for (const [key, value] of Object.entries(raw)) {
		const picked = value && typeof value === 'object' && '__rl' in (value as IDataObject) ? locatorText(value) : value;
		if (picked === undefined || picked === null || picked === '') continue;
		const date = dates[key];
		filters[key] = date ? (date.kind === 'day' ? calendarDay(picked, date.label) : isoInstant(picked, date.label)) : picked;
	}
	return compact(filters);
}

/** Runs a Get Many: `qs` are the filters, Return All / Limit come from the item. */
export async function listAll(item: ItemContext, path: string, qs: IDataObject = {}): Promise<IDataObject[]> {
	return await cloudBlueList(item, path, qs, listOptions(item, CLOUDBLUE.pageSize));
}

/** Refuses an update with nothing set: PATCH with an empty body would change nothing. */
export function nothingToUpdate(body: IDataObject, description: string): IDataObject {
	if (Object.keys(body).length === 0) throw new InputError('Nothing to update', description);
	return body;
}

const SIMPLIFY_DESCRIPTION = 'Whether to return a simplified version of the response instead of the raw data';

/**
 * Simplify, n8n's toggle for wide answers: off in a workflow, on when the node runs as an AI tool
 * (n8n shows the tool variant's own default there).
 */
export const simplifyProperties: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: SIMPLIFY_DESCRIPTION,
		displayOptions: { show: { '@tool': [false] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: SIMPLIFY_DESCRIPTION,
		displayOptions: { show: { '@tool': [true] } },
	},
];

/** Applies Simplify to one answer or a list of them. */
export function simplified<T extends IDataObject | IDataObject[]>(item: ItemContext, answer: T, simplify: (object: IDataObject) => IDataObject): T {
	const on = item.n8n.getNodeParameter('simplify', item.itemIndex, item.asTool) as boolean;
	if (!on) return answer;
	return (Array.isArray(answer) ? answer.map(simplify) : simplify(answer)) as T;
}
