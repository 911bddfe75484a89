import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { pathSegment } from '../../../shared/http';
import type { OperationResult } from '../../../shared/items';
import { companyIdFor, statisticsDay, TRUST, trustRequest, unwrap } from '../../transport';
import { companyIdField } from '../common';

const show = { resource: ['statistics'], operation: ['get'] };

const properties: INodeProperties[] = [
	companyIdField(
		{},
		'ID of the company whose campaign statistics to get (one company per input item). Leave empty to use the Default Company ID of the Trust API credential.',
	),
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		options: [
			{ name: 'Last 7 Days', value: 'last7Days', description: "Trust's default window" },
			{ name: 'Date Range', value: 'range', description: 'From one day to another, both included (UTC)' },
		],
		default: 'last7Days',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'First day of the range (only the date part is used)',
		displayOptions: { show: { period: ['range'] } },
	},
	{
		displayName: 'Until Date',
		name: 'untilDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the range, included (only the date part is used)',
		displayOptions: { show: { period: ['range'] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one flat item with the counts and the delivery and press rates instead of the raw statistics',
	},
];

export const description = updateDisplayOptions({ show }, properties);

function count(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** `part / whole` rounded to 4 decimals; null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
	if (!(whole > 0)) return null;
	return Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * One flat item a dashboard can chart directly: Trust's counts under plain names, and
 * - `delivery_rate` = RECEIVED / sended (sent notifications that reached the device),
 * - `press_rate` = PRESS_ACTION / RECEIVED (received notifications whose action button was pressed),
 * - `close_rate` = CLOSED / RECEIVED (received notifications closed without the action),
 * - `failure_rate` = fails / total (scheduled notifications that could not be sent),
 * each between 0 and 1 (4 decimals), or null when the divisor is 0.
 */
export function simplifyStatistics(
	data: IDataObject,
	companyId: string,
	range?: { from: string; until: string },
): IDataObject {
	const actions = (data.actions && typeof data.actions === 'object' ? data.actions : {}) as IDataObject;
	const total = count(data.total);
	const sent = count(data.sended);
	const failed = count(data.fails);
	const received = count(actions.RECEIVED);
	const pressed = count(actions.PRESS_ACTION);
	const closed = count(actions.CLOSED);
	return {
		company_id: companyId,
		period: range ? 'range' : `last_${TRUST.defaultStatisticsDays}_days`,
		from_date: range?.from ?? null,
		until_date: range?.until ?? null,
		total,
		sent,
		pending: count(data.pending),
		failed,
		received,
		pressed,
		closed,
		unknown: count(actions.UNKNOWN),
		delivery_rate: rate(received, sent),
		press_rate: rate(pressed, received),
		close_rate: rate(closed, received),
		failure_rate: rate(failed, total),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const companyId = await companyIdFor(this, itemIndex);
	const period = this.getNodeParameter('period', itemIndex) as string;
	let range: { from: string; until: string } | undefined;
	const qs: IDataObject = {};
	if (period === 'range') {
		range = {
			from: statisticsDay(this, this.getNodeParameter('fromDate', itemIndex, ''), 'From Date', itemIndex),
			until: statisticsDay(this, this.getNodeParameter('untilDate', itemIndex, ''), 'Until Date', itemIndex),
		};
		if (range.from > range.until) {
			throw inputError(
				this.getNode(),
				`From Date ${range.from} is after Until Date ${range.until}`,
				'Swap the two dates, or pick an earlier From Date.',
				itemIndex,
			);
		}
		qs[TRUST.statisticsRange.from] = range.from;
		qs[TRUST.statisticsRange.until] = range.until;
	}
	const envelope = await trustRequest(this, 'GET', `${TRUST.campaignsPath}/company/${pathSegment(companyId)}/statistics`, {
		qs,
		itemIndex,
	});
	const body = unwrap(envelope);
	const data = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
	if (this.getNodeParameter('simplify', itemIndex, true) as boolean) return simplifyStatistics(data, companyId, range);
	// The statistics do not name their company: keep it on the item so many companies stay apart.
	return { company_id: companyId, ...data };
}
