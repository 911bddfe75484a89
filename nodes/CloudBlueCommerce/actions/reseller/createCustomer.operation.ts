import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { pickedId } from '../common';
import { accountCreateBody, accountCreateFields } from '../account';
import { resellerIdField } from './fields';

export const option: OperationOption = {
	name: 'Create Customer',
	action: 'Create a customer of a reseller',
	description: 'Create a customer owned by the given reseller and return it with its new ID',
};

export const properties: INodeProperties[] = [resellerIdField, ...accountCreateFields('customer')];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'resellerId', 'reseller');
	return await cloudBlueObject(item, 'POST', idPath('resellers', id, 'Reseller ID', 'customers'), {
		body: accountCreateBody(item, 'customer'),
	});
}
