import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import type { OperationResult } from '../../../shared/items';
import { companyIdFor, TRUST, trustRequest } from '../../transport';
import { companyIdField, createdOutput, jsonObject } from '../common';

const show = { resource: ['segment'], operation: ['create'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'Name of the segment',
	},
	companyIdField({}),
	{
		displayName: 'Index Query',
		name: 'indexQuery',
		type: 'json',
		default: '{\n  "apps.app_id": ["1"]\n}',
		required: true,
		description:
			'Which devices belong to the segment, as Trust\'s index query: a JSON object of device fields and the values they must have, e.g. {"apps.app_id": ["1", "3"], "apps.tags.departamento": "backend"}',
	},
];

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const name = String(this.getNodeParameter('name', itemIndex, '') ?? '').trim();
	if (!name) throw inputError(this.getNode(), 'Name is empty', 'Enter a name for the segment.', itemIndex);
	const indexQuery = jsonObject(this, this.getNodeParameter('indexQuery', itemIndex, '{}'), 'Index Query', itemIndex);
	if (Object.keys(indexQuery).length === 0) {
		throw inputError(
			this.getNode(),
			'Index Query is empty',
			'Give at least one device field, for example {"apps.app_id": ["1"]}; an empty query would select every device.',
			itemIndex,
		);
	}
	const body = { name, company_id: await companyIdFor(this, itemIndex), index_query: indexQuery };
	const envelope = await trustRequest(this, 'POST', TRUST.segmentsPath, { body, itemIndex });
	return createdOutput(envelope, { name, company_id: body.company_id });
}
