import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact, returnAllOrLimit } from '../../../shared/descriptions';
import { pathSegment } from '../../../shared/http';
import type { OperationResult } from '../../../shared/items';
import { companyIdFor, TRUST, trustRequest, unwrap } from '../../transport';
import { companyIdField } from '../common';

const show = { resource: ['campaign'], operation: ['getAll'] };

const properties: INodeProperties[] = [
	companyIdField({}),
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'uuid,name,terminated,created_at',
				description: 'Comma-separated campaign fields to return; leave empty for all fields',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
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
];

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const companyId = await companyIdFor(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = compact({
		fields: typeof filters.fields === 'string' ? filters.fields.replace(/\s+/g, '') : undefined,
		search: filters.search,
		terminated: typeof filters.terminated === 'boolean' ? String(filters.terminated) : undefined,
	});
	const envelope = await trustRequest(this, 'GET', `${TRUST.campaignsPath}/company/${pathSegment(companyId)}/campaign`, {
		qs,
		itemIndex,
	});
	const data = unwrap(envelope);
	// A list is documented; a single object or nothing is read as one or no campaign.
	const campaigns = (Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []) as IDataObject[];
	// The list has no documented pagination: Trust answers every campaign at once, so Limit is
	// applied here (research/providers.md section 3, "Pagination").
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return campaigns;
	return campaigns.slice(0, this.getNodeParameter('limit', itemIndex, 50) as number);
}
