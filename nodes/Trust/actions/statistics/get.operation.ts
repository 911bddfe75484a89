import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { calendarDay, idPath, InputError } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import { asNodeError, type ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import {
	emptyStatistics,
	sameStatistics,
	simplifyStatistics,
	windowLabels,
	type CountersSetting,
	type StatisticsWindow,
} from '../../statistics';
import { TRUST, trustRequest, unwrap } from '../../transport';
import { companyIdField, companyIdFor } from '../common';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get campaign statistics of a company',
	description:
		"Get one company's push campaign statistics for the last 7 days or a date range: notifications scheduled, sent, pending and failed, and what recipients did (received, pressed, closed), with delivery and press rates",
};

export const properties: INodeProperties[] = [
	companyIdField(
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
		description: 'Which days the statistics cover',
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
			"Whether to return one flat item with the counts and the delivery and press rates instead of Trust's raw statistics",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Action Counts',
				name: 'countersReading',
				type: 'options',
				options: [
					{
						name: 'Detect From the Numbers',
						value: 'detect',
						description: 'Each message once in its current state, unless the numbers show RECEIVED includes pressed and closed ones',
					},
					{
						name: 'Each Message Once',
						value: 'exclusive',
						description: 'RECEIVED, PRESS_ACTION and CLOSED are separate states: delivered = their sum',
					},
					{
						name: 'RECEIVED Includes Pressed and Closed',
						value: 'inclusive',
						description: 'RECEIVED counts every delivered message: delivered = RECEIVED',
					},
				],
				default: 'detect',
				description: 'How the simplified item reads Trust\'s action counters to compute delivered messages and the rates',
			},
			{
				displayName: 'Check Range Was Applied',
				name: 'checkRange',
				type: 'boolean',
				default: true,
				description:
					"Whether to compare a Date Range answer with Trust's last 7 days, to tell whether Trust applied the range (one more request per company, two when both answers are equal)",
			},
			{
				displayName: 'From Parameter Name',
				name: 'fromParameter',
				type: 'string',
				// TRUST.statisticsRange.from (a unit test keeps them equal).
				default: 'from_date',
				placeholder: 'e.g. from_date',
				description:
					"Name of the query parameter that carries the range's first day (YYYY-MM-DD). Trust does not document it; change it only if Trust tells you another name.",
			},
			{
				displayName: 'Until Parameter Name',
				name: 'untilParameter',
				type: 'string',
				// TRUST.statisticsRange.until (a unit test keeps them equal).
				default: 'until_date',
				placeholder: 'e.g. until_date',
				description:
					"Name of the query parameter that carries the range's last day (YYYY-MM-DD). Trust does not document it; change it only if Trust tells you another name.",
			},
		],
	},
];

interface Range {
	from: string;
	until: string;
}

interface RangeNames {
	from: string;
	until: string;
}

function rangeNames(options: IDataObject): RangeNames {
	const name = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);
	const names = { from: name(options.fromParameter, TRUST.statisticsRange.from), until: name(options.untilParameter, TRUST.statisticsRange.until) };
	if (names.from === names.until) {
		throw new InputError(
			`From Parameter Name and Until Parameter Name are both "${names.from}"`,
			'Give the two days of the range different parameter names (by default from_date and until_date).',
		);
	}
	return names;
}

/** Today and `days` days before, as YYYY-MM-DD in UTC. */
function utcDay(daysAgo: number, now = Date.now()): string {
	return new Date(now - daysAgo * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A range that is Trust's own default window (up to today, starting 6 or 7 days ago): nothing to check. */
function isDefaultWindow(range: Range): boolean {
	return range.until === utcDay(0) && (range.from === utcDay(TRUST.defaultStatisticsDays) || range.from === utcDay(TRUST.defaultStatisticsDays - 1));
}

/**
 * Answers one run already has, so many items of one company cost the extra requests once: the
 * default window's answer and the empty-day probe, by company and parameter names.
 */
const answersPerRun = new WeakMap<object, Map<string, Promise<IDataObject>>>();

function once(ctx: IExecuteFunctions, key: string, load: () => Promise<IDataObject>): Promise<IDataObject> {
	let answers = answersPerRun.get(ctx);
	if (!answers) {
		answers = new Map();
		answersPerRun.set(ctx, answers);
	}
	let answer = answers.get(key);
	if (!answer) {
		answer = load();
		answers.set(key, answer);
		// A failed request is not kept: the next item asks again.
		answer.catch(() => answers!.delete(key));
	}
	return answer;
}

async function statisticsData(item: ItemContext, companyId: string, qs: IDataObject): Promise<IDataObject> {
	const path = idPath(`${TRUST.campaignsPath}/company`, companyId, 'Company ID', 'statistics');
	const body = unwrap(await trustRequest(item, 'GET', path, { qs }));
	return (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
}

type Verdict = { applied: boolean | null; why?: 'empty' | 'failed' };

/**
 * Whether Trust applied a range, from what its answers give: the range's answer differs from the
 * default window's, so Trust read the parameters; or both are equal and a day with no notifications
 * (`TRUST.emptyProbeDay`) gets the default window's numbers too, so Trust ignored them. Equal empty
 * answers tell nothing apart. ASSUMPTION: a server that ignores unknown query parameters answers its
 * default window (docs/trust.md, "Sources and assumptions").
 */
async function rangeVerdict(item: ItemContext, companyId: string, names: RangeNames, ranged: IDataObject): Promise<Verdict> {
	try {
		const defaults = await once(item.n8n, `default|${companyId}`, async () => await statisticsData(item, companyId, {}));
		if (!sameStatistics(ranged, defaults)) return { applied: true };
		if (emptyStatistics(ranged)) return { applied: null, why: 'empty' };
		const day = TRUST.emptyProbeDay;
		const probe = await once(item.n8n, `probe|${companyId}|${names.from}|${names.until}`, async () =>
			await statisticsData(item, companyId, { [names.from]: day, [names.until]: day }),
		);
		return { applied: !sameStatistics(probe, defaults) };
	} catch (error) {
		// A stopped execution stops here too; otherwise the statistics themselves were read and only
		// the check could not be made.
		if (item.signal?.aborted) throw asNodeError(item.n8n, error, item.itemIndex);
		return { applied: null, why: 'failed' };
	}
}

function hintFor(verdict: Verdict, range: Range, names: RangeNames): [string, 'warning' | 'info'] | undefined {
	const sent = `${names.from}/${names.until}`;
	if (verdict.applied === false) {
		return [
			`Trust ignored the date range (sent as ${sent}) and answered its last 7 days: those items say range_applied: false and period: last_7_days, not ${range.from} to ${range.until}. If Trust names its range parameters differently, set them in Options > From Parameter Name and Until Parameter Name.`,
			'warning',
		];
	}
	if (verdict.why === 'empty') {
		return [
			`Whether Trust applied the date range (sent as ${sent}) could not be told: the range and Trust's last 7 days both have no notifications, so those items say range_applied: null.`,
			'info',
		];
	}
	if (verdict.why === 'failed') {
		return [`Whether Trust applied the date range (sent as ${sent}) could not be checked: the comparison request failed, so those items say range_applied: null.`, 'info'];
	}
	return undefined;
}

/** One hint per message and run, however many items it applies to. */
const hintsPerRun = new WeakMap<object, Set<string>>();

function hintOnce(ctx: IExecuteFunctions, hint: [string, 'warning' | 'info'] | undefined): void {
	if (!hint) return;
	const given = hintsPerRun.get(ctx) ?? new Set<string>();
	hintsPerRun.set(ctx, given);
	if (given.has(hint[0])) return;
	given.add(hint[0]);
	executionHint(ctx, hint[0], hint[1]);
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const companyId = await companyIdFor(item);
	const period = this.getNodeParameter('period', item.itemIndex) as string;
	const options = this.getNodeParameter('options', item.itemIndex, {}) as IDataObject;
	const window: StatisticsWindow = { rangeApplied: null };
	const qs: IDataObject = {};
	let names: RangeNames | undefined;
	if (period === 'range') {
		names = rangeNames(options);
		// The range is in whole days (YYYY-MM-DD): the day the user picked is sent as written, never
		// moved to another day by a time zone. ASSUMPTION: Trust includes both days (docs/trust.md,
		// "Sources and assumptions").
		window.range = {
			from: calendarDay(this.getNodeParameter('fromDate', item.itemIndex, ''), 'From Date'),
			until: calendarDay(this.getNodeParameter('untilDate', item.itemIndex, ''), 'Until Date'),
		};
		if (window.range.from > window.range.until) {
			throw new InputError(
				`From Date ${window.range.from} is after Until Date ${window.range.until}`,
				'Swap the two dates, or pick an earlier From Date.',
			);
		}
		qs[names.from] = window.range.from;
		qs[names.until] = window.range.until;
	}
	const data = await statisticsData(item, companyId, qs);
	if (window.range && names && options.checkRange !== false && !isDefaultWindow(window.range)) {
		const verdict = await rangeVerdict(item, companyId, names, data);
		window.rangeApplied = verdict.applied;
		hintOnce(this, hintFor(verdict, window.range, names));
	}
	if (this.getNodeParameter('simplify', item.itemIndex, true) as boolean) {
		return simplifyStatistics(data, companyId, window, (options.countersReading as CountersSetting | undefined) ?? 'detect');
	}
	// The statistics do not name their company (or their window): keep both on the item, so many
	// companies and ranges stay apart.
	return { company_id: companyId, ...data, ...(window.range ? windowLabels(window) : {}) };
}
