import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialsOf, requestContext } from '../shared/http';
import { searchResults } from '../shared/locators';
import { listCampaigns } from './campaigns';
import { TRUST } from './transport';

/**
 * The pickers' lists. Trust's only list is a company's campaigns (one answer, no pagination), so the
 * messages and segments offered are the ones its campaigns use: each once, named after the newest
 * campaign that uses it. The typed text filters names and IDs here (Trust's `search` matches
 * campaign UUIDs and names only).
 */

/** The company the editor shows: the node's Company ID when it is plain text, else the credential's default. */
async function editorCompanyId(ctx: ILoadOptionsFunctions): Promise<string> {
	let own: unknown = '';
	try {
		own = ctx.getCurrentNodeParameter('companyId') ?? ctx.getNodeParameter('companyId', '');
	} catch {
		// No such field here, or an expression that needs input data: fall back to the credential.
	}
	const typed = typeof own === 'string' && !own.startsWith('=') ? own.trim() : typeof own === 'number' ? String(own) : '';
	if (typed) return typed;
	const credentials = await credentialsOf(ctx, TRUST.credentialType);
	const fallback = String(credentials?.defaultCompanyId ?? '').trim();
	if (!fallback) {
		throw new NodeOperationError(ctx.getNode(), 'No company to list from', {
			description: 'Enter a Company ID in the node (as text, not an expression), or set a Default Company ID in the Trust API credential.',
		});
	}
	return fallback;
}

/** Campaigns newest first, by `created_at` (ISO text sorts by time). */
async function companyCampaigns(ctx: ILoadOptionsFunctions, fields: string): Promise<IDataObject[]> {
	// A failed list call is Trust's readable NodeApiError ("Trust answered 404: ..."), shown in the picker.
	const campaigns = await listCampaigns(requestContext(ctx), await editorCompanyId(ctx), { fields });
	return campaigns.sort((a, b) => String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')));
}

/** One entry per distinct non-empty value of `key`, named after the newest campaign that carries it. */
function distinctBy(campaigns: IDataObject[], key: string, label: string): IDataObject[] {
	const seen = new Map<string, IDataObject>();
	for (const campaign of campaigns) {
		const id = campaign[key];
		if (typeof id !== 'string' && typeof id !== 'number') continue;
		const value = String(id).trim();
		if (value === '') continue;
		const entry = seen.get(value);
		if (entry) entry.uses = (entry.uses as number) + 1;
		else seen.set(value, { value, campaign: String(campaign.name ?? '') || `${label} ${value}`, uses: 1 });
	}
	return [...seen.values()];
}

function entry(object: IDataObject): INodeListSearchItems {
	const uses = object.uses as number;
	return {
		name: `${String(object.campaign)}${uses > 1 ? ` (+${uses - 1} more)` : ''}`,
		value: String(object.value),
		description: `ID ${String(object.value)}`,
	};
}

/** Messages the company's campaigns send, for the Message ID picker. */
export async function searchMessages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const campaigns = await companyCampaigns(this, 'message_id,name,created_at');
	return searchResults({ items: distinctBy(campaigns, 'message_id', 'Message') }, entry, filter);
}

/** Segments the company's campaigns were sent to, for the Segment ID picker. */
export async function searchSegments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const campaigns = await companyCampaigns(this, 'segment_id,name,created_at');
	return searchResults({ items: distinctBy(campaigns, 'segment_id', 'Segment') }, entry, filter);
}
