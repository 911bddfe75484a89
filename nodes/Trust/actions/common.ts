import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { inputError } from '../../shared/errors';
import type { TrustEnvelope } from '../transport';

/** The company an operation acts on; empty means the credential's Default Company ID. */
export function companyIdField(show: IDisplayOptions['show'], description?: string): INodeProperties {
	return {
		displayName: 'Company ID',
		name: 'companyId',
		type: 'string',
		default: '',
		placeholder: 'Default Company ID of the credential',
		description:
			description ??
			'ID of the Trust company. Leave empty to use the Default Company ID of the Trust API credential.',
		displayOptions: { show },
	};
}

/** A JSON object typed by the user (a JSON field or an expression giving an object or a JSON string). */
export function jsonObject(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return {};
		try {
			parsed = jsonParse(text);
		} catch {
			throw inputError(ctx.getNode(), `${field} is not valid JSON`, `Enter ${field} as a JSON object, for example {"key": "value"}.`, itemIndex);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(ctx.getNode(), `${field} must be a JSON object`, `Enter ${field} as a JSON object, for example {"key": "value"}.`, itemIndex);
	}
	return parsed as IDataObject;
}

/**
 * What a create call returns: the created object when Trust sends it in `data` (the create answers
 * are not documented, research open question 3), otherwise `created: true` with what was sent
 * (`sent`) and the envelope's code and message.
 */
export function createdOutput(envelope: TrustEnvelope, sent: IDataObject = {}): IDataObject {
	const isEnvelope = ['code', 'resource', 'data', 'message'].some((key) => key in (envelope ?? {}));
	const data: unknown = isEnvelope ? envelope.data : envelope;
	if (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0) return data as IDataObject;
	return {
		created: true,
		...sent,
		...(envelope.code !== undefined ? { code: envelope.code } : {}),
		...(envelope.message !== undefined ? { message: envelope.message } : {}),
		...(data !== undefined && data !== null ? { data: data as IDataObject } : {}),
	};
}
