import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import { credentialsOf } from '../../../shared/http';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { callbackTrigger, callbackUrlWithToken, CALLBACK_PARAMETER, signCallbackToken, TRIGGER_PATH } from '../../metrics';
import { reporteiRequest } from '../../transport';
import { metricsRequestFields, readMetricsRequest } from './fields';

export const option: OperationOption = {
	name: 'Get Data Async',
	action: 'Request metrics to be sent to a callback URL',
	description:
		'Ask Reportei to compute metrics of one connected network and POST them later to a callback URL (a Reportei Connect Trigger); returns the acceptance with a request_id the trigger output repeats',
};

export const properties: INodeProperties[] = [
	...metricsRequestFields,
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/7d4c2f7e-3c1b-4f53-9a0e-5b2a41f1c0de/reportei-metrics',
		description:
			"Where Reportei POSTs the result: the Production URL of a published Reportei Connect Trigger that uses the same credential (or its Test URL while it listens for a test event). A signed n8n_request parameter is added to it, valid only for the trigger this URL belongs to.",
	},
];

/**
 * The callback URL with a token signed for the trigger it points at, and that trigger; undefined
 * when it is not an http(s) URL.
 */
function signedCallbackUrl(callbackUrl: string, secret: string, requestId: string): { url: string; trigger: string } | undefined {
	if (!/^https?:\/\//i.test(callbackUrl)) return undefined;
	try {
		const trigger = callbackTrigger(callbackUrl);
		return { url: callbackUrlWithToken(callbackUrl, signCallbackToken(secret, trigger, requestId)), trigger };
	} catch {
		return undefined;
	}
}

/**
 * Asks Reportei to compute the metrics and POST them to the callback URL later (get-data-async,
 * https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md). The URL gets a
 * correlation token signed for the trigger it points at (metrics.ts), so that trigger can tell this
 * request's answer apart, refuse forged callbacks, and drop duplicates, and no other trigger
 * accepts it.
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const request = readMetricsRequest(item);
	const callbackUrl = String(this.getNodeParameter('callbackUrl', item.itemIndex, '')).trim();
	const requestId = randomUUID();
	const credentials = await credentialsOf(this, 'reporteiConnectApi');
	const signed = signedCallbackUrl(callbackUrl, String(credentials?.accessToken ?? ''), requestId);
	if (!signed) {
		throw new InputError(
			`The Callback URL "${callbackUrl}" is not an http(s) URL`,
			"Paste the Production URL of a Reportei Connect Trigger (or any http(s) URL that receives Reportei's POST).",
		);
	}
	const answer = await reporteiRequest(item, 'POST', '/metrics/get-data-async', {
		body: { ...request.body, metrics_webhook_url: signed.url },
		customerToken: request.customerToken,
	});
	if (signed.trigger.startsWith('path:')) {
		executionHint(
			this,
			`The Callback URL does not end in /<webhook id>/${TRIGGER_PATH}, so it is not a Reportei Connect Trigger's URL: a trigger accepts only callbacks signed for its own Production or Test URL. Paste the trigger's URL as n8n shows it if Reportei's answer should start it.`,
			'warning',
		);
	}
	return {
		...answer,
		request_id: requestId,
		callback_parameter: CALLBACK_PARAMETER,
		metrics: request.metrics.map(({ id, reference_key, component }) => ({ id, reference_key, component })),
	};
}
