import type { IDataObject } from 'n8n-workflow';

import { TRUST } from './transport';

/**
 * Trust's campaign statistics of one company, read as the documents describe them
 * (https://docs.trust.lat/docs/api/campaigns/endpoints/read_statistics_by_company_id, docs/trust.md,
 * "Statistics output"): `total`, `sended`, `pending`, `fails`, `campaign`, and `actions` with
 * `RECEIVED`, `PRESS_ACTION`, `CLOSED` and `UNKNOWN`.
 */

/** A Trust counter: a number or a numeric string; null when the answer does not carry it (or it is no number). */
export function counter(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/**
 * `part / whole` rounded to 4 decimals. Null when there is nothing to divide by, when either count
 * is missing, and when the part exceeds the whole: then Trust's counts contradict each other (the
 * documented "Found" answer has 4 pressed notifications out of 0 sent) and no share can be told.
 */
export function rate(part: number | null, whole: number | null): number | null {
	if (part === null || whole === null || !(whole > 0) || part < 0 || part > whole) return null;
	return Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * How the `actions` counters relate, which the documents leave open:
 * - `exclusive`: every sent notification is counted once, in the state it is in now. RECEIVED is
 *   "received, not known to be seen", PRESS_ACTION and CLOSED are seen ones; delivered notifications
 *   are RECEIVED + PRESS_ACTION + CLOSED. This is the reading the documents support: the page calls
 *   RECEIVED a state ("este estado no confirma si el mensaje fue visto o no"), and its "Found"
 *   answer has PRESS_ACTION 4 with RECEIVED 0, which no other reading allows.
 * - `inclusive`: RECEIVED counts every delivered notification, pressed and closed ones included.
 */
export type CountersReading = 'exclusive' | 'inclusive';

/** What the node is told to do with the counters: detect the reading from the numbers, or use one. */
export type CountersSetting = 'detect' | CountersReading;

/**
 * The reading a set of counters allows. RECEIVED below PRESS_ACTION + CLOSED rules out the
 * inclusive reading (a pressed or closed notification was received first); RECEIVED within what was
 * sent while RECEIVED + PRESS_ACTION + CLOSED is beyond it rules out the exclusive one. Otherwise
 * both fit and the documented (exclusive) reading is used.
 */
export function detectReading(received: number, pressed: number, closed: number, sent: number | null): CountersReading {
	if (received < pressed + closed) return 'exclusive';
	if (sent !== null && received <= sent && received + pressed + closed > sent) return 'inclusive';
	return 'exclusive';
}

export interface StatisticsCounts {
	total: number | null;
	sent: number | null;
	pending: number | null;
	failed: number | null;
	received: number | null;
	pressed: number | null;
	closed: number | null;
	unknown: number | null;
	campaign: number | null;
}

/** The counters of one answer's `data`, null where the answer does not carry them. */
export function countsOf(data: IDataObject): StatisticsCounts {
	const actions = (data.actions && typeof data.actions === 'object' && !Array.isArray(data.actions) ? data.actions : {}) as IDataObject;
	return {
		total: counter(data.total),
		sent: counter(data.sended),
		pending: counter(data.pending),
		failed: counter(data.fails),
		received: counter(actions.RECEIVED),
		pressed: counter(actions.PRESS_ACTION),
		closed: counter(actions.CLOSED),
		unknown: counter(actions.UNKNOWN),
		campaign: counter(data.campaign),
	};
}

/**
 * Delivered notifications (those that reached the device and were shown or not) under the reading
 * used, and that reading; null when the answer carries none of RECEIVED, PRESS_ACTION and CLOSED. A
 * counter the answer lacks adds nothing: both documented answers lack CLOSED.
 */
export function delivered(counts: StatisticsCounts, setting: CountersSetting = 'detect'): { delivered: number | null; reading: CountersReading | null } {
	if (counts.received === null && counts.pressed === null && counts.closed === null) return { delivered: null, reading: null };
	const received = counts.received ?? 0;
	const pressed = counts.pressed ?? 0;
	const closed = counts.closed ?? 0;
	const reading = setting === 'detect' ? detectReading(received, pressed, closed, counts.sent) : setting;
	return { delivered: reading === 'exclusive' ? received + pressed + closed : received, reading };
}

/** The window a statistics item covers: Trust's default, or a range of whole days. */
export interface StatisticsWindow {
	range?: { from: string; until: string };
	/** Whether Trust applied the range: true, false, or null when no range was asked or it could not be told. */
	rangeApplied: boolean | null;
}

/**
 * What labels an item: the window its numbers cover. A range Trust did not apply is not named: the
 * numbers are its last 7 days, and `range_applied: false` says so.
 */
export function windowLabels(window: StatisticsWindow): IDataObject {
	const range = window.rangeApplied === false ? undefined : window.range;
	return {
		period: range ? 'range' : `last_${TRUST.defaultStatisticsDays}_days`,
		from_date: range?.from ?? null,
		until_date: range?.until ?? null,
		range_applied: window.rangeApplied,
	};
}

/**
 * One flat item a dashboard can chart directly: Trust's counters under plain names (null when the
 * answer lacks one), `delivered` under the reading in `counters_reading`, and
 * - `delivery_rate` = delivered / sended (sent notifications that reached the device),
 * - `press_rate` = PRESS_ACTION / delivered (delivered notifications whose action button was pressed),
 * - `close_rate` = CLOSED / delivered (delivered notifications closed without the action),
 * - `failure_rate` = fails / total (scheduled notifications that could not be sent),
 * each between 0 and 1 (4 decimals), or null (see `rate`).
 */
export function simplifyStatistics(
	data: IDataObject,
	companyId: string,
	window: StatisticsWindow = { rangeApplied: null },
	setting: CountersSetting = 'detect',
): IDataObject {
	const counts = countsOf(data);
	const { delivered: reached, reading } = delivered(counts, setting);
	return {
		company_id: companyId,
		...windowLabels(window),
		campaign: counts.campaign,
		total: counts.total,
		sent: counts.sent,
		pending: counts.pending,
		failed: counts.failed,
		delivered: reached,
		received: counts.received,
		pressed: counts.pressed,
		closed: counts.closed,
		unknown: counts.unknown,
		delivery_rate: rate(reached, counts.sent),
		press_rate: rate(counts.pressed, reached),
		close_rate: rate(counts.closed, reached),
		failure_rate: rate(counts.failed, counts.total),
		counters_reading: reading,
	};
}

/** Whether two answers carry the same counters (the whole `data`, key order aside). */
export function sameStatistics(a: IDataObject, b: IDataObject): boolean {
	return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject).sort(([a], [b]) => a.localeCompare(b));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	const n = counter(value);
	return n === null ? JSON.stringify(value ?? null) : String(n);
}

/** Whether every counter of an answer is 0 or missing: an empty window, which tells nothing apart. */
export function emptyStatistics(data: IDataObject): boolean {
	return Object.values(countsOf(data)).every((n) => !n);
}
