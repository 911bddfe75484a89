import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath, InputError, jsonValue } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { idLocator, locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { TRUST, trustRequest } from '../../transport';
import { createdOutput } from '../common';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a segment',
	description:
		"Rename a segment or replace its index query (the whole query: device fields left out of it are removed). Returns the segment as Trust answers it",
};

export const properties: INodeProperties[] = [
	idLocator({
		displayName: 'Segment ID',
		name: 'segmentId',
		description:
			"The segment to update: pick one a campaign of the credential's Default Company ID was sent to, or enter its ID",
		searchListMethod: 'searchSegments',
		idPlaceholder: 'e.g. z3p194f4-064q-092b-bf92-4379eposf8z7c',
	}),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Backend team',
		description: 'New name of the segment; leave empty to keep the current one',
	},
	{
		displayName: 'Index Query',
		name: 'indexQuery',
		type: 'json',
		default: '',
		placeholder: 'e.g. {"apps.app_id": "1", "model": "sm-g965fg"}',
		description:
			'The new index query, which REPLACES the current one whole (device fields left out are removed); leave empty to keep the current query',
	},
];

/**
 * `PUT /message-persistance/api/v1/segment/:segment_uuid` with `{name, index_query}`
 * (https://docs.trust.lat/docs/api/message-persistance/endpoints/segmentation/update_segmentation).
 * ASSUMPTION: a field left out of the body is kept (the page shows both sent; docs/trust.md).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const segmentId = locatorValue(item, 'segmentId', 'Segment ID');
	const name = String(this.getNodeParameter('name', item.itemIndex, '') ?? '').trim();
	const raw = this.getNodeParameter('indexQuery', item.itemIndex, '') as unknown;
	const given = !(raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''));
	const indexQuery = given ? jsonValue(raw, 'Index Query', 'object') : undefined;
	if (indexQuery && Object.keys(indexQuery).length === 0) {
		throw new InputError(
			'Index Query is empty',
			'Give at least one device field and its values, e.g. {"apps.app_id": ["3"]}, or leave the field empty to keep the current query; an empty query would select every device.',
		);
	}
	if (!name && !indexQuery) {
		throw new InputError('Nothing to update', 'Enter a new Name, a new Index Query, or both.');
	}
	const body: IDataObject = { ...(name ? { name } : {}), ...(indexQuery ? { index_query: indexQuery } : {}) };
	const envelope = await trustRequest(item, 'PUT', idPath(TRUST.segmentsPath, segmentId, 'Segment ID'), { body });
	return createdOutput(envelope, { id: segmentId, ...body }, 'updated');
}
