import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestContext } from '../shared/http';
import { eachReport, isCompleted, reportKey, shiftDay, today } from './reports';
import { CLOUDBLUE, cloudBlueList } from './transport';

/** How many report keys and order statuses the trigger remembers (oldest forgotten first). */
const MAX_REMEMBERED = 5000;

type TriggerEvent = 'reportCompleted' | 'orderCreated' | 'orderStatusChanged';

interface TriggerState extends IDataObject {
	/** Keys of completed reports already seen (reportKey), oldest first. */
	reports?: string[];
	/** Last known status of each order, in the order first seen. */
	orders?: IDataObject;
	/** Which event kinds have had their first, recording-only poll. */
	primed?: string[];
}

/** The UTC day `days` before today, as the report period of SimpleAPI takes it (YYYY-MM-DD). */
function daysAgo(days: number): string {
	return shiftDay(today(), -days);
}

/** The instant `days` before now, as `creationTimeFrom` of GET /orders takes it (`format: date-time`, spec v1.15). */
function instantDaysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function newest<T extends IDataObject>(list: T[], field: string): T | undefined {
	return [...list].sort((a, b) => String(b[field] ?? '').localeCompare(String(a[field] ?? '')))[0];
}

function keepLast(list: string[]): string[] {
	return list.length > MAX_REMEMBERED ? list.slice(list.length - MAX_REMEMBERED) : list;
}

function trimOrders(orders: IDataObject): IDataObject {
	const keys = Object.keys(orders);
	if (keys.length <= MAX_REMEMBERED) return orders;
	const out: IDataObject = {};
	for (const key of keys.slice(keys.length - MAX_REMEMBERED)) out[key] = orders[key];
	return out;
}

/**
 * SimpleAPI has no webhooks (docs/cloudblue.md, Sources and assumptions): reports and orders are
 * polled. What was seen is kept in the workflow's static data, so every event fires once across
 * restarts. The first poll only records what exists (no flood of history); a manual "fetch test
 * event" returns the most recent item of each chosen kind so the output shape can be seen.
 */
export class CloudBlueCommerceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CloudBlue Commerce Trigger',
		name: 'cloudBlueCommerceTrigger',
		icon: { light: 'file:cloudblue.svg', dark: 'file:cloudblue.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a rated data report is completed, or an order is created or changes status',
		defaults: { name: 'CloudBlue Commerce Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudBlueCommerceApi', required: true }],
		properties: [
			{
				displayName:
					'CloudBlue has no webhooks: this trigger asks for new reports and orders at each Poll Time. Once the workflow is published, its first poll only records what already exists; each report or order after that starts the workflow once. In the editor, Fetch Test Event shows the newest report (or order) without recording anything.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['reportCompleted'],
				description: 'What starts the workflow; each event fires once per report or order',
				options: [
					{ name: 'Report Completed', value: 'reportCompleted', description: 'A rated data report is ready to download' },
					{ name: 'Order Created', value: 'orderCreated', description: 'A new order was placed' },
					{ name: 'Order Status Changed', value: 'orderStatusChanged', description: 'An order moved to another status' },
				],
			},
			{
				displayName: 'Look Back (Days)',
				name: 'lookBackDays',
				type: 'number',
				default: 7,
				typeOptions: { minValue: 1, maxValue: 90 },
				description: 'How far back each poll looks for reports and orders; older ones are ignored',
			},
			{
				displayName: 'Report Name',
				name: 'reportName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Daily report',
				description: 'Only reports with this preconfigured name (all reports when empty)',
				displayOptions: { show: { events: ['reportCompleted'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as TriggerEvent[];
		const lookBackDays = this.getNodeParameter('lookBackDays', 7) as number;
		const reportName = this.getNodeParameter('reportName', '') as string;
		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const primed = new Set(state.primed ?? []);
		const request = requestContext(this);
		const out: IDataObject[] = [];

		if (events.includes('reportCompleted')) {
			const completed: IDataObject[] = [];
			const qs = { from: daysAgo(lookBackDays), to: daysAgo(-1), status: 'completed', name: reportName || undefined };
			for await (const report of eachReport(request, qs)) {
				// The RDE how-to lists exported files without a status: a listed file with a link is completed.
				if (isCompleted(report) && (!reportName || report.name === reportName)) completed.push(report);
			}
			if (manual) {
				const latest = newest(completed, 'creationDate');
				if (latest) out.push({ event: 'reportCompleted', ...latest });
			} else {
				const seen = new Set(state.reports ?? []);
				const fresh = completed.filter((r) => !seen.has(reportKey(r)));
				if (primed.has('reportCompleted')) {
					// Oldest first, so the workflow handles reports in the order they were made.
					const ordered = [...fresh].sort((a, b) => String(a.creationDate ?? '').localeCompare(String(b.creationDate ?? '')));
					for (const report of ordered) out.push({ event: 'reportCompleted', ...report });
				}
				state.reports = keepLast([...(state.reports ?? []), ...fresh.map(reportKey)]);
				primed.add('reportCompleted');
			}
		}

		const wantsOrders = events.includes('orderCreated') || events.includes('orderStatusChanged');
		if (wantsOrders) {
			const orders = await cloudBlueList(
				request,
				'/orders',
				{ creationTimeFrom: instantDaysAgo(lookBackDays) },
				{ returnAll: true, pageSize: CLOUDBLUE.pageSize },
			);
			if (manual) {
				const latest = newest(orders, 'creationDate');
				if (latest) out.push({ event: events.includes('orderCreated') ? 'orderCreated' : 'orderStatusChanged', ...latest });
			} else {
				const known = { ...((state.orders ?? {}) as IDataObject) };
				const ordersPrimed = primed.has('orders');
				for (const order of [...orders].sort((a, b) => String(a.creationDate ?? '').localeCompare(String(b.creationDate ?? '')))) {
					const id = String(order.id ?? order.orderNumber ?? '');
					if (!id) continue;
					const previous = known[id] as string | undefined;
					const status = String(order.status ?? '');
					if (ordersPrimed && previous === undefined && events.includes('orderCreated')) {
						out.push({ event: 'orderCreated', ...order });
					} else if (ordersPrimed && previous !== undefined && previous !== status && events.includes('orderStatusChanged')) {
						out.push({ event: 'orderStatusChanged', previousStatus: previous, ...order });
					}
					if (previous !== undefined) delete known[id];
					known[id] = status;
				}
				state.orders = trimOrders(known);
				primed.add('orders');
			}
		}

		if (!manual) state.primed = [...primed];
		if (out.length === 0) return null;
		return [this.helpers.returnJsonArray(out)];
	}
}
