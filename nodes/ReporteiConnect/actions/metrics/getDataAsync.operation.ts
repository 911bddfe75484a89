import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { callbackUrlWithToken, CALLBACK_PARAMETER, signCallbackToken } from '../../metrics';
import { reporteiRequest } from '../../transport';
import { metricsRequestFields, readMetricsRequest } from './fields';

const properties: INodeProperties[] = [
	...metricsRequestFields,
	{
		displayName: 'Callback URL',
		name: 'callbackUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/.../reportei-metrics',
		description:
			'Where Reportei POSTs the result: usually the Production URL of a Reportei Connect Trigger that uses the same credential. A signed n8n_request parameter is added to it.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['metrics'], operation: ['getDataAsync'] } }, properties);

async function signingKey(ctx: IExecuteFunctions): Promise<string> {
	const credentials = await ctx.getCredentials('reporteiConnectApi');
	return String(credentials.accessToken ?? '');
}

/**
 * Asks Reportei to compute the metrics and POST them to the callback URL later (metrics.md,
 * get-data-async). The URL gets a signed correlation token (see metrics.ts) so the trigger can
 * tell this request's answer apart, refuse forged callbacks and drop duplicates.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const request = readMetricsRequest(this, itemIndex);
	const callbackUrl = String(this.getNodeParameter('callbackUrl', itemIndex, '')).trim();
	const requestId = randomUUID();
	const token = signCallbackToken(await signingKey(this), requestId);
	let url: string | undefined;
	try {
		if (/^https?:\/\//i.test(callbackUrl)) url = callbackUrlWithToken(callbackUrl, token);
	} catch {
		url = undefined;
	}
	if (!url) {
		throw inputError(
			this.getNode(),
			`The Callback URL "${callbackUrl}" is not an http(s) URL`,
			"Paste the Production URL of a Reportei Connect Trigger (or any http(s) URL that receives Reportei's POST).",
			itemIndex,
		);
	}
	const answer = await reporteiRequest(this, 'POST', '/metrics/get-data-async', {
		body: { ...request.body, metrics_webhook_url: url },
		customerToken: request.customerToken,
		itemIndex,
	});
	return {
		...answer,
		request_id: requestId,
		callback_parameter: CALLBACK_PARAMETER,
		metrics: request.metrics.map(({ id, reference_key, component }) => ({ id, reference_key, component })),
	};
}
