import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { calendarDay, idList, InputError } from '../../../shared/fields';
import { locatorValue } from '../../../shared/locators';
import type { ItemContext } from '../../../shared/items';
import { metricsFromFields, metricsFromJson, type MetricRequest } from '../../metrics';
import { customerIntegrationLocator, customerToken, customerTokenField } from '../common';

/** The shape of the Metrics (JSON) field, shown as its placeholder (no sample data as a default). */
const JSON_PLACEHOLDER =
	'e.g. {"metrics": [{"reference_key": "ig:followers_count", "component": "number_v1", "metrics": ["followers_count"]}]}';

const COMPONENT_OPTIONS = [
	{ name: 'Chart', value: 'chart_v1', description: 'Labels and one data series per metric (chart_v1)' },
	{ name: 'Container', value: 'container_v1', description: 'A group of widgets, such as campaigns (container_v1; answer not documented)' },
	{ name: 'Data Grid', value: 'datagrid_v1', description: 'A grid of items with many metrics (datagrid_v1; answer not documented)' },
	{ name: 'Icons List', value: 'iconsList_v1', description: 'A list of counts with icons (iconsList_v1; answer not documented)' },
	{ name: 'Number', value: 'number_v1', description: 'One value, with a comparison when asked (number_v1)' },
	{ name: 'Pipeline', value: 'pipeline_v1', description: 'Funnel steps (pipeline_v1; answer not documented)' },
	{ name: 'Table', value: 'datatable_v1', description: 'Rows of dimension and metric values (datatable_v1)' },
	{ name: 'Text', value: 'wysiwyg_v1', description: 'A text block (wysiwyg_v1; answer not documented)' },
];

/** The fields Get Data and Get Data Async share: the request body of https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md */
export const metricsRequestFields: INodeProperties[] = [
	customerTokenField,
	customerIntegrationLocator(
		'customerIntegration',
		"The connected network to read: pick it from the customer's integrations (the list reads the Customer Token above), or enter its uuid. Its status must be active.",
	),
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
		description: 'How the metrics to compute are given',
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
		default: '',
		required: true,
		placeholder: JSON_PLACEHOLDER,
		hint: 'Paste the JSON of a Reportei dashboard ("</>" with "Format for Connect") or of the Connect Explorer. Leave out "id" to have UUIDs generated.',
		description:
			'{"metrics":[...]}, {"widgets":[...]} or a bare array of metrics, each with reference_key, component, metrics and optional dimensions, filters, sort, custom, entity_id, entity_type and ID (a UUID, generated when missing)',
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
						options: COMPONENT_OPTIONS,
						description: 'The shape of the answer',
					},
					{
						displayName: 'Dimensions',
						name: 'dimensions',
						type: 'string',
						default: '',
						placeholder: 'e.g. gender',
						description: 'Comma-separated dimensions to break the metric down by (optional)',
					},
					{
						displayName: 'Entity ID',
						name: 'entityId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 23851234567890123',
						description: 'An ad, campaign or ad set to narrow the metric to (optional)',
					},
					{
						displayName: 'Entity Type',
						name: 'entityType',
						type: 'options',
						default: 'campaign',
						options: [
							{ name: 'Ad', value: 'ad', description: 'Entity ID is an ad' },
							{ name: 'Ad Set', value: 'adset', description: 'Entity ID is an ad set' },
							{ name: 'Campaign', value: 'campaign', description: 'Entity ID is a campaign' },
						],
						description: 'What Entity ID names (sent only with an Entity ID)',
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						placeholder: 'e.g. f35a44ce-dac5-4188-aace-5c44a8952176',
						description: 'The UUID this metric is answered under (Connect needs a UUID; one is generated when empty)',
					},
					{
						displayName: 'Metrics',
						name: 'metrics',
						type: 'string',
						default: '',
						placeholder: 'e.g. followers',
						description: 'Comma-separated metric names, as the widget names them',
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
			{
				displayName: 'Client Time Zone',
				name: 'clientTimezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. America/Sao_Paulo',
				description: 'The IANA time zone the days of the period are counted in (sent as client_timezone)',
			},
			{
				displayName: 'Other Integration Names or IDs',
				name: 'customerIntegrationIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getCustomerIntegrations' },
				default: [],
				description:
					'Other integrations of the same customer to read together with the one above (sent as customer_integration_uuids). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export interface MetricsRequest {
	customerToken: string;
	body: IDataObject;
	metrics: MetricRequest[];
}

/**
 * The body of one metrics request from one item's fields. ASSUMPTION: Connect takes a bare day
 * for its "ISO 8601" dates, as every example of the metrics section sends.
 */
export function readMetricsRequest(item: ItemContext): MetricsRequest {
	const { n8n, itemIndex } = item;
	const token = customerToken(item);
	const customerIntegration = locatorValue(item, 'customerIntegration', 'Customer Integration');
	const start = calendarDay(n8n.getNodeParameter('start', itemIndex, ''), 'Start');
	const end = calendarDay(n8n.getNodeParameter('end', itemIndex, ''), 'End');
	if (start > end) throw new InputError(`Start (${start}) is after End (${end})`, 'Set Start to a day on or before End.');
	const options = n8n.getNodeParameter('comparison', itemIndex, {}) as IDataObject;
	const hasStart = !!options.comparisonStart;
	const hasEnd = !!options.comparisonEnd;
	if (hasStart !== hasEnd) {
		throw new InputError(
			'Set both Comparison Start and Comparison End, or neither',
			'A comparison period needs its first and its last day: fill in both under Options, or remove both.',
		);
	}
	const mode = n8n.getNodeParameter('metricsInput', itemIndex, 'json') as string;
	const metrics =
		mode === 'fields'
			? metricsFromFields(((n8n.getNodeParameter('metricsUi', itemIndex, {}) as IDataObject).metric ?? []) as IDataObject[])
			: metricsFromJson(n8n.getNodeParameter('metricsJson', itemIndex, ''));
	const body: IDataObject = { customer_integration: customerIntegration, start, end, metrics };
	if (hasStart) {
		body.comparison_start = calendarDay(options.comparisonStart, 'Comparison Start');
		body.comparison_end = calendarDay(options.comparisonEnd, 'Comparison End');
	}
	const timezone = String(options.clientTimezone ?? '').trim();
	if (timezone) body.client_timezone = timezone;
	// Public clients send customer_integration_uuids[] instead of customer_integration (one of the
	// two is required). ASSUMPTION: with several integrations Connect reads them together, and the
	// two fields are alternatives, so only the list is sent then.
	const more = idList(options.customerIntegrationIds).map(String).filter((id) => id !== customerIntegration);
	if (more.length) {
		delete body.customer_integration;
		body.customer_integration_uuids = [customerIntegration, ...new Set(more)];
	}
	return { customerToken: token, body, metrics };
}
