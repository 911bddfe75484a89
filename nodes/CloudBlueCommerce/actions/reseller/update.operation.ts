import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { pickedId } from '../common';
import { accountUpdateBody, accountUpdateFields } from '../account';
import { resellerIdField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a reseller',
	description: 'Change only the fields set of a reseller and return the updated reseller',
};

export const properties: INodeProperties[] = [resellerIdField, ...accountUpdateFields()];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'resellerId', 'reseller');
	return await cloudBlueObject(item, 'PATCH', idPath('resellers', id, 'Reseller ID'), { body: accountUpdateBody(item) });
}
