import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { fourYouSeeRequest } from '../../transport';

/** The file types the Manager takes (https://4yousee-suporte.github.io/endpoints/conteudos.html). */
export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file to upload',
	description: 'The binary field of the input item that holds the file (.html, .zip, .mp3, .mp4, .png or .jpg)',
};

/** The staged file as the Manager returns it and expects it back in medias and news. */
export interface UploadedFile extends IDataObject {
	id: string;
	filename: string;
}

/**
 * Stages one binary input file with `POST /uploads` and returns its `{id, filename}`.
 * ASSUMPTION: multipart, not the x-www-form-urlencoded header the unofficial docs name: their
 * example and the Python client send a normal multipart request with the file in the field `media`
 * (https://github.com/Alfareiza/4yousee/blob/ac832b2/fouryousee/fouryousee.py).
 * The body is the global FormData with a Blob: n8n's httpRequest hands it to axios, which streams it
 * with its own boundary; it can be sent again if the transport retries after a 429.
 */
export async function uploadBinary(item: ItemContext, binaryPropertyName: string, fileName?: string): Promise<UploadedFile> {
	const { n8n: ctx, itemIndex } = item;
	const binary = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const name = (fileName ?? '').trim() || binary.fileName || `upload.${binary.fileExtension ?? 'bin'}`;
	if (buffer.length === 0) {
		throw new InputError(`The file in "${binaryPropertyName}" is empty`, 'The Manager refuses empty uploads: check the node that produced the file.');
	}
	const form = new FormData();
	form.append('media', new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }), name);
	const answer = await fourYouSeeRequest<IDataObject>(item, 'POST', '/uploads', { body: form as unknown as IDataObject });
	if (answer.id === undefined || answer.id === null || answer.id === '') {
		throw new InputError(
			'4YouSee Manager accepted the upload but returned no file ID',
			`The answer was ${JSON.stringify(answer).slice(0, 200)}. Look for the file under Uploads in the Manager before trying again.`,
		);
	}
	return { ...answer, id: String(answer.id), filename: String(answer.filename ?? name) };
}
