import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { REPORTEI, reporteiRequest, unwrap } from '../../transport';

export const option: OperationOption = {
	name: 'Get Settings',
	action: 'Get merchant rate limits and integrations',
	description:
		"Get the merchant's settings: its rate limits per minute and per second, customer count, and the integrations (name, slug) customers may connect",
};

export const properties: INodeProperties[] = [];

/**
 * `{merchant: {...}}` (https://github.com/reportei/connect-docs/blob/3151871/sections/merchants.md),
 * rate limits as strings ("999"), as given. Two public clients also read `merchant.is_paying`,
 * `merchant.trial_ends_at` and a top-level `include_settings` (docs/reportei.md, "Sources and
 * assumptions"): whatever the answer carries beside `merchant` is kept on the item.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const body = await reporteiRequest(item, 'GET', REPORTEI.merchantSettingsPath);
	const merchant = unwrap(body, 'merchant');
	if (merchant === body) return body;
	const beside = { ...body };
	delete beside.merchant;
	return { ...merchant, ...beside };
}
