import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fourYouSeeRequest } from '../../transport';
import { errorBody, errorStatus, notFoundError, pathFromParameter, withNote } from '../libraryHelpers';
import { mediaIdField } from './fields';

const properties: INodeProperties[] = [mediaIdField];

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['delete'] } }, properties);

/**
 * `DELETE /medias/{id}` answers with the deleted media rather than 204, and a missing media answers
 * 400 `{"error":"C004","message":"Resource not found."}` (research section 1, Errors): both are
 * turned into the node's usual `{ deleted: true }` and a plain "not found".
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = this.getNodeParameter('mediaId', itemIndex);
	const path = pathFromParameter(this, '/medias', 'mediaId', 'Media ID', itemIndex);
	try {
		await fourYouSeeRequest(this, 'DELETE', path, { itemIndex });
	} catch (error) {
		const body = errorBody(error);
		if (errorStatus(error) === 400 && body?.error === 'C004') {
			throw notFoundError(this, 'Media', id, `400 C004 "${String(body.message ?? 'Resource not found.')}"`, itemIndex);
		}
		throw withNote(error, '');
	}
	return { deleted: true };
}
