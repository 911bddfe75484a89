import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { reporteiRequest, unwrap } from '../../transport';
import { customerToken, customerTokenField } from '../common';

const LIMIT_NAMES = [
	{ name: 'Available Integrations', value: 'available_integrations', description: 'Only these integration slugs may be connected' },
	{ name: 'Integration Count', value: 'integration_count', description: 'How many integrations the customer may connect in all' },
	{ name: 'Same Integration Across Customers', value: 'same_integration_across_customers', description: 'How many customers may connect the same account' },
	{ name: 'Same Type Integration', value: 'same_type_integration', description: 'How many integrations of one type the customer may connect' },
];

const properties: INodeProperties[] = [
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
				// customers-integrations.md: a session link expires after 5 minutes by default.
				default: 5,
				typeOptions: { minValue: 1 },
				description: 'How long the link stays valid (Reportei default: 5 minutes)',
			},
			{
				displayName: 'Limit Reached URL',
				name: 'limitReachedUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/upgrade',
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
								displayName: 'Integration Slugs',
								name: 'integrations',
								type: 'string',
								default: '',
								placeholder: 'e.g. instagram_business, facebook_ads',
								description: 'Comma-separated slugs (Merchant > Get Settings lists the available ones)',
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
				placeholder: 'https://example.com/connected',
				description: 'Where the customer is sent after connecting (defaults to the merchant redirect URL)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['integrationSession'], operation: ['create'] } }, properties);

function limitsBody(ctx: IExecuteFunctions, options: IDataObject, itemIndex: number): IDataObject[] {
	const entries = ((options.limits as IDataObject | undefined)?.limit ?? []) as IDataObject[];
	return entries.map((entry) => {
		if (entry.name === 'available_integrations') {
			const slugs = String(entry.integrations ?? '')
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== '');
			if (slugs.length === 0) {
				throw inputError(ctx.getNode(), 'The Available Integrations limit lists no slug', 'Enter at least one integration slug, such as instagram_business.', itemIndex);
			}
			return { name: entry.name, value: slugs };
		}
		return { name: entry.name as string, value: Number(entry.value ?? 0) };
	});
}

/**
 * Opens a hosted page where the customer connects their networks; the link expires after 5
 * minutes unless Expires In says otherwise (customers-integrations.md; extra fields from lp-connect).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = compact({
		redirect_url: options.redirectUrl as string,
		locale: options.locale as string,
		expires_in_minutes: options.expiresInMinutes as number,
		close_on_finish: options.closeOnFinish as boolean,
		enable_multi_account_selection: options.enableMultiAccountSelection as boolean,
		limit_reached_url: options.limitReachedUrl as string,
		limits: limitsBody(this, options, itemIndex),
	});
	const answer = await reporteiRequest(this, 'POST', '/customer-integrations/session', {
		body,
		customerToken: customerToken(this, itemIndex),
		itemIndex,
	});
	return unwrap(answer, 'integration_session');
}
