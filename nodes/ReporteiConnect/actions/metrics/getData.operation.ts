import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { metricsOutput, outputProperties, problemsHint, type ChartFormat, type OutputMode } from '../../metrics';
import { reporteiRequest } from '../../transport';
import { metricsRequestFields, readMetricsRequest } from './fields';

export const option: OperationOption = {
	name: 'Get Data',
	action: 'Get metrics of a customer integration',
	description:
		'Compute metrics (numbers, charts, tables) of one connected network for a period, optionally compared with another period, and return them keyed by metric ID or one item per metric',
};

export const properties: INodeProperties[] = [...metricsRequestFields, ...outputProperties()];

/**
 * Computes the metrics now; the answer is an object keyed by each metric's id
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md), where one metric
 * may have failed on its own (metrics.ts, `metricProblem`).
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const request = readMetricsRequest(item);
	const answer = await reporteiRequest(item, 'POST', '/metrics/get-data', {
		body: request.body,
		customerToken: request.customerToken,
	});
	const { items, problems } = metricsOutput(
		answer,
		{
			output: this.getNodeParameter('output', item.itemIndex, 'keyed') as OutputMode,
			chartFormat: this.getNodeParameter('chartFormat', item.itemIndex, 'rows') as ChartFormat,
		},
		request.metrics,
	);
	if (problems.length) executionHint(this, problemsHint(problems, request.metrics.length), 'warning');
	return items;
}
