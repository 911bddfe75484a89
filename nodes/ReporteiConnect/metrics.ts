import { createHmac, randomUUID, timingSafeEqual } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../shared/fields';
import { REPORTEI } from './transport';

export type Component = (typeof REPORTEI.components)[number];

/**
 * One widget of a metrics request: `id` keys the answer, `reference_key` names the widget (e.g.
 * `ig:followers_gender`), `component` its shape
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md).
 */
export interface MetricRequest extends IDataObject {
	id: string;
	reference_key: string;
	component: string;
	metrics: IDataObject[] | string[];
}

/**
 * The id of each metric must be a UUID: two public clients say so, and the answer comes back
 * under that id (docs/reportei.md, "Sources and assumptions").
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `number_v1`, `iconsList_v1`...: the documented components, the payloads' and later ones alike. */
const COMPONENT = /^[A-Za-z][A-Za-z0-9]*_v\d+$/;

/** How to fix any mistake in the metrics of a request. */
const METRICS_FIX = `Each metric needs reference_key, component (such as ${REPORTEI.components.join(', ')}) and metrics; copy them from a Reportei dashboard (code button with "Format for Connect") or the Connect Explorer.`;

/** A mistake in the metrics of a request, with the common fix. */
function metricsMistake(message: string, fix = METRICS_FIX): InputError {
	return new InputError(message, fix);
}

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

function checkMetric(metric: IDataObject, position: number, fromFields: boolean): MetricRequest {
	const where = `metric ${position + 1}`;
	const referenceKey = typeof metric.reference_key === 'string' ? metric.reference_key.trim() : '';
	if (!referenceKey) throw metricsMistake(`The ${where} has no reference_key (for example "ig:followers_gender")`);
	const component = typeof metric.component === 'string' ? metric.component.trim() : '';
	if (!COMPONENT.test(component)) {
		throw metricsMistake(
			component === ''
				? `The ${where} (${referenceKey}) has no component`
				: `The ${where} (${referenceKey}) has component "${component}", which is not a Connect component`,
		);
	}
	// Predefined payloads send `"metrics": []` for containers and some charts
	// (https://github.com/reportei/connect-docs/tree/3151871/payloads): an empty list is passed on.
	const metrics = Array.isArray(metric.metrics) ? (metric.metrics as string[]) : stringList(metric.metrics);
	if (metric.metrics === undefined || (fromFields && metrics.length === 0) || (!Array.isArray(metric.metrics) && metrics.length === 0)) {
		throw metricsMistake(`The ${where} (${referenceKey}) lists no metrics`);
	}
	const given = metric.id === undefined || metric.id === null ? '' : String(metric.id).trim();
	if (given !== '' && !UUID.test(given)) {
		throw metricsMistake(
			`The ${where} (${referenceKey}) has the id "${given}", which is not a UUID`,
			`Connect needs a UUID as each metric's id and answers under that id. Remove the id to have one generated, or enter a UUID such as ${randomUUID()}; in the output, find each metric by its reference_key.`,
		);
	}
	return { ...metric, id: given === '' ? randomUUID() : given, reference_key: referenceKey, component, metrics } as MetricRequest;
}

function uniqueIds(metrics: MetricRequest[]): MetricRequest[] {
	const seen = new Set<string>();
	for (const metric of metrics) {
		if (seen.has(metric.id.toLowerCase())) throw metricsMistake(`Two metrics share the id "${metric.id}"; each id keys one answer`);
		seen.add(metric.id.toLowerCase());
	}
	return metrics;
}

/**
 * JSON with the commas before a closing `]` or `}` removed (outside strings): the metrics example
 * of https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md has one.
 */
export function withoutTrailingCommas(text: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			out += c;
			if (c === '\\') {
				out += text[i + 1] ?? '';
				i++;
			} else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		if (c === ',') {
			let j = i + 1;
			while (j < text.length && /\s/.test(text[j])) j++;
			if (text[j] === ']' || text[j] === '}') continue;
		}
		out += c;
	}
	return out;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		try {
			return { ok: true, value: JSON.parse(withoutTrailingCommas(text)) as unknown };
		} catch {
			return { ok: false, message: (error as Error).message };
		}
	}
}

/**
 * Metrics as pasted from a Reportei dashboard ("</>" with "Format for Connect"), the Connect
 * Explorer or a predefined payload: `{"metrics":[...]}`, `{"widgets":[...]}` (the facebook_ads and
 * nuvem_shop payloads) or a bare array. Predefined payloads carry no `id`
 * (https://github.com/reportei/connect-docs/tree/3151871/payloads), so missing ids are generated.
 */
export function metricsFromJson(input: unknown): MetricRequest[] {
	let value = input;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') throw metricsMistake('The Metrics (JSON) field is empty');
		const parsed = parseJson(text);
		if (!parsed.ok) throw metricsMistake(`The Metrics (JSON) field is not valid JSON: ${parsed.message}`);
		value = parsed.value;
	}
	const wrapped = (value ?? {}) as IDataObject;
	const list = Array.isArray(value) ? value : Array.isArray(wrapped.metrics) ? wrapped.metrics : wrapped.widgets;
	if (!Array.isArray(list) || list.length === 0) {
		throw metricsMistake('The Metrics (JSON) field must be {"metrics":[...]} or an array of metrics, with at least one metric');
	}
	return uniqueIds(
		list.map((m, i) => {
			if (!m || typeof m !== 'object' || Array.isArray(m)) throw metricsMistake(`The metric ${i + 1} is not an object`);
			return checkMetric(m as IDataObject, i, false);
		}),
	);
}

/** Metrics built field by field in the node's fixed collection. */
export function metricsFromFields(entries: IDataObject[]): MetricRequest[] {
	if (entries.length === 0) throw metricsMistake('Add at least one metric');
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
			return checkMetric(metric, i, true);
		}),
	);
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
			description: 'How the metrics come out of the node',
			options: [
				{
					name: 'One Item Keyed by Metric ID',
					value: 'keyed',
					description:
						"Reportei's answer as it is: one item whose keys are the metric IDs, plus metric_errors when a metric came back without data",
				},
				{
					name: 'One Item per Metric (Flattened)',
					value: 'perMetric',
					description:
						'Numbers become value/comparison fields, charts become label/value rows, tables become one item per row; a metric without data becomes an item with its error or warning',
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

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Whether a value looks like one metric's answer (data, or a per-metric failure). */
function looksLikeResult(value: unknown): boolean {
	return isObject(value) && ['values', 'labels', 'message', 'warning', 'comparison'].some((key) => key in value);
}

/**
 * The results of a get-data answer (or callback), keyed by metric id. connect-docs shows them at
 * the top level; a client typed from Connect's OpenAPI reads them under `data`
 * (docs/reportei.md, "Sources and assumptions"): both are read. With the requested ids known, the
 * side that holds more of them wins; without (the callback), `data` is unwrapped when nothing
 * beside it looks like a metric's answer.
 */
export function metricResults(answer: unknown, requestedIds: string[] = []): IDataObject {
	const body = isObject(answer) ? answer : {};
	const data = body.data;
	if (!isObject(data)) return body;
	if (requestedIds.length) {
		const top = requestedIds.filter((id) => id in body).length;
		const inside = requestedIds.filter((id) => id in data).length;
		if (inside !== top) return inside > top ? data : body;
	}
	const beside = Object.keys(body).filter((key) => key !== 'data');
	return beside.some((key) => looksLikeResult(body[key])) ? body : data;
}

/** What went wrong with one metric inside a 200: `{message, type}`, `{warning}`, `{error}`. */
export interface MetricProblem extends IDataObject {
	metric_id: string;
}

/**
 * A metric that came back without its data. Public clients see a single metric fail as
 * `{message, type}`, or answer `{warning}` with no values, while the request stays 200 and the
 * other metrics answer normally (docs/reportei.md, "Sources and assumptions").
 */
export function metricProblem(id: string, result: unknown, request?: MetricRequest): MetricProblem | undefined {
	const head: MetricProblem = { metric_id: id, ...(request ? { reference_key: request.reference_key } : {}) };
	if (result === undefined) return { ...head, error: 'Reportei sent no data for this metric' };
	if (!isObject(result)) return undefined;
	const hasData = result.values !== undefined || result.labels !== undefined;
	const error = typeof result.error === 'string' ? result.error : isObject(result.error) ? result.error.message : undefined;
	const message = typeof result.message === 'string' ? result.message : error;
	if (!hasData && typeof message === 'string') {
		return { ...head, error: message, ...(result.type !== undefined ? { error_type: result.type as string } : {}) };
	}
	if (typeof result.warning === 'string' || (result.warning !== undefined && result.warning !== null && result.warning !== false)) {
		return { ...head, warning: typeof result.warning === 'string' ? result.warning : JSON.stringify(result.warning), ...(hasData ? {} : { no_data: true }) };
	}
	return undefined;
}

/**
 * The component of one answer: the requested one when known, else read from its shape (the
 * callback carries no request): `labels` → chart, numeric `values` → number, rows → table.
 */
export function componentOf(result: unknown, requested?: string): string | undefined {
	if (requested && COMPONENT.test(requested)) return requested;
	if (!isObject(result)) return undefined;
	if (Array.isArray(result.labels)) return 'chart_v1';
	if (num(result.values) !== undefined) return 'number_v1';
	if (Array.isArray(result.values) && result.values.every((row) => Array.isArray(row))) return 'datatable_v1';
	return undefined;
}

function seriesName(series: IDataObject, index: number): string | number {
	for (const key of ['name', 'label', 'metric']) {
		if (typeof series[key] === 'string' && series[key] !== '') return series[key] as string;
	}
	return index;
}

function columnNames(width: number, request?: MetricRequest): string[] {
	const dimensions = Array.isArray(request?.dimensions) ? (request.dimensions as unknown[]) : [];
	const metrics = Array.isArray(request?.metrics) ? (request.metrics as unknown[]) : [];
	const named = [...dimensions, ...metrics];
	// Object dimensions ({field, operator, value}) filter rather than name a column.
	if (named.length === width && named.every((n) => typeof n === 'string' && n !== '') && new Set(named).size === width) return named as string[];
	return Array.from({ length: width }, (_, i) => `column_${i + 1}`);
}

/**
 * One metric's answer as items (docs/reportei.md, "Metrics output"):
 * number_v1 → one item {value, comparison_value, difference, absoluteDifference};
 * chart_v1 → one item per (series, label) {series, label, value}, or one item {labels, series};
 * datatable_v1 → one item per row, columns named after dimensions then metrics when they match
 * the row width, else column_1..n, plus `row` (1-based) and the raw `values`;
 * a metric without data → one item with `error` (and `error_type`) or `warning`.
 */
export function flattenMetric(id: string, result: unknown, chartFormat: ChartFormat, request?: MetricRequest): IDataObject[] {
	const component = componentOf(result, request?.component);
	const head: IDataObject = { metric_id: id };
	if (request) head.reference_key = request.reference_key;
	head.component = component ?? null;
	const problem = metricProblem(id, result, request);
	if (problem && (problem.error !== undefined || problem.no_data)) {
		const said: IDataObject = { ...problem };
		for (const key of ['metric_id', 'reference_key', 'no_data']) delete said[key];
		return [{ ...head, ...said }];
	}
	const warning = problem?.warning !== undefined ? { warning: problem.warning } : {};
	const r = isObject(result) ? result : {};
	if (component === 'number_v1') {
		const comparison = (r.comparison ?? {}) as IDataObject;
		return [
			{
				...head,
				value: num(r.values) ?? (r.values as IDataObject) ?? null,
				comparison_value: num(comparison.values) ?? (comparison.values as IDataObject) ?? null,
				difference: num(comparison.difference) ?? (comparison.difference as IDataObject) ?? null,
				absoluteDifference: num(comparison.absoluteDifference) ?? (comparison.absoluteDifference as IDataObject) ?? null,
				...warning,
			},
		];
	}
	if (component === 'chart_v1') {
		const labels = Array.isArray(r.labels) ? (r.labels as unknown[]) : [];
		const series = (Array.isArray(r.values) ? r.values : []).map((s, index) => {
			const entry = (isObject(s) ? s : { data: s }) as IDataObject;
			return { name: seriesName(entry, index), data: Array.isArray(entry.data) ? (entry.data as unknown[]) : [] };
		});
		if (chartFormat === 'series') return [{ ...head, labels: labels as IDataObject[], series: series as IDataObject[], ...warning }];
		const rows: IDataObject[] = [];
		for (const s of series) {
			labels.forEach((label, i) => {
				rows.push({ ...head, series: s.name, label: label as string, value: (s.data[i] ?? null) as number, ...warning });
			});
		}
		return rows.length ? rows : [{ ...head, labels: [], series: [], ...warning }];
	}
	if (component === 'datatable_v1' && Array.isArray(r.values)) {
		const rows = r.values as unknown[];
		if (rows.length === 0) return [{ ...head, rows: 0, ...warning }];
		return rows.map((row, index) => {
			const cells = Array.isArray(row) ? row : [row];
			const names = columnNames(cells.length, request);
			const item: IDataObject = { ...head, row: index + 1 };
			names.forEach((name, i) => {
				item[name] = cells[i] as IDataObject;
			});
			item.values = cells as IDataObject[];
			return Object.assign(item, warning);
		});
	}
	return [{ ...head, data: (result ?? null) as IDataObject, ...warning }];
}

export interface MetricsOutput {
	items: IDataObject[];
	/** Metrics that came back without data or with a warning. */
	problems: MetricProblem[];
}

/**
 * Connect's answer (an object keyed by metric id, at the top level or under `data`) as output
 * items in the chosen mode. A metric that failed inside the 200 never fails the item: keyed, the
 * item gets `metric_errors`; flattened, the metric's item carries its `error` or `warning`.
 */
export function metricsOutput(
	answer: IDataObject,
	options: OutputOptions,
	requested: MetricRequest[] = [],
	extra: IDataObject = {},
): MetricsOutput {
	const results = metricResults(answer, requested.map((m) => m.id));
	const byId = new Map(requested.map((m) => [m.id, m]));
	const ids = [...requested.map((m) => m.id), ...Object.keys(results).filter((k) => !byId.has(k))];
	const problems: MetricProblem[] = [];
	for (const id of ids) {
		const problem = metricProblem(id, results[id], byId.get(id));
		if (problem) {
			const said = { ...problem };
			delete said.no_data;
			problems.push(said);
		}
	}
	if (options.output !== 'perMetric') {
		return { items: [{ ...extra, ...results, ...(problems.length ? { metric_errors: problems } : {}) }], problems };
	}
	const items: IDataObject[] = [];
	for (const id of ids) {
		if (!(id in results)) {
			const request = byId.get(id);
			items.push({ ...extra, metric_id: id, reference_key: request?.reference_key, component: request?.component, error: 'Reportei sent no data for this metric' });
			continue;
		}
		for (const item of flattenMetric(id, results[id], options.chartFormat, byId.get(id))) items.push({ ...extra, ...item });
	}
	return { items, problems };
}

/** What an execution hint says about metrics that came back without data. */
export function problemsHint(problems: MetricProblem[], total: number): string {
	const listed = problems
		.slice(0, 5)
		.map((p) => `${String(p.reference_key ?? p.metric_id)}: ${String(p.error ?? p.warning)}`)
		.join('; ');
	const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
	return `${problems.length} of ${total} metrics came back from Reportei without data or with a warning (${listed}${more}). The other metrics are in the output; see metric_errors, or the error and warning fields of the flattened items.`;
}

// ---------------------------------------------------------------------------------------------
// Callback correlation

/**
 * Reportei signs nothing it POSTs to `metrics_webhook_url`: the metrics section documents no
 * signature, retry or correlation id
 * (https://github.com/reportei/connect-docs/blob/3151871/sections/metrics.md). Get Data Async
 * therefore adds `n8n_request=<id>.<issued>.<trigger>.<mac>` to the callback URL: `id` a random
 * UUID, `issued` the issue time (ms, base 36), `trigger` the trigger the URL points at
 * (`callbackTrigger`, base64url) and `mac` an HMAC-SHA256 of the three keyed by the merchant token,
 * which the trigger's credential also holds. Only someone with the merchant token can mint a token
 * the trigger accepts, and a token minted for one trigger's URL is refused by every other trigger,
 * even one of the same credential (docs/reportei.md, "Trigger").
 */
export const CALLBACK_PARAMETER = 'n8n_request';

/** The path of the trigger's webhook, after the webhook ID n8n puts in front of it. */
export const TRIGGER_PATH = 'reportei-metrics';

const MAC_CONTEXT = 'reportei-connect-callback.v2';

/**
 * Tokens of the first version named no trigger (`<id>.<issued>.<mac>`). ASSUMPTION: those signed
 * before an upgrade are still accepted by any trigger of the credential for at most a day (or the
 * trigger's shorter Accept Callbacks For): Reportei calls back minutes after the request, so no
 * pending callback is lost, and after that day no unbound token is accepted anywhere.
 */
const LEGACY_MAC_CONTEXT = 'reportei-connect-callback.v1';
export const LEGACY_MAX_AGE_MS = 24 * 3_600_000;

const WEBHOOK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decoded(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The trigger a callback URL points at, as the token binds it. n8n serves a trigger at
 * `<base>/webhook[-test]/<webhookId>/reportei-metrics` (the node's webhook ID, a UUID every saved
 * trigger has), or, for a node saved without one, `<base>/webhook/<workflowId>/<node name in lower
 * case>/reportei-metrics` (n8n-workflow `getNodeWebhookPath`): the webhook ID, else
 * `<workflowId>/<node name>`. Test and production URLs of one trigger give the same value. A URL
 * that is no trigger's gives `path:<its path>`, which no trigger accepts.
 */
export function callbackTrigger(callbackUrl: string): string {
	const path = new URL(callbackUrl).pathname;
	const segments = path.split('/').filter((s) => s !== '').map(decoded);
	const n = segments.length;
	if (n >= 2 && segments[n - 1] === TRIGGER_PATH) {
		if (WEBHOOK_ID.test(segments[n - 2])) return segments[n - 2].toLowerCase();
		if (n >= 3) return `${segments[n - 3]}/${segments[n - 2].toLowerCase()}`;
	}
	return `path:${path}`;
}

/** What a trigger knows about itself: the webhook ID n8n saved with the node, its workflow and name. */
export interface TriggerIdentity {
	webhookId?: string;
	workflowId?: string;
	nodeName: string;
}

/** Whether a token's trigger is this one (its webhook ID; `<workflowId>/<name>` without one). */
function isTrigger(trigger: string, self: TriggerIdentity): boolean {
	if (self.webhookId) return trigger === self.webhookId.toLowerCase() || trigger.endsWith(`/${self.webhookId.toLowerCase()}`);
	return trigger === `${self.workflowId ?? ''}/${self.nodeName.toLowerCase()}`;
}

function mac(secret: string, ...parts: string[]): string {
	return createHmac('sha256', secret).update(parts.join('.')).digest('base64url');
}

function sameMac(expected: string, actual: string): boolean {
	const a = Buffer.from(expected);
	const b = Buffer.from(actual);
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A token for the trigger `trigger` (`callbackTrigger` of the URL it goes into). */
export function signCallbackToken(secret: string, trigger: string, requestId: string = randomUUID(), issuedAt = Date.now()): string {
	const issued = issuedAt.toString(36);
	const bound = Buffer.from(trigger, 'utf8').toString('base64url');
	return `${requestId}.${issued}.${bound}.${mac(secret, MAC_CONTEXT, requestId, issued, trigger)}`;
}

export type TokenCheck =
	| { ok: true; requestId: string; issuedAt: number; /** false for a token of the first version */ bound: boolean }
	| { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'trigger' };

/** Checks a callback's token against this trigger: signed with `secret`, for this trigger, not too old. */
export function verifyCallbackToken(secret: string, token: unknown, self: TriggerIdentity, maxAgeMs: number, now = Date.now()): TokenCheck {
	if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
	const parts = token.split('.');
	if ((parts.length !== 3 && parts.length !== 4) || !/^[0-9a-f-]{36}$/i.test(parts[0]) || !/^[0-9a-z]{1,12}$/.test(parts[1])) {
		return { ok: false, reason: 'malformed' };
	}
	const [requestId, issued] = parts;
	const bound = parts.length === 4;
	const trigger = bound ? Buffer.from(parts[2], 'base64url').toString('utf8') : undefined;
	const expected = trigger !== undefined ? mac(secret, MAC_CONTEXT, requestId, issued, trigger) : mac(secret, LEGACY_MAC_CONTEXT, requestId, issued);
	if (!secret || !sameMac(expected, parts[parts.length - 1])) return { ok: false, reason: 'signature' };
	if (trigger !== undefined && !isTrigger(trigger, self)) return { ok: false, reason: 'trigger' };
	const issuedAt = parseInt(issued, 36);
	const maxAge = bound ? maxAgeMs : Math.min(maxAgeMs, LEGACY_MAX_AGE_MS);
	if (!Number.isFinite(issuedAt) || issuedAt - now > 5 * 60_000 || now - issuedAt > maxAge) return { ok: false, reason: 'expired' };
	return { ok: true, requestId, issuedAt, bound };
}

/** The callback URL with the correlation token added (existing query parameters are kept). */
export function callbackUrlWithToken(callbackUrl: string, token: string): string {
	const url = new URL(callbackUrl);
	url.searchParams.set(CALLBACK_PARAMETER, token);
	return url.toString();
}
