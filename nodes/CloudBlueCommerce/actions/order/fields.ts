import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { idLocator, locatorText } from '../../../shared/locators';
import { CLOUDBLUE } from '../../transport';
import { pickedId, pickerField, valueOptions } from '../common';

export const orderIdField = pickerField('order', 'orderId', 'The order');

/**
 * The Order body shared by Create and Estimate ("same body as create", SimpleAPI spec v1.15,
 * estimateOrder), shaped like the orders how-to `{type, customerId, poNumber, products: [{mpn,
 * quantity, parameters}]}`; a change order line as a real client builds it also carries the
 * subscription's `billingPeriod` and `subscriptionPeriod` (fixture cb-orders-create-change-onify),
 * which Other Line Fields (JSON) sends.
 */
export const orderFields: INodeProperties[] = [
	pickerField('customer', 'customerId', 'The customer the order is for'),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: valueOptions(CLOUDBLUE.orderTypes),
		// The spec's default order type.
		default: 'sales',
		description: 'Sales for new products; change, renewal and cancellation act on an existing subscription (set it on each line)',
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add product',
		default: {},
		description: 'The order lines',
		options: [
			{
				displayName: 'Product',
				name: 'product',
				values: [
					{
						...idLocator({
							displayName: 'MPN',
							name: 'mpn',
							description: 'The product, by its Manufacturer Part Number (From List shows the catalog)',
							searchListMethod: 'searchProducts',
							idPlaceholder: 'e.g. d903a2db-bf6f-4434-83f1-21ba44017813_ANNUAL',
						}),
						required: false,
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						default: 1,
						typeOptions: { minValue: 0 },
						description: 'How many items of the product: for a change order, the new total quantity',
					},
					pickerField('subscription', 'subscriptionId', 'For change, renewal and cancellation orders: the subscription the line changes', false),
					{
						displayName: 'Parameters (JSON)',
						name: 'parameters',
						type: 'json',
						default: '',
						description: 'Activation parameters as a JSON array, e.g. [{"name":"domain","value":"example.com"}]',
					},
					{
						displayName: 'Other Line Fields (JSON)',
						name: 'otherFields',
						type: 'json',
						default: '',
						description:
							'Any other OrderLineProduct fields as a JSON object, merged into the line, e.g. {"billingPeriod":{"type":"month","duration":1},"subscriptionPeriod":{"type":"year","duration":1}}',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Attributes (JSON)',
				name: 'attributes',
				type: 'json',
				default: '',
				description: 'Custom attributes as a JSON object of strings, e.g. {"costCenter": "42"}',
			},
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '',
				description: 'Any other Order fields of the API (for example migration fields) as a JSON object, merged into the body',
			},
			pickerField('plan', 'planId', 'The service plan of the order', false),
			{
				displayName: 'PO Number',
				name: 'poNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. PO1234',
				description: "The customer's purchase order number; use one per order to find it again after a gateway timeout",
			},
		],
	},
];

export function orderBody(item: ItemContext): IDataObject {
	const { n8n, itemIndex } = item;
	const extra = n8n.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const lines = ((n8n.getNodeParameter('products', itemIndex, {}) as IDataObject).product as IDataObject[] | undefined) ?? [];
	const products = lines.map((line) =>
		compact({
			...(jsonValue(line.otherFields, 'Other Line Fields (JSON)', 'object', { optional: true }) ?? {}),
			mpn: locatorText(line.mpn),
			quantity: line.quantity,
			subscriptionId: locatorText(line.subscriptionId),
			parameters: jsonValue(line.parameters, 'Parameters (JSON)', 'array', { optional: true }),
		}),
	);
	const other = jsonValue(extra.otherFields, 'Other Fields (JSON)', 'object', { optional: true }) ?? {};
	return compact({
		...other,
		type: n8n.getNodeParameter('type', itemIndex) as string,
		customerId: pickedId(item, 'customerId', 'customer'),
		poNumber: extra.poNumber,
		planId: locatorText(extra.planId),
		attributes: jsonValue(extra.attributes, 'Attributes (JSON)', 'object', { optional: true }),
		products,
	});
}
