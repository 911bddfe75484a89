import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { accountCreateBody, accountCreateFields } from '../account';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a reseller',
	description: 'Create a reseller account (name, currency, address, contact persons, language) and return it with its new ID',
};

export const properties: INodeProperties[] = accountCreateFields('reseller');

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	return await cloudBlueObject(item, 'POST', '/resellers', { body: accountCreateBody(item, 'reseller') });
}
