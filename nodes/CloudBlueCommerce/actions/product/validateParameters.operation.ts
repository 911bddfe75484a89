import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonParameter } from '../common';
import { cloudBlueRequest } from '../../transport';
import { inputError } from '../../../shared/errors';

const EXAMPLE = '[{"mpn":"ABC_ANNUAL","parameters":[{"name":"domain","value":"example.com"}]}]';

/**
 * `POST /validation/parameters` validates product activation parameters before an order is placed
 * (research/providers.md section 2, SimpleAPI table; its schemas are not in our research).
 * [assumption] The body is `{products: [{mpn, parameters: [{name, value}]}]}`, the shape of the
 * activation parameters of order product lines; a bare array of products is wrapped in it, and any
 * other object is sent unchanged. The answer is returned as the API gives it.
 */
export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['product'], operation: ['validateParameters'] } }, [
	{
		displayName: 'Products and Parameters (JSON)',
		name: 'products',
		type: 'json',
		required: true,
		default: '',
		placeholder: EXAMPLE,
		description: `The products and their activation parameters as a JSON array (or a whole request body object), for example ${EXAMPLE}`,
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const value = jsonParameter(this, this.getNodeParameter('products', itemIndex, ''), 'Products and Parameters (JSON)', itemIndex);
	const body = Array.isArray(value) ? { products: value } : value;
	if (!body || typeof body !== 'object' || Object.keys(body).length === 0 || (Array.isArray(value) && value.length === 0)) {
		throw inputError(
			this.getNode(),
			'"Products and Parameters (JSON)" needs at least one product',
			`Write the products to check as a JSON array, for example ${EXAMPLE}.`,
			itemIndex,
		);
	}
	// Validation changes nothing, so it may be repeated after a 5xx like a GET.
	return await cloudBlueRequest<IDataObject>(this, 'POST', '/validation/parameters', { body: body as IDataObject, itemIndex, idempotent: true });
}
