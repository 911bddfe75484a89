import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { pickedId } from '../common';
import { resellerIdField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a reseller',
	description: 'Get one reseller by ID: status, currency, address, contact persons',
};

export const properties: INodeProperties[] = [resellerIdField];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'resellerId', 'reseller');
	return await cloudBlueObject(item, 'GET', idPath('resellers', id, 'Reseller ID'));
}
