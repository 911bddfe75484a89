import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonParameter, valueOptions } from '../common';
import { CLOUDBLUE } from '../../transport';
import { compact } from '../../../shared/descriptions';

/**
 * The Order body shared by Create and Estimate ("same body as create", spec estimateOrder), shaped
 * like the orders how-to: `{type, customerId, poNumber, products: [{mpn, quantity, parameters}]}`.
 */
export const orderFields: INodeProperties[] = [
	{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', required: true, description: 'The customer the order is for' },
	{ displayName: 'Type', name: 'type', type: 'options', options: valueOptions(CLOUDBLUE.orderTypes), default: 'sales' },
	{
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Product',
		default: {},
		options: [
			{
				displayName: 'Product',
				name: 'product',
				values: [
					{ displayName: 'MPN', name: 'mpn', type: 'string', default: '', description: 'Manufacturer Part Number of the product' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, typeOptions: { minValue: 0 } },
					{
						displayName: 'Subscription ID',
						name: 'subscriptionId',
						type: 'string',
						default: '',
						description: 'For change, renewal and cancellation orders: the subscription the line changes',
					},
					{
						displayName: 'Parameters (JSON)',
						name: 'parameters',
						type: 'json',
						default: '',
						description: 'Activation parameters as a JSON array, for example [{"name":"domain","value":"example"}]',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Attributes (JSON)', name: 'attributes', type: 'json', default: '', description: 'Custom attributes as a JSON object of strings' },
			{
				displayName: 'Other Fields (JSON)',
				name: 'otherFields',
				type: 'json',
				default: '',
				description: 'Any other Order fields of the API (for example migration fields) as a JSON object, merged into the body',
			},
			{ displayName: 'Plan ID', name: 'planId', type: 'string', default: '', description: 'Service plan ID' },
			{ displayName: 'PO Number', name: 'poNumber', type: 'string', default: '', description: "The customer's purchase order number" },
		],
	},
];

export function orderBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const lines = ((ctx.getNodeParameter('products', itemIndex, {}) as IDataObject).product as IDataObject[] | undefined) ?? [];
	const products = lines.map((line) =>
		compact({
			mpn: line.mpn,
			quantity: line.quantity,
			subscriptionId: line.subscriptionId,
			parameters: jsonParameter(ctx, line.parameters, 'Parameters (JSON)', itemIndex) as IDataObject[] | undefined,
		}),
	);
	const other = (jsonParameter(ctx, extra.otherFields, 'Other Fields (JSON)', itemIndex) as IDataObject | undefined) ?? {};
	return compact({
		...other,
		type: ctx.getNodeParameter('type', itemIndex) as string,
		customerId: ctx.getNodeParameter('customerId', itemIndex) as string,
		poNumber: extra.poNumber,
		planId: extra.planId,
		attributes: jsonParameter(ctx, extra.attributes, 'Attributes (JSON)', itemIndex) as IDataObject | undefined,
		products,
	});
}
