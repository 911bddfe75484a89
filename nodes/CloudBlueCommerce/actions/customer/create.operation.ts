import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { accountCreateBody, accountCreateFields } from '../account';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a customer',
	description: 'Create a customer of your reseller account (name, address, contact persons, language) and return it with its new ID',
};

export const properties: INodeProperties[] = accountCreateFields('customer');

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	return await cloudBlueObject(item, 'POST', '/customers', { body: accountCreateBody(item, 'customer') });
}
