import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { TRUST, trustRequest } from '../../transport';
import { companyIdField, companyIdFor, createdOutput } from '../common';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a segment of devices',
	description:
		'Create a segment: the devices whose fields match an index query (for example app IDs and device tags), to send campaigns to. Returns the created segment',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Backend team',
		description: 'Name of the segment',
	},
	companyIdField(),
	{
		displayName: 'Index Query',
		name: 'indexQuery',
		type: 'json',
		default: '',
		required: true,
		placeholder: 'e.g. {"apps.app_id": ["1", "3"], "apps.tags.department": "backend"}',
		description:
			'Which devices belong to the segment, as Trust\'s index query: a JSON object of device fields and the values they must have, e.g. {"apps.app_id": ["1", "3"], "apps.tags.department": "backend"}',
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', item.itemIndex, '') ?? '').trim();
	if (!name) throw new InputError('Name is empty', 'Enter a name for the segment.');
	const indexQuery = jsonValue(this.getNodeParameter('indexQuery', item.itemIndex, '{}'), 'Index Query', 'object');
	if (Object.keys(indexQuery).length === 0) {
		throw new InputError(
			'Index Query is empty',
			'Give at least one device field and its values, e.g. {"apps.app_id": ["3"]} (the app IDs are your own apps in Trust); an empty query would select every device.',
		);
	}
	const body = { name, company_id: await companyIdFor(item), index_query: indexQuery };
	const envelope = await trustRequest(item, 'POST', TRUST.segmentsPath, { body });
	return createdOutput(envelope, { name, company_id: body.company_id });
}
