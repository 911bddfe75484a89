import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorText } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { CLOUDBLUE, cloudBlueRequest } from '../../transport';
import { pickerField, valueOptions } from '../common';

export const option: OperationOption = {
	name: 'Validate Parameters',
	action: 'Validate product activation parameters',
	description: 'Check the activation parameters of products for a customer before ordering; returns one item per product with the result of each parameter',
};

const EXAMPLE = '[{"mpn":"ABC_ANNUAL","parameters":[{"name":"domain","value":"example.com"}]}]';

/**
 * `POST /validation/parameters` (SimpleAPI spec v1.15, validateParameters): body
 * ParameterValidationRequest `{customerId, type, products: [ProductWithParameters {mpn, vendor,
 * quantity, parameters: [{name, value}]}]}`, answer ResultListParameterValidationResult `{data:
 * [{mpn, parameters: [{name, result: success|error, message, ...}]}], pagination}`. A JSON array is
 * the products; a JSON object is a whole body, sent as it is (with the customer and type added
 * when it has none).
 */
export const properties: INodeProperties[] = [
	pickerField(
		'customer',
		'customerId',
		'The customer that will receive the products (the API requires it; it may instead be part of a whole request body below)',
		false,
	),
	{
		displayName: 'Order Type',
		name: 'type',
		type: 'options',
		options: valueOptions(CLOUDBLUE.orderTypes),
		default: 'sales',
		description: 'The kind of order the parameters are checked for',
	},
	{
		displayName: 'Products and Parameters (JSON)',
		name: 'products',
		type: 'json',
		required: true,
		default: '',
		placeholder: `e.g. ${EXAMPLE}`,
		description: 'The products and their activation parameters as a JSON array of {mpn, vendor, quantity, parameters}, or a whole request body object',
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const value = jsonValue(this.getNodeParameter('products', item.itemIndex, ''), 'Products and Parameters (JSON)', 'any');
	const customerId = locatorText(this.getNodeParameter('customerId', item.itemIndex, '', { extractValue: true }));
	const type = this.getNodeParameter('type', item.itemIndex, 'sales') as string;
	const products = Array.isArray(value) ? value : (value.products as unknown);
	if (!Array.isArray(products) || products.length === 0) {
		throw new InputError('Products and Parameters (JSON) needs at least one product', `Write the products to check as a JSON array, for example ${EXAMPLE}.`);
	}
	const body: IDataObject = Array.isArray(value) ? { products: value } : { ...value };
	if (body.customerId === undefined && customerId) body.customerId = customerId;
	if (body.type === undefined) body.type = type;
	if (!body.customerId) {
		throw new InputError('Customer is empty', 'Pick the customer the products are for: the API checks the parameters for that customer.');
	}
	// Validation changes nothing, so it may be repeated after a 5xx like a GET.
	const answer = await cloudBlueRequest<IDataObject>(item, 'POST', '/validation/parameters', { body, idempotent: true });
	return Array.isArray(answer?.data) ? (answer.data as IDataObject[]) : [answer];
}
