import { createHmac, randomUUID, timingSafeEqual } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { REPORTEI, type Component } from './transport';

/**
 * One widget of a metrics request (metrics.md): `id` keys the answer, `reference_key` names the
 * widget (e.g. `ig:followers_gender`), `component` its shape.
 */
export interface MetricRequest extends IDataObject {
	id: string;
	reference_key: string;
	component: string;
	metrics: string[];
}

export class MetricsInputError extends Error {}

function stringList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '') as string[];
	if (typeof value === 'string') {
		return value
			.split(',')
			.map((v) => v.trim())
			.filter((v) => v !== '');
	}
	return [];
}

function checkMetric(metric: IDataObject, position: number): MetricRequest {
	const where = `metric ${position + 1}`;
	const referenceKey = typeof metric.reference_key === 'string' ? metric.reference_key.trim() : '';
	if (!referenceKey) throw new MetricsInputError(`The ${where} has no reference_key (for example "ig:followers_gender")`);
	const component = typeof metric.component === 'string' ? metric.component.trim() : '';
	if (!(REPORTEI.components as readonly string[]).includes(component)) {
		throw new MetricsInputError(
			`The ${where} (${referenceKey}) has component "${component}"; Connect accepts ${REPORTEI.components.join(', ')}`,
		);
	}
	const metrics = Array.isArray(metric.metrics) ? metric.metrics : stringList(metric.metrics);
	if (metrics.length === 0) throw new MetricsInputError(`The ${where} (${referenceKey}) lists no metrics`);
	const id = metric.id === undefined || metric.id === null || String(metric.id).trim() === '' ? randomUUID() : String(metric.id);
	return { ...metric, id, reference_key: referenceKey, component, metrics } as MetricRequest;
}

function uniqueIds(metrics: MetricRequest[]): MetricRequest[] {
	const seen = new Set<string>();
	for (const metric of metrics) {
		if (seen.has(metric.id)) throw new MetricsInputError(`Two metrics share the id "${metric.id}"; each id keys one answer`);
		seen.add(metric.id);
	}
	return metrics;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

/**
 * Metrics as pasted from a Reportei dashboard ("</>" with "Format for Connect") or the Connect
 * Explorer: `{"metrics":[...]}` or a bare array. Predefined payloads carry no `id`
 * (payloads/<slug>/metrics.json), so missing ids are generated.
 */
export function metricsFromJson(input: unknown): MetricRequest[] {
	let value = input;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') throw new MetricsInputError('The Metrics (JSON) field is empty');
		const parsed = parseJson(text);
		if (!parsed.ok) throw new MetricsInputError(`The Metrics (JSON) field is not valid JSON: ${parsed.message}`);
		value = parsed.value;
	}
	const list = Array.isArray(value) ? value : (value as IDataObject | undefined)?.metrics;
	if (!Array.isArray(list) || list.length === 0) {
		throw new MetricsInputError('The Metrics (JSON) field must be {"metrics":[...]} or an array of metrics, with at least one metric');
	}
	return uniqueIds(
		list.map((m, i) => {
			if (!m || typeof m !== 'object' || Array.isArray(m)) throw new MetricsInputError(`The metric ${i + 1} is not an object`);
			return checkMetric(m as IDataObject, i);
		}),
	);
}

/** Metrics built field by field in the node's fixed collection. */
export function metricsFromFields(entries: IDataObject[]): MetricRequest[] {
	if (entries.length === 0) throw new MetricsInputError('Add at least one metric');
	return uniqueIds(
		entries.map((entry, i) => {
			const metric: IDataObject = {
				id: entry.id,
				reference_key: entry.referenceKey,
				component: entry.component,
				metrics: stringList(entry.metrics),
			};
			const dimensions = stringList(entry.dimensions);
			if (dimensions.length) metric.dimensions = dimensions;
			if (typeof entry.entityId === 'string' && entry.entityId.trim() !== '') {
				metric.entity_id = entry.entityId.trim();
				if (entry.entityType) metric.entity_type = entry.entityType;
			}
			return checkMetric(metric, i);
		}),
	);
}

/** An ISO 8601 date (Connect's examples send `YYYY-MM-DD`) from a date field or expression. */
export function isoDate(value: unknown, field: string): string {
	const raw =
		value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function'
			? (value as { toISODate: () => string }).toISODate()
			: value instanceof Date
				? value.toISOString()
				: String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
	if (!match || Number.isNaN(Date.parse(match[1]))) {
		throw new MetricsInputError(`${field} must be a date such as 2024-01-31 (got "${raw}")`);
	}
	return match[1];
}

// ---------------------------------------------------------------------------------------------
// Output

export type OutputMode = 'keyed' | 'perMetric';
export type ChartFormat = 'rows' | 'series';

export interface OutputOptions {
	output: OutputMode;
	chartFormat: ChartFormat;
}

/** The Output options, shared by Get Data and the trigger. */
export function outputProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'keyed',
			options: [
				{
					name: 'One Item Keyed by Metric ID',
					value: 'keyed',
					description: "Reportei's answer as it is: one item whose keys are the metric IDs",
				},
				{
					name: 'One Item per Metric (Flattened)',
					value: 'perMetric',
					description:
						'Numbers become value/comparison fields, charts become label/value rows, tables become one item per row',
				},
			],
		},
		{
			displayName: 'Chart Format',
			name: 'chartFormat',
			type: 'options',
			default: 'rows',
			options: [
				{ name: 'One Item per Label', value: 'rows', description: 'One item per label and series: label, value' },
				{ name: 'One Item with Labels and Series', value: 'series', description: 'One item per chart: labels, series' },
			],
			description: 'How chart_v1 metrics are flattened',
			displayOptions: { show: { output: ['perMetric'] } },
		},
	];
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The component of one answer: the requested one when known, else read from its shape (the
 * callback carries no request): `labels` → chart, numeric `values` → number, rows → table.
 */
export function componentOf(result: unknown, requested?: string): Component | undefined {
	if (requested && (REPORTEI.components as readonly string[]).includes(requested)) return requested as Component;
	if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
	const r = result as IDataObject;
	if (Array.isArray(r.labels)) return 'chart_v1';
	if (num(r.values) !== undefined) return 'number_v1';
	if (Array.isArray(r.values) && r.values.every((row) => Array.isArray(row))) return 'datatable_v1';
	return undefined;
}

function seriesName(series: IDataObject, index: number): string | number {
	for (const key of ['name', 'label', 'metric']) {
		if (typeof series[key] === 'string' && series[key] !== '') return series[key] as string;
	}
	return index;
}

function columnNames(width: number, request?: MetricRequest): string[] {
	const named = request ? [...stringList(request.dimensions), ...request.metrics] : [];
	if (named.length === width && new Set(named).size === width) return named;
	return Array.from({ length: width }, (_, i) => `column_${i + 1}`);
}

/**
 * One metric's answer as items (docs/reportei.md "Flattened output"):
 * number_v1 → one item {value, comparison_value, difference, absoluteDifference};
 * chart_v1 → one item per (series, label) {series, label, value}, or one item {labels, series};
 * datatable_v1 → one item per row, columns named after dimensions then metrics when they match
 * the row width, else column_1..n, plus `row` (1-based) and the raw `values`.
 */
export function flattenMetric(
	id: string,
	result: unknown,
	chartFormat: ChartFormat,
	request?: MetricRequest,
): IDataObject[] {
	const component = componentOf(result, request?.component);
	const head: IDataObject = { metric_id: id };
	if (request) head.reference_key = request.reference_key;
	head.component = component ?? null;
	const r = (result && typeof result === 'object' && !Array.isArray(result) ? result : {}) as IDataObject;
	if (r.error !== undefined || r.message !== undefined) {
		if (r.values === undefined && r.labels === undefined) return [{ ...head, error: (r.error ?? r.message) as IDataObject }];
	}
	if (component === 'number_v1') {
		const comparison = (r.comparison ?? {}) as IDataObject;
		return [
			{
				...head,
				value: num(r.values) ?? (r.values as IDataObject) ?? null,
				comparison_value: num(comparison.values) ?? (comparison.values as IDataObject) ?? null,
				difference: num(comparison.difference) ?? (comparison.difference as IDataObject) ?? null,
				absoluteDifference: num(comparison.absoluteDifference) ?? (comparison.absoluteDifference as IDataObject) ?? null,
			},
		];
	}
	if (component === 'chart_v1') {
		const labels = Array.isArray(r.labels) ? (r.labels as unknown[]) : [];
		const series = (Array.isArray(r.values) ? r.values : []).map((s, index) => {
			const entry = (s && typeof s === 'object' && !Array.isArray(s) ? s : { data: s }) as IDataObject;
			return { name: seriesName(entry, index), data: Array.isArray(entry.data) ? (entry.data as unknown[]) : [] };
		});
		if (chartFormat === 'series') return [{ ...head, labels: labels as IDataObject[], series: series as IDataObject[] }];
		const rows: IDataObject[] = [];
		for (const s of series) {
			labels.forEach((label, i) => {
				rows.push({ ...head, series: s.name, label: label as string, value: (s.data[i] ?? null) as number });
			});
		}
		return rows.length ? rows : [{ ...head, labels: [], series: [] }];
	}
	if (component === 'datatable_v1') {
		const rows = Array.isArray(r.values) ? (r.values as unknown[]) : [];
		if (rows.length === 0) return [{ ...head, rows: 0 }];
		return rows.map((row, index) => {
			const cells = Array.isArray(row) ? row : [row];
			const names = columnNames(cells.length, request);
			const item: IDataObject = { ...head, row: index + 1 };
			names.forEach((name, i) => {
				item[name] = cells[i] as IDataObject;
			});
			item.values = cells as IDataObject[];
			return item;
		});
	}
	return [{ ...head, data: (result ?? null) as IDataObject }];
}

/** Connect's answer (an object keyed by metric id) as output items in the chosen mode. */
export function metricsOutput(
	answer: IDataObject,
	options: OutputOptions,
	requested: MetricRequest[] = [],
	extra: IDataObject = {},
): IDataObject[] {
	if (options.output !== 'perMetric') return [{ ...extra, ...answer }];
	const byId = new Map(requested.map((m) => [m.id, m]));
	const ids = requested.length ? [...requested.map((m) => m.id), ...Object.keys(answer).filter((k) => !byId.has(k))] : Object.keys(answer);
	const items: IDataObject[] = [];
	for (const id of ids) {
		if (!(id in answer)) {
			items.push({ ...extra, metric_id: id, reference_key: byId.get(id)?.reference_key, component: byId.get(id)?.component, error: 'Reportei sent no data for this metric' });
			continue;
		}
		for (const item of flattenMetric(id, answer[id], options.chartFormat, byId.get(id))) items.push({ ...extra, ...item });
	}
	return items;
}

// ---------------------------------------------------------------------------------------------
// Callback correlation

/**
 * Reportei signs nothing it POSTs to `metrics_webhook_url` (research/providers.md section 4,
 * "Webhooks"; open question 5). Get Data Async therefore adds `n8n_request=<id>.<issued>.<mac>` to
 * the callback URL: `id` a random UUID, `issued` the issue time (ms, base 36) and `mac` an
 * HMAC-SHA256 of both keyed by the merchant token, which the trigger's credential also holds. Only
 * someone with the merchant token can mint a token the trigger accepts.
 */
export const CALLBACK_PARAMETER = 'n8n_request';

const MAC_CONTEXT = 'reportei-connect-callback.v1';

function mac(secret: string, requestId: string, issued: string): string {
	return createHmac('sha256', secret).update(`${MAC_CONTEXT}.${requestId}.${issued}`).digest('base64url');
}

export function signCallbackToken(secret: string, requestId: string = randomUUID(), issuedAt = Date.now()): string {
	const issued = issuedAt.toString(36);
	return `${requestId}.${issued}.${mac(secret, requestId, issued)}`;
}

export type TokenCheck =
	| { ok: true; requestId: string; issuedAt: number }
	| { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'expired' };

export function verifyCallbackToken(secret: string, token: unknown, maxAgeMs: number, now = Date.now()): TokenCheck {
	if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
	const parts = token.split('.');
	if (parts.length !== 3 || !/^[0-9a-f-]{36}$/i.test(parts[0]) || !/^[0-9a-z]{1,12}$/.test(parts[1])) {
		return { ok: false, reason: 'malformed' };
	}
	const [requestId, issued, actual] = parts;
	const expected = Buffer.from(mac(secret, requestId, issued));
	const given = Buffer.from(actual);
	if (!secret || expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
	const issuedAt = parseInt(issued, 36);
	if (!Number.isFinite(issuedAt) || issuedAt - now > 5 * 60_000 || now - issuedAt > maxAgeMs) return { ok: false, reason: 'expired' };
	return { ok: true, requestId, issuedAt };
}

/** The callback URL with the correlation token added (existing query parameters are kept). */
export function callbackUrlWithToken(callbackUrl: string, token: string): string {
	const url = new URL(callbackUrl);
	url.searchParams.set(CALLBACK_PARAMETER, token);
	return url.toString();
}
