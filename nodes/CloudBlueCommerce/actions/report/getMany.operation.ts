import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { compact } from '../../../shared/fields';
import { executionHint } from '../../../shared/hints';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { eachReport, reportPeriod } from '../../reports';
import { CLOUDBLUE } from '../../transport';
import { filtersProperty, formatOptions, valueOptions } from '../common';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many reports',
	description: `List the rated data report files exported in a period (the last ${CLOUDBLUE.defaultReportDays} days unless From and To are set), each with its name, format, creation date and download link`,
};

const NOT_CARRIED = 'Servers that list reports without this field (the RDE how-to shows only name, format, creation date and link) keep every report: the filter cannot tell';

export const properties: INodeProperties[] = [
	{
		displayName: `Without From and To, the reports created in the last ${CLOUDBLUE.defaultReportDays} days (UTC) are listed. CloudBlue lists a period at a time.`,
		name: 'periodNotice',
		type: 'notice',
		default: '',
	},
	...returnAllOrLimit({}),
	filtersProperty([
		{ displayName: 'Format', name: 'format', type: 'options', options: formatOptions, default: 'json', description: 'Only reports of this file format' },
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: `The first day of the period (UTC); when empty, ${CLOUDBLUE.defaultReportDays} days before To`,
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Daily report', description: 'Only reports of this preconfigured name' },
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: valueOptions(CLOUDBLUE.reportStatuses.slice(0, 4)),
			default: 'completed',
			description: `Only reports in this status. ${NOT_CARRIED}.`,
		},
		{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'The last day of the period (UTC); when empty, today' },
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: valueOptions(CLOUDBLUE.reportTypes),
			default: 'onetime',
			description: `Only reports generated this way. ${NOT_CARRIED}.`,
		},
	]),
];

const MATCHED = ['format', 'status', 'type', 'name'] as const;

/** Hints already given in one run: a Get Many run once per input item says each thing once. */
const given = new WeakMap<object, Set<string>>();

function hintOnce(n8n: IExecuteFunctions, message: string, type?: 'warning'): void {
	const seen = given.get(n8n) ?? new Set<string>();
	given.set(n8n, seen);
	if (seen.has(message)) return;
	seen.add(message);
	executionHint(n8n, message, type);
}

/**
 * The spec v1.15 lists name/status/type/format filters on GET /reports, the RDE how-to only
 * from/to/format, and its items carry no status or type. The filters are sent and also applied
 * here, except to a field a report does not carry: such reports are kept, and the caller says so.
 */
function matches(report: IDataObject, filters: IDataObject, notCarried: Set<string>): boolean {
	for (const key of MATCHED) {
		if (filters[key] === undefined) continue;
		const value = report[key];
		if (value === undefined || value === null || value === '') {
			notCarried.add(key);
			continue;
		}
		if (String(value).toLowerCase() !== String(filters[key]).toLowerCase()) return false;
	}
	return true;
}

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('filters', item.itemIndex, {}) as IDataObject;
	const period = reportPeriod(raw.from, raw.to);
	const filters = compact({ format: raw.format, name: raw.name, status: raw.status, type: raw.type });
	const { returnAll, limit } = listOptions(item, CLOUDBLUE.pageSize);
	const wanted = returnAll ? Infinity : (limit ?? 50);
	const out: IDataObject[] = [];
	const notCarried = new Set<string>();
	for await (const report of eachReport(item, { from: period.from, to: period.to, ...filters })) {
		if (matches(report, filters, notCarried)) out.push(report);
		if (out.length >= wanted) break;
	}
	if (period.defaulted.length) {
		hintOnce(
			this,
			`No ${period.defaulted.length === 2 ? 'period' : period.defaulted[0] === 'from' ? 'From' : 'To'} was set: listed the reports from ${period.from} to ${period.to}. Set From and To under Filters for another period.`,
		);
	}
	if (notCarried.size) {
		const names = [...notCarried].map((key) => key.charAt(0).toUpperCase() + key.slice(1));
		hintOnce(
			this,
			`The ${names.join(' and ')} filter${names.length > 1 ? 's were' : ' was'} not applied to reports without that field: this CloudBlue server lists reports without ${[...notCarried].join(' or ')}, so they were kept.`,
			'warning',
		);
	}
	return out;
}
