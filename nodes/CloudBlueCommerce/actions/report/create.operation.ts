import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import { pollUntil } from '../../../shared/polling';
import type { OperationOption } from '../../../shared/resources';
import { getReport, isCompleted, normalizeReport, reportLabel } from '../../reports';
import { cloudBlueObject } from '../../transport';
import { formatOptions, isoInstant } from '../common';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a report',
	description:
		'Schedule a one-time rated data report of a preconfigured report name for a period; returns the report with its ID and status, or, with Wait for Completion, once it is completed with its download link',
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Report Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Daily report',
		description: 'The preconfigured report name as defined in the platform (ask your CloudBlue administrator)',
	},
	{ displayName: 'Start', name: 'startDate', type: 'dateTime', default: '', required: true, description: 'Start of the rated data period (UTC when no time zone is given)' },
	{ displayName: 'End', name: 'endDate', type: 'dateTime', default: '', description: 'End of the rated data period (UTC when no time zone is given)' },
	{ displayName: 'Format', name: 'format', type: 'options', options: formatOptions, default: 'json', description: 'The file format of the report' },
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
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Customization Name',
				name: 'customizationName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Finance',
				description: 'A customization of the report defined in the platform',
			},
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
				description: 'How long to wait for the report; it keeps being generated afterwards and can be fetched later with Get',
			},
			{
				displayName: 'When the Timeout Is Reached',
				name: 'onTimeout',
				type: 'options',
				default: 'fail',
				description: 'What the node does when the report is not completed within the timeout',
				options: [
					{ name: 'Fail', value: 'fail', description: 'Stop with an error that names the report' },
					{
						name: 'Return the Report as It Is',
						value: 'return',
						description: 'Return the report with its current status, so a later step can fetch it with Get',
					},
				],
			},
		],
	},
];

/** Reports end in `completed` or `error` (SimpleAPI spec v1.15, Report.status); there is no webhook, so they are polled. */
async function waitForReport(item: ItemContext, report: IDataObject, options: IDataObject): Promise<IDataObject> {
	const { n8n, itemIndex } = item;
	const intervalMs = Math.max(1, Number(options.pollInterval ?? 30)) * 1000;
	const timeoutMs = Math.max(1, Number(options.timeout ?? 30)) * 60_000;
	const minutes = Math.round(timeoutMs / 60_000);
	const done = (r: IDataObject) => isCompleted(r) || r.status === 'error';
	if (!done(report) && (report.id === undefined || report.id === null || report.id === '')) {
		throw new NodeOperationError(n8n.getNode(), 'CloudBlue accepted the report without giving its ID, so the node cannot wait for it', {
			description: 'Turn Wait for Completion off and find the report with Report > Get Many (or the CloudBlue Commerce Trigger) once it is exported.',
			itemIndex,
		});
	}
	// The node's own deadline ends the polling: pollUntil's (later) one is only a safety net.
	const deadline = Date.now() + timeoutMs;
	const current = await pollUntil(report, (r) => done(r) || Date.now() + intervalMs > deadline, async () => await getReport(item, report.id), {
		intervalMs,
		timeoutMs: timeoutMs + 2 * intervalMs,
		signal: item.signal,
		timedOut: (last) => new NodeOperationError(n8n.getNode(), `The report is still ${String(last.status)}`, { itemIndex }),
	});
	if (!done(current)) {
		executionHint(
			n8n,
			`Wait for Completion timed out: ${reportLabel(current)} was still ${String(current.status)} after ${minutes} minute${minutes === 1 ? '' : 's'}. It keeps being generated: fetch it later with Report > Get, or raise the Timeout.`,
			'warning',
		);
		if (options.onTimeout === 'return') return current;
		throw new NodeOperationError(n8n.getNode(), `The report is still ${String(current.status)} after ${minutes} minute${minutes === 1 ? '' : 's'}`, {
			description: `${reportLabel(current)} keeps being generated: raise the Timeout, set When the Timeout Is Reached to return the report, or fetch it later with Report > Get and Download.`,
			itemIndex,
		});
	}
	if (current.status === 'error') {
		throw new NodeOperationError(n8n.getNode(), `CloudBlue could not generate report ${String(current.id)} ("${String(current.name)}")`, {
			description: 'The report ended with status "error". Check the report name, customization and period, or look at the report in the reseller control panel.',
			itemIndex,
		});
	}
	return current;
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const { itemIndex } = item;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const end = this.getNodeParameter('endDate', itemIndex, '') as unknown;
	const body = compact({
		name: this.getNodeParameter('name', itemIndex) as string,
		customizationName: options.customizationName,
		format: this.getNodeParameter('format', itemIndex) as string,
		startDate: isoInstant(this.getNodeParameter('startDate', itemIndex), 'Start'),
		endDate: end === '' || end === undefined || end === null ? undefined : isoInstant(end, 'End'),
	});
	const report = normalizeReport(await cloudBlueObject(item, 'POST', '/reports', { body }));
	if (!(this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean)) return report;
	return await waitForReport(item, report, options);
}
