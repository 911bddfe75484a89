import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/fields';
import { credentialsOf } from '../../shared/http';
import type { ItemContext } from '../../shared/items';
import { TRUST, type TrustEnvelope } from '../transport';

/** Pieces several Trust resources share: the Company ID field and its fallback, and create answers. */

/** The company an operation acts on; empty means the credential's Default Company ID. */
export function companyIdField(description?: string): INodeProperties {
	return {
		displayName: 'Company ID',
		name: 'companyId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1',
		description:
			description ??
			'ID of the Trust company. Leave empty to use the Default Company ID of the Trust API credential.',
	};
}

/**
 * The company an item acts on: the node's Company ID, else the credential's Default Company ID.
 * When neither is set it is refused if `required`, else empty (the campaign's company is optional).
 */
export async function companyIdFor(item: ItemContext, required = true): Promise<string> {
	const own = String(item.n8n.getNodeParameter('companyId', item.itemIndex, '') ?? '').trim();
	if (own) return own;
	const credentials = await credentialsOf(item.n8n, TRUST.credentialType);
	const fallback = String(credentials?.defaultCompanyId ?? '').trim();
	if (!fallback && required) {
		throw new InputError(
			'No company ID to use',
			'Enter a Company ID in the node, or set a Default Company ID in the Trust API credential.',
		);
	}
	return fallback;
}

/**
 * What a create (or update) call returns: the object when Trust sends it in `data`, otherwise
 * `created: true` (`updated: true`) with what was sent (`sent`) and the envelope's code and
 * message. ASSUMPTION: the create and update answers are not documented beyond segment create's
 * `{code: 201, resource: "Segment", data: {id, ...}}` (docs/trust.md, "Sources and assumptions").
 */
export function createdOutput(envelope: TrustEnvelope, sent: IDataObject = {}, flag: 'created' | 'updated' = 'created'): IDataObject {
	const isEnvelope = ['code', 'resource', 'data', 'message'].some((key) => key in (envelope ?? {}));
	const data: unknown = isEnvelope ? envelope.data : envelope;
	if (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0) return data as IDataObject;
	return {
		[flag]: true,
		...sent,
		...(envelope.code !== undefined ? { code: envelope.code } : {}),
		...(envelope.message !== undefined ? { message: envelope.message } : {}),
		// An empty answer (201 without a body) adds nothing.
		...(data !== undefined && data !== null && !isEmptyObject(data) ? { data: data as IDataObject } : {}),
	};
}

function isEmptyObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
