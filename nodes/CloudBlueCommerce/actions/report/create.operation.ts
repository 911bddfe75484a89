import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { formatOptions, toDateTime } from '../common';
import { getReport, normalizeReport } from './report';
import { cloudBlueRequest } from '../../transport';
import { compact } from '../../../shared/descriptions';
import { pollUntil } from '../../../shared/polling';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['report'], operation: ['create'] } }, [
	{
		displayName: 'Report Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		description: 'The preconfigured report name as defined in the platform (ask your CloudBlue administrator)',
	},
	{ displayName: 'Start', name: 'startDate', type: 'dateTime', default: '', required: true, description: 'Start of the rated data period (UTC when no time zone is given)' },
	{ displayName: 'End', name: 'endDate', type: 'dateTime', default: '', description: 'End of the rated data period (UTC when no time zone is given)' },
	{ displayName: 'Format', name: 'format', type: 'options', options: formatOptions, default: 'json' },
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: 'Whether to wait until the report is completed (or failed) before the node finishes, checking its status regularly',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Customization Name', name: 'customizationName', type: 'string', default: '', description: 'A customization of the report defined in the platform' },
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: 'How often to check the report while waiting for it',
			},
			{
				displayName: 'Timeout (Minutes)',
				name: 'timeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for the report before failing; the report keeps being generated and can be fetched later with Get',
			},
		],
	},
]);

/** Reports end in `completed` or `error` (spec Report.status); there is no webhook, so they are polled. */
async function waitForReport(ctx: IExecuteFunctions, report: IDataObject, options: IDataObject, itemIndex: number) {
	const intervalMs = Math.max(1, Number(options.pollInterval ?? 30)) * 1000;
	const timeoutMs = Math.max(1, Number(options.timeout ?? 30)) * 60_000;
	const done = (r: IDataObject) => r.status === 'completed' || r.status === 'error';
	const current = await pollUntil(report, done, async () => await getReport(ctx, String(report.id), itemIndex), {
		intervalMs,
		timeoutMs,
		timedOut: (last) =>
			new NodeOperationError(ctx.getNode(), `The report is still ${String(last.status)} after ${Math.round(timeoutMs / 60_000)} minutes`, {
				description: `Report ${String(last.id)} keeps being generated: raise the Timeout, or fetch it later with Report > Get and Download.`,
				itemIndex,
			}),
	});
	if (current.status === 'error') {
		throw new NodeOperationError(ctx.getNode(), `CloudBlue could not generate report ${String(current.id)} ("${String(current.name)}")`, {
			description: 'The report ended with status "error". Check the report name, customization and period, or look at the report in the reseller control panel.',
			itemIndex,
		});
	}
	return current;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = compact({
		name: this.getNodeParameter('name', itemIndex) as string,
		customizationName: options.customizationName,
		format: this.getNodeParameter('format', itemIndex) as string,
		startDate: toDateTime(this.getNodeParameter('startDate', itemIndex)),
		endDate: toDateTime(this.getNodeParameter('endDate', itemIndex, '')),
	});
	const report = normalizeReport(await cloudBlueRequest(this, 'POST', '/reports', { body, itemIndex }));
	if (!(this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean)) return report;
	return await waitForReport(this, report, options, itemIndex);
}
