import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { metricsOutput, outputProperties, type ChartFormat, type OutputMode } from '../../metrics';
import { reporteiRequest } from '../../transport';
import { metricsRequestFields, readMetricsRequest } from './fields';

const properties: INodeProperties[] = [...metricsRequestFields, ...outputProperties()];

export const description = updateDisplayOptions({ show: { resource: ['metrics'], operation: ['getData'] } }, properties);

/** Computes the metrics now; the answer is an object keyed by each metric's id (metrics.md). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const request = readMetricsRequest(this, itemIndex);
	const answer = await reporteiRequest(this, 'POST', '/metrics/get-data', {
		body: request.body,
		customerToken: request.customerToken,
		itemIndex,
	});
	return metricsOutput(
		answer,
		{
			output: this.getNodeParameter('output', itemIndex, 'keyed') as OutputMode,
			chartFormat: this.getNodeParameter('chartFormat', itemIndex, 'rows') as ChartFormat,
		},
		request.metrics,
	);
}
