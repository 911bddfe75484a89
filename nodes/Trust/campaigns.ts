import type { IDataObject } from 'n8n-workflow';

import { compact, idPath } from '../shared/fields';
import type { RequestContext } from '../shared/http';
import { TRUST, trustRequest, unwrap } from './transport';

/**
 * The campaigns of one company (https://docs.trust.lat/docs/api/campaigns/endpoints/read_campaign_company_id):
 * the `fields`, `search` and `terminated` filters, one answer with every campaign (no pagination is
 * documented). IDs are Trust's own strings (`uuid`, `message_id`, `segment_id`): the documented ones
 * are not valid UUIDs (`zerbf63c-…`), so they are never checked as such.
 */
export interface CampaignFilters {
	fields?: string;
	search?: string;
	terminated?: boolean;
}

export async function listCampaigns(request: RequestContext, companyId: string, filters: CampaignFilters = {}): Promise<IDataObject[]> {
	const qs = compact({
		fields: typeof filters.fields === 'string' ? filters.fields.replace(/\s+/g, '') : undefined,
		search: filters.search,
		terminated: typeof filters.terminated === 'boolean' ? String(filters.terminated) : undefined,
	});
	const path = idPath(`${TRUST.campaignsPath}/company`, companyId, 'Company ID', 'campaign');
	const data = unwrap(await trustRequest(request, 'GET', path, { qs }));
	// A list is documented; a single object or nothing is read as one or no campaign.
	return (Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : []).filter(
		(entry): entry is IDataObject => !!entry && typeof entry === 'object' && !Array.isArray(entry),
	);
}

/** Trust's "no such ID" in a campaign: `segment_id: ""` when the campaign has no segment. */
function idOrNull(value: unknown): unknown {
	return value === '' || value === undefined ? null : value;
}

/**
 * The campaign fields a user acts on (10 of Trust's 12: `app_id` and `flavor_id` are left out, the
 * application name says the same), with `""` IDs as null. Fields Trust did not send (a `fields`
 * filter) stay out.
 */
export function simplifyCampaign(campaign: IDataObject): IDataObject {
	const keys = ['uuid', 'name', 'terminated', 'message_id', 'segment_id', 'application_name', 'company_id', 'finish_date', 'created_at', 'updated_at'];
	const out: IDataObject = {};
	for (const key of keys) {
		if (!(key in campaign)) continue;
		out[key] = key === 'segment_id' ? (idOrNull(campaign[key]) as IDataObject[string]) : campaign[key];
	}
	return out;
}
