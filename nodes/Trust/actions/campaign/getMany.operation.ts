import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { listCampaigns, simplifyCampaign } from '../../campaigns';
import { companyIdField, companyIdFor } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many campaigns of a company',
	description:
		"List a company's push campaigns: UUID, name, whether it is terminated, its message, segment and application, and its dates",
};

export const properties: INodeProperties[] = [
	companyIdField(),
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. uuid,name,terminated,created_at',
				description: 'Comma-separated campaign fields to return; leave empty for all fields',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Black Friday',
				description: 'Text matched against the campaign UUID and name',
			},
			{
				displayName: 'Terminated',
				name: 'terminated',
				type: 'boolean',
				default: true,
				description: 'Whether to return only terminated campaigns (on) or only running ones (off)',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description:
			'Whether to return a simplified version of the response instead of the raw data (10 fields: without app_id and flavor_id, an unused segment_id as null). Always on when the node runs as an AI tool.',
	},
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const companyId = await companyIdFor(item);
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const campaigns = await listCampaigns(item, companyId, {
		fields: typeof filters.fields === 'string' ? filters.fields : undefined,
		search: typeof filters.search === 'string' ? filters.search : undefined,
		terminated: typeof filters.terminated === 'boolean' ? filters.terminated : undefined,
	});
	// ASSUMPTION: the list has no pagination (none is documented), so Trust answers every campaign at
	// once and Limit is applied here (docs/trust.md, "Sources and assumptions").
	const kept = (this.getNodeParameter('returnAll', item.itemIndex, false) as boolean)
		? campaigns
		: campaigns.slice(0, this.getNodeParameter('limit', item.itemIndex, 50) as number);
	// A model reads the compact form: as a tool the campaigns are always simplified.
	const simplify = item.asTool || (this.getNodeParameter('simplify', item.itemIndex, false) as boolean);
	return simplify ? kept.map(simplifyCampaign) : kept;
}
