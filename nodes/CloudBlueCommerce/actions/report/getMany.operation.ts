import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersOf, formatOptions, valueOptions } from '../common';
import { normalizeReport } from './report';
import { CLOUDBLUE, cloudBlueRequest } from '../../transport';
import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { eachPage, offsetLimitEnvelope } from '../../../shared/pagination';

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['report'], operation: ['getMany'] } }, [
	...returnAllOrLimit({}),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Format', name: 'format', type: 'options', options: formatOptions, default: 'json' },
			{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'Only reports of this date or later' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The preconfigured report name' },
			{ displayName: 'Status', name: 'status', type: 'options', options: valueOptions(CLOUDBLUE.reportStatuses.slice(0, 4)), default: 'completed' },
			{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'Only reports of this date or earlier' },
			{ displayName: 'Type', name: 'type', type: 'options', options: valueOptions(CLOUDBLUE.reportTypes), default: 'onetime' },
		],
	},
]);

/**
 * The v1.15 spec lists name/status/type/format filters on GET /reports, older servers may not honour
 * them (research/providers.md section 2, Open question 4): they are sent and also applied here.
 */
function matches(report: IDataObject, filters: IDataObject): boolean {
	for (const key of ['format', 'status', 'type', 'name'] as const) {
		if (filters[key] === undefined) continue;
		if (String(report[key] ?? '').toLowerCase() !== String(filters[key]).toLowerCase()) return false;
	}
	return true;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const filters = filtersOf(this, itemIndex, ['from', 'to']);
	const { returnAll, limit } = listOptions(this, itemIndex, CLOUDBLUE.pageSize);
	const wanted = returnAll ? Infinity : (limit ?? 50);
	const out: IDataObject[] = [];
	const pages = eachPage(
		offsetLimitEnvelope,
		async (page) => await cloudBlueRequest(this, 'GET', '/reports', { qs: { ...filters, ...page }, itemIndex }),
		{ returnAll: true, pageSize: CLOUDBLUE.pageSize },
	);
	for await (const page of pages) {
		for (const raw of page) {
			const report = normalizeReport(raw);
			if (matches(report, filters)) out.push(report);
			if (out.length >= wanted) return out;
		}
	}
	return out;
}
