import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { failureOf, providerApiError, type ProviderApiError, type ProviderFailure } from '../../../shared/errors';
import { idPath } from '../../../shared/fields';
import { asNodeError, type ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { fourYouSeeRequest } from '../../transport';
import { mediaIdField } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a media',
	description: 'Delete a media from the content library by ID; returns {deleted: true}',
};

export const properties: INodeProperties[] = [mediaIdField];

/** "Media N was not found", with what the Manager answered; the failure stays on it as data. */
function mediaNotFound(ctx: IExecuteFunctions, item: ItemContext, id: unknown, failure: ProviderFailure): ProviderApiError {
	const body = failure.body && typeof failure.body === 'object' ? (failure.body as IDataObject) : {};
	const answered = [failure.status, body.error].filter((part) => part !== undefined).join(' ');
	const message = `Media ${String(id)} was not found`;
	return providerApiError(
		ctx.getNode(),
		{ message, httpCode: '404' },
		{
			message,
			description: `4YouSee Manager answered ${answered}${failure.said ? ` "${failure.said}"` : ''}. Check the Media ID; the media may already have been deleted.`,
			httpCode: '404',
			itemIndex: item.itemIndex,
		},
		failure,
	);
}

/**
 * `DELETE /medias/{id}` answers with the deleted media rather than 204, and a missing media answers
 * 400 `{"error":"C004","message":"Resource not found."}`
 * (https://4yousee-suporte.github.io/endpoints/conteudos.html), which the profile reads as "not
 * found": both become the node's usual `{ deleted: true }` and a plain "Media N was not found".
 */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'mediaId', 'Media');
	try {
		await fourYouSeeRequest(item, 'DELETE', idPath('medias', id, 'Media ID'));
	} catch (error) {
		const failure = failureOf(error);
		if (failure?.notFound) throw mediaNotFound(this, item, id, failure);
		throw asNodeError(this, error, item.itemIndex);
	}
	return { deleted: true };
}
