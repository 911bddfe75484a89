import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { compact, InputError } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField } from '../common';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a link for a customer to connect networks',
	description:
		'Create an integration session: returns session_link, the hosted page where the customer connects their networks, its session_uuid and expires_at (5 minutes unless Expires In says otherwise)',
};

const LIMIT_NAMES = [
	{ name: 'Available Integrations', value: 'available_integrations', description: 'Only these integrations are offered on the page' },
	{ name: 'Integration Count', value: 'integration_count', description: 'How many integrations the customer may connect in all' },
	{ name: 'Same Integration Across Customers', value: 'same_integration_across_customers', description: 'How many customers may connect the same account' },
	{ name: 'Same Type Integration', value: 'same_type_integration', description: 'How many integrations of one type the customer may connect' },
];

export const properties: INodeProperties[] = [
	customerTokenField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Close on Finish',
				name: 'closeOnFinish',
				type: 'boolean',
				default: false,
				description: 'Whether the hosted page closes itself once the customer is done',
			},
			{
				displayName: 'Enable Multi-Account Selection',
				name: 'enableMultiAccountSelection',
				type: 'boolean',
				default: false,
				description: 'Whether the customer may pick several accounts of one network in one go',
			},
			{
				displayName: 'Expires In (Minutes)',
				name: 'expiresInMinutes',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1 },
				description: 'How long the link stays valid (Reportei default: 5 minutes)',
			},
			{
				displayName: 'Limit Reached URL',
				name: 'limitReachedUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/upgrade',
				description: 'Where the customer is sent when a limit below stops them from connecting more',
			},
			{
				displayName: 'Limits',
				name: 'limits',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add limit',
				options: [
					{
						displayName: 'Limit',
						name: 'limit',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'options',
								options: LIMIT_NAMES,
								default: 'integration_count',
								description: 'What the limit counts',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'number',
								default: 1,
								typeOptions: { minValue: 0 },
								description: 'The maximum count',
								displayOptions: { hide: { name: ['available_integrations'] } },
							},
							{
								// Slugs come from the merchant's settings: the landing page's names
								// (instagram, google_adwords) are not the API's (docs/reportei.md).
								displayName: 'Integration Names or IDs',
								name: 'integrations',
								type: 'multiOptions',
								typeOptions: { loadOptionsMethod: 'getAvailableIntegrations' },
								default: [],
								description:
									'The integrations the page offers, by slug, from the merchant settings. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
								displayOptions: { show: { name: ['available_integrations'] } },
							},
						],
					},
				],
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'options',
				default: 'pt_BR',
				options: [
					{ name: 'English', value: 'en' },
					{ name: 'French', value: 'fr' },
					{ name: 'Portuguese (Brazil)', value: 'pt_BR' },
					{ name: 'Spanish', value: 'es' },
				],
				description: 'Language of the hosted page',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirectUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/connected',
				description: 'Where the customer is sent after connecting (defaults to the merchant redirect URL)',
			},
		],
	},
];

function limitsBody(options: IDataObject): IDataObject[] {
	const entries = ((options.limits as IDataObject | undefined)?.limit ?? []) as IDataObject[];
	return entries.map((entry) => {
		if (entry.name === 'available_integrations') {
			// Workflows saved before the list hold the slugs as one comma-separated string.
			const given = entry.integrations;
			const slugs = (Array.isArray(given) ? given.map(String) : String(given ?? '').split(','))
				.map((s) => s.trim())
				.filter((s) => s !== '');
			if (slugs.length === 0) {
				throw new InputError(
					'The Available Integrations limit lists no integration',
					'Choose at least one integration in the limit, or remove the limit.',
				);
			}
			return { name: entry.name, value: slugs };
		}
		return { name: entry.name as string, value: Number(entry.value ?? 0) };
	});
}

/**
 * Opens a hosted page where the customer connects their networks; the link expires after 5
 * minutes unless Expires In says otherwise
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/customers-integrations.md; the
 * other options from https://github.com/reportei/lp-connect/blob/4a0bd04/app/documentacao/page.tsx).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const options = this.getNodeParameter('options', item.itemIndex, {}) as IDataObject;
	const body = compact({
		redirect_url: options.redirectUrl as string,
		locale: options.locale as string,
		expires_in_minutes: options.expiresInMinutes as number,
		close_on_finish: options.closeOnFinish as boolean,
		enable_multi_account_selection: options.enableMultiAccountSelection as boolean,
		limit_reached_url: options.limitReachedUrl as string,
		limits: limitsBody(options),
	});
	const answer = await reporteiRequest(item, 'POST', '/customer-integrations/session', { body, customerToken: customerToken(item) });
	const session = unwrap(answer, 'integration_session');
	const expires = Date.parse(String(session.expires_at ?? ''));
	if (Number.isFinite(expires)) {
		executionHint(
			this,
			`The session_link expires at ${new Date(expires).toISOString()} (${Math.max(0, Math.round((expires - Date.now()) / 60_000))} minutes from now): send it to the customer right away, or set Options > Expires In.`,
		);
	}
	return session;
}
