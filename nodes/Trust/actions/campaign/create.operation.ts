import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact } from '../../../shared/descriptions';
import { inputError } from '../../../shared/errors';
import { forEachItem } from '../../../shared/items';
import { companyIdFor, finishDate, TRUST, trustRequest } from '../../transport';
import { companyIdField, createdOutput, jsonObject } from '../common';

const show = { resource: ['campaign'], operation: ['create'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Recipients',
		name: 'audience',
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
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description: 'UUID of the message to send, as stored in Trust Message-persistance',
	},
	{
		displayName: 'Application Name',
		name: 'applicationName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'com.company.app',
		description: 'Bundle ID of the app the notifications are sent through',
	},
	companyIdField({}, 'ID of the company the campaign belongs to. Leave empty to use the Default Company ID of the Trust API credential (or none).'),
	{
		displayName: 'Campaign Name',
		name: 'name',
		type: 'string',
		default: '',
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
		default: '={{ $json.variables ?? {} }}',
		description: 'Values for the placeholders of the message, for this item (a JSON object; may be empty)',
		displayOptions: { show: { audience: ['items'] } },
	},
	{
		displayName: 'Segment ID',
		name: 'segmentId',
		type: 'string',
		default: '',
		required: true,
		description: 'ID of the segment whose devices get the campaign',
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

export const description = updateDisplayOptions({ show }, properties);

/** What every campaign body has, read from one item. */
async function campaignFields(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = String(ctx.getNodeParameter('messageId', itemIndex, '') ?? '').trim();
	const applicationName = String(ctx.getNodeParameter('applicationName', itemIndex, '') ?? '').trim();
	if (!messageId || !applicationName) {
		throw inputError(
			ctx.getNode(),
			`${!messageId ? 'Message ID' : 'Application Name'} is empty`,
			'Trust needs both the Message ID (UUID of the message in Message-persistance) and the Application Name (bundle ID).',
			itemIndex,
		);
	}
	return compact({
		name: String(ctx.getNodeParameter('name', itemIndex, '') ?? '').trim(),
		message_id: messageId,
		application_name: applicationName,
		company_id: await companyIdFor(ctx, itemIndex, false),
	});
}

/** One notification per input item; an item without a trust_id stops the campaign before anything is sent. */
function notificationsOf(ctx: IExecuteFunctions, items: INodeExecutionData[]): IDataObject[] {
	return items.map((_, itemIndex) => {
		const raw = ctx.getNodeParameter('trustId', itemIndex, '') as unknown;
		const trustId = raw === undefined || raw === null ? '' : String(raw).trim();
		if (trustId === '') {
			throw inputError(
				ctx.getNode(),
				`Input item ${itemIndex} has no trust_id`,
				`Every input item becomes a notification and needs the Trust ID of a device: give item ${itemIndex} a trust_id, or map Trust ID to the field that holds it. No campaign was created.`,
				itemIndex,
			);
		}
		return { trust_id: trustId, variables: jsonObject(ctx, ctx.getNodeParameter('variables', itemIndex, {}), `Variables of item ${itemIndex}`, itemIndex) };
	});
}

async function createForItems(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const notifications = notificationsOf(ctx, items);
	const fields = await campaignFields(ctx, 0);
	const body = { ...fields, notifications };
	// A create is not repeated after a 5xx or a broken connection (the core only retries POST after
	// 429): the campaign may exist already and a second one would notify every device twice.
	const envelope = await trustRequest(ctx, 'POST', `${TRUST.campaignsPath}/campaign`, { body, itemIndex: 0 });
	const output = createdOutput(envelope, { name: fields.name, notifications: notifications.length });
	return [{ json: output, pairedItem: items.map((__, item) => ({ item })) }];
}

async function createForSegment(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const segmentId = String(ctx.getNodeParameter('segmentId', itemIndex, '') ?? '').trim();
	if (!segmentId) {
		throw inputError(ctx.getNode(), 'Segment ID is empty', 'Enter the ID of the segment whose devices get the campaign.', itemIndex);
	}
	const fields = await campaignFields(ctx, itemIndex);
	const body = {
		...fields,
		segment_id: segmentId,
		finish_date: finishDate(ctx, ctx.getNodeParameter('finishDate', itemIndex, ''), itemIndex),
	};
	const envelope = await trustRequest(ctx, 'POST', `${TRUST.campaignsPath}/campaign`, { body, itemIndex });
	return createdOutput(envelope, { name: fields.name, segment_id: segmentId });
}

export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	if ((this.getNodeParameter('audience', 0) as string) === 'segment') {
		return await forEachItem(this, async (itemIndex) => await createForSegment(this, itemIndex));
	}
	return await createForItems(this, items);
}
