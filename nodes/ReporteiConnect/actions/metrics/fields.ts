import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { isoDate, metricsFromFields, metricsFromJson, MetricsInputError, type MetricRequest } from '../../metrics';
import { REPORTEI } from '../../transport';
import { customerToken, customerTokenField } from '../common';

const EXAMPLE_JSON = JSON.stringify(
	{
		metrics: [
			{ reference_key: 'ig:followers_count', component: 'number_v1', metrics: ['followers_count'] },
			{ reference_key: 'ig:followers_gender', component: 'chart_v1', metrics: ['followers'], dimensions: ['gender'] },
		],
	},
	null,
	2,
);

/** The fields Get Data and Get Data Async share (metrics.md request body). */
export const metricsRequestFields: INodeProperties[] = [
	customerTokenField,
	{
		displayName: 'Customer Integration ID',
		name: 'customerIntegration',
		type: 'string',
		default: '',
		required: true,
		description: 'The uuid of the connected network to read (Customer > Get Settings lists them); its status must be active',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the period',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the period',
	},
	{
		displayName: 'Metrics Input',
		name: 'metricsInput',
		type: 'options',
		default: 'json',
		options: [
			{
				name: 'JSON From Reportei',
				value: 'json',
				description: 'Paste what a Reportei dashboard (code button, "Format for Connect" ticked) or the Connect Explorer produces',
			},
			{ name: 'Field by Field', value: 'fields', description: 'Build each metric here' },
		],
	},
	{
		displayName: 'Metrics (JSON)',
		name: 'metricsJson',
		type: 'json',
		default: EXAMPLE_JSON,
		required: true,
		description:
			'{"metrics":[...]} or a bare array of metrics, each with reference_key, component, metrics and optional dimensions, entity_id, entity_type and an ID (generated when missing)',
		displayOptions: { show: { metricsInput: ['json'] } },
	},
	{
		displayName: 'Metrics',
		name: 'metricsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add metric',
		displayOptions: { show: { metricsInput: ['fields'] } },
		options: [
			{
				displayName: 'Metric',
				name: 'metric',
				values: [
					{
						displayName: 'Component',
						name: 'component',
						type: 'options',
						default: 'number_v1',
						options: [
							{ name: 'Chart', value: 'chart_v1', description: 'Labels and one data series per metric (chart_v1)' },
							{ name: 'Number', value: 'number_v1', description: 'One value, with a comparison when asked (number_v1)' },
							{ name: 'Table', value: 'datatable_v1', description: 'Rows of dimension and metric values (datatable_v1)' },
						],
						description: 'The shape of the answer',
					},
					{
						displayName: 'Dimensions',
						name: 'dimensions',
						type: 'string',
						default: '',
						placeholder: 'e.g. gender',
						description: 'Comma-separated dimensions (optional)',
					},
					{
						displayName: 'Entity ID',
						name: 'entityId',
						type: 'string',
						default: '',
						description: 'An ad, campaign or ad set to narrow the metric to (optional)',
					},
					{
						displayName: 'Entity Type',
						name: 'entityType',
						type: 'options',
						default: 'campaign',
						options: [
							{ name: 'Ad', value: 'ad' },
							{ name: 'Ad Set', value: 'adset' },
							{ name: 'Campaign', value: 'campaign' },
						],
						description: 'What Entity ID names (sent only with an Entity ID)',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Key of this metric in the answer (a UUID is generated when empty)',
					},
					{
						displayName: 'Metrics',
						name: 'metrics',
						type: 'string',
						default: '',
						placeholder: 'e.g. followers',
						description: 'Comma-separated metric names',
					},
					{
						displayName: 'Reference Key',
						name: 'referenceKey',
						type: 'string',
						default: '',
						placeholder: 'e.g. ig:followers_gender',
						description: 'The widget to compute, as Reportei names it',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'comparison',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Comparison Start',
				name: 'comparisonStart',
				type: 'dateTime',
				default: '',
				description: 'First day of the period to compare with (needs Comparison End)',
			},
			{
				displayName: 'Comparison End',
				name: 'comparisonEnd',
				type: 'dateTime',
				default: '',
				description: 'Last day of the period to compare with (needs Comparison Start)',
			},
		],
	},
];

export interface MetricsRequest {
	customerToken: string;
	body: IDataObject;
	metrics: MetricRequest[];
}

/** The body of one metrics request from one item's fields, with every input mistake explained. */
export function readMetricsRequest(ctx: IExecuteFunctions, itemIndex: number): MetricsRequest {
	const token = customerToken(ctx, itemIndex);
	try {
		const customerIntegration = String(ctx.getNodeParameter('customerIntegration', itemIndex, '')).trim();
		if (customerIntegration === '') throw new MetricsInputError('The Customer Integration ID is empty');
		const start = isoDate(ctx.getNodeParameter('start', itemIndex, ''), 'Start');
		const end = isoDate(ctx.getNodeParameter('end', itemIndex, ''), 'End');
		if (start > end) throw new MetricsInputError(`Start (${start}) is after End (${end})`);
		const comparison = ctx.getNodeParameter('comparison', itemIndex, {}) as IDataObject;
		const hasStart = !!comparison.comparisonStart;
		const hasEnd = !!comparison.comparisonEnd;
		if (hasStart !== hasEnd) throw new MetricsInputError('Set both Comparison Start and Comparison End, or neither');
		const mode = ctx.getNodeParameter('metricsInput', itemIndex, 'json') as string;
		const metrics =
			mode === 'fields'
				? metricsFromFields(((ctx.getNodeParameter('metricsUi', itemIndex, {}) as IDataObject).metric ?? []) as IDataObject[])
				: metricsFromJson(ctx.getNodeParameter('metricsJson', itemIndex, ''));
		const body: IDataObject = { customer_integration: customerIntegration, start, end, metrics };
		if (hasStart) {
			body.comparison_start = isoDate(comparison.comparisonStart, 'Comparison Start');
			body.comparison_end = isoDate(comparison.comparisonEnd, 'Comparison End');
		}
		return { customerToken: token, body, metrics };
	} catch (error) {
		if (!(error instanceof MetricsInputError)) {
			throw inputError(ctx.getNode(), (error as Error).message, 'Check the metrics fields of this node.', itemIndex);
		}
		throw inputError(
			ctx.getNode(),
			error.message,
			`Each metric needs reference_key, component (${REPORTEI.components.join(', ')}) and metrics; copy them from a Reportei dashboard (code button with "Format for Connect") or the Connect Explorer.`,
			itemIndex,
		);
	}
}
