import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact } from '../../../shared/fields';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { loweredHint, reporteiList } from '../../lists';
import { REPORTEI } from '../../transport';
import { customerToken, customerTokenField } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many customer integrations',
	description:
		"List the networks a customer connected (uuid, network name and slug, account name, status), optionally only those of one status or account",
};

const STATUS_NAMES: Record<(typeof REPORTEI.integrationStatuses)[number], [string, string]> = {
	active: ['Active', 'Connected and readable'],
	expired: ['Expired', 'The network access expired: reconnect it through a new integration session'],
	revoked: ['Revoked', 'The customer revoked the access: reconnect it through a new integration session'],
	synchronizing: ['Synchronizing', 'Reportei is still reading the network for the first time'],
	synchronization_error: ['Synchronization Error', 'Reportei could not read the network'],
};

export const properties: INodeProperties[] = [
	customerTokenField,
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Source Name',
				name: 'sourceName',
				type: 'string',
				default: '',
				placeholder: 'e.g. reportei',
				description: 'Only the integrations of this account name (source_name)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: REPORTEI.integrationStatuses.map((value) => ({ name: STATUS_NAMES[value][0], value, description: STATUS_NAMES[value][1] })),
				description: 'Only the integrations in this status',
			},
		],
	},
];

/**
 * `GET /customer-integrations`, undocumented apart from a Postman entry: public clients read a
 * Laravel page `{data, meta}` and filter it with `status` and `source_name`
 * (https://github.com/igornjr10/skaleads/blob/3ef920d/supabase/functions/_shared/connect-api.ts,
 * https://github.com/Bobmartins-code/Mcp-Studio/blob/d6f2faa/api/_reportei.js). The filters are
 * also applied here, so a server that ignores them still answers only what was asked.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const qs = compact({ status: filters.status as string, source_name: String(filters.sourceName ?? '').trim() });
	const result = await reporteiList(item, '/customer-integrations', listOptions(item, REPORTEI.pageSize), {
		customerToken: customerToken(item),
		qs,
	});
	if (result.lowered) executionHint(this, loweredHint('customer integrations', result.lowered));
	const kept = result.items.filter(
		(entry) => (qs.status === undefined || entry.status === qs.status) && (qs.source_name === undefined || entry.source_name === qs.source_name),
	);
	if (kept.length < result.items.length) {
		executionHint(this, `Reportei answered ${result.items.length - kept.length} integrations outside the filters; they were left out.`);
	}
	return kept;
}
