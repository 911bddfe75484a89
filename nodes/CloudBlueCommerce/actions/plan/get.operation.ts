import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { cloudBlueObject } from '../../transport';
import { pickedId, pickerField } from '../common';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a plan',
	description: 'Get one service plan by ID with its billing and subscription periods and the plan switches it allows',
};

export const properties: INodeProperties[] = [pickerField('plan', 'planId', 'The service plan')];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = pickedId(item, 'planId', 'plan');
	return await cloudBlueObject(item, 'GET', idPath('plans', id, 'Plan ID'));
}
