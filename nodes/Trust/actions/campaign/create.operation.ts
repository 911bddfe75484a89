import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { compact, InputError, jsonValue, utcInstant } from '../../../shared/fields';
import type { RequestContext } from '../../../shared/http';
import { asNodeError, forEachItem, type ItemContext } from '../../../shared/items';
import { idLocator, locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { TRUST, trustRequest } from '../../transport';
import { companyIdField, companyIdFor, createdOutput } from '../common';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a campaign and start sending it',
	description:
		"Create a push campaign, which Trust starts sending seconds later: all input items become the notifications of ONE campaign (each item's trust_id and variables), or each item creates one for a segment. Returns the created campaign",
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'audience',
		description: 'Who gets the campaign: the devices of the input items, or the devices of a segment',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'All input items together become ONE campaign, one notification per item',
			},
			{
				name: 'Segment',
				value: 'segment',
				description: 'Each input item creates one campaign for a segment of devices',
			},
		],
		default: 'items',
	},
	idLocator({
		displayName: 'Message ID',
		name: 'messageId',
		description:
			"The message to send, as stored in Trust's message persistence service: pick one an earlier campaign of the company sent, or enter its ID",
		searchListMethod: 'searchMessages',
		idPlaceholder: 'e.g. z54afc5-a1c0-1b0a-9f04-acacd3b473a',
	}),
	{
		displayName: 'Application Name',
		name: 'applicationName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. com.company.app',
		description: 'Bundle ID of the app the notifications are sent through',
	},
	companyIdField(
		'ID of the company the campaign belongs to. Leave empty to use the Default Company ID of the Trust API credential (or none).',
	),
	{
		displayName: 'Campaign Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Black Friday',
		description: 'Name shown for the campaign in Trust',
	},
	{
		displayName: 'Trust ID',
		name: 'trustId',
		type: 'string',
		default: '={{ $json.trust_id }}',
		required: true,
		description: 'Trust ID of the device that gets the notification of this item',
		displayOptions: { show: { audience: ['items'] } },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'json',
		default: '',
		placeholder: 'e.g. {"first_name": "Camila", "points": 1200}',
		description:
			"Values for the placeholders of the message, for this item (a JSON object; may be empty). Leave empty to use the input item's variables field, or none when it has none.",
		displayOptions: { show: { audience: ['items'] } },
	},
	{
		...idLocator({
			displayName: 'Segment ID',
			name: 'segmentId',
			description:
				"The segment whose devices get the campaign: pick one an earlier campaign of the company was sent to, or enter its ID (a segment's ID as Trust's campaigns show it)",
			searchListMethod: 'searchSegments',
			idPlaceholder: 'e.g. z3p194f4-064q-092b-bf92-4379eposf8z7c',
		}),
		displayOptions: { show: { audience: ['segment'] } },
	},
	{
		displayName: 'Finish Date',
		name: 'finishDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'Until when (UTC) devices that join the segment are added to the campaign; sent as YYYY-MM-DD HH:mm:ss',
		displayOptions: { show: { audience: ['segment'] } },
	},
];

/**
 * A campaign finish date as Trust wants it: "YYYY-MM-DD h-m-s" in UTC+0
 * (https://docs.trust.lat/docs/api/campaigns/endpoints/create_campaign_segmentation), written
 * YYYY-MM-DD HH:mm:ss.
 */
export function finishDateText(value: unknown): string {
	const iso = utcInstant(value, 'Finish Date').toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * All input items make one campaign, so the per-item loop cannot tell which item a mistake is in:
 * it is reported on that item here.
 */
async function onItem<T>(ctx: IExecuteFunctions, itemIndex: number, read: () => T | Promise<T>): Promise<T> {
	try {
		return await read();
	} catch (error) {
		throw asNodeError(ctx, error, itemIndex);
	}
}

/** What every campaign body has, read from one item. */
async function campaignFields(item: ItemContext): Promise<IDataObject> {
	const read = (name: string) => String(item.n8n.getNodeParameter(name, item.itemIndex, '') ?? '').trim();
	const messageId = locatorValue(item, 'messageId', 'Message ID');
	const applicationName = read('applicationName');
	if (!applicationName) {
		throw new InputError(
			'Application Name is empty',
			'Trust needs the Application Name: the bundle ID of the app the notifications are sent through, e.g. com.company.app.',
		);
	}
	return compact({
		name: read('name'),
		message_id: messageId,
		application_name: applicationName,
		company_id: await companyIdFor(item, false),
	});
}

/** The notification of one input item: the device's trust_id and the message's variables. */
function notificationOf(ctx: IExecuteFunctions, itemIndex: number, input: INodeExecutionData): IDataObject {
	const raw = ctx.getNodeParameter('trustId', itemIndex, '') as unknown;
	const trustId = raw === undefined || raw === null ? '' : String(raw).trim();
	if (trustId === '') {
		throw new InputError(
			`Input item ${itemIndex} has no trust_id`,
			`Every input item becomes a notification and needs the Trust ID of a device: give item ${itemIndex} a trust_id, or map Trust ID to the field that holds it. No campaign was created.`,
		);
	}
	const given = ctx.getNodeParameter('variables', itemIndex, '') as unknown;
	// Empty means the item's own `variables` (what the field defaulted to before: {{ $json.variables ?? {} }}).
	const empty = given === undefined || given === null || (typeof given === 'string' && given.trim() === '');
	const value = empty ? (input.json.variables ?? {}) : given;
	const variables = jsonValue(value, `Variables of item ${itemIndex}`, 'object');
	return { trust_id: trustId, variables };
}

async function createForItems(ctx: IExecuteFunctions, items: INodeExecutionData[], first: ItemContext): Promise<INodeExecutionData[]> {
	// Every item is read before anything is sent: one without a trust_id stops the whole campaign.
	const notifications: IDataObject[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		notifications.push(await onItem(ctx, itemIndex, () => notificationOf(ctx, itemIndex, items[itemIndex])));
	}
	const fields = await onItem(ctx, 0, async () => await campaignFields(first));
	// A create is not repeated after a 5xx or a broken connection (the shared request layer only
	// retries a POST after a 429): the campaign may exist already and a second one would notify every
	// device twice.
	const envelope = await trustRequest(first, 'POST', `${TRUST.campaignsPath}/campaign`, { body: { ...fields, notifications } });
	const output = createdOutput(envelope, { name: fields.name, notifications: notifications.length });
	return [{ json: output, pairedItem: items.map((_, item) => ({ item })) }];
}

async function createForSegment(item: ItemContext): Promise<IDataObject> {
	const segmentId = locatorValue(item, 'segmentId', 'Segment ID');
	const fields = await campaignFields(item);
	const body = {
		...fields,
		segment_id: segmentId,
		finish_date: finishDateText(item.n8n.getNodeParameter('finishDate', item.itemIndex, '')),
	};
	const envelope = await trustRequest(item, 'POST', `${TRUST.campaignsPath}/campaign`, { body });
	return createdOutput(envelope, { name: fields.name, segment_id: segmentId });
}

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	request: RequestContext,
): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	if ((this.getNodeParameter('audience', 0) as string) === 'segment') {
		return await forEachItem(this, createForSegment);
	}
	return await createForItems(this, items, { ...request, n8n: this, itemIndex: 0 });
}
