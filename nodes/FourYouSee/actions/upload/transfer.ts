import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../shared/errors';
import { fourYouSeeRequest } from '../../transport';

/** File types the Manager takes (research section 1, Uploads): .html, .zip, .mp3, .mp4, .png, .jpg. */
export const UPLOAD_EXTENSIONS = ['html', 'zip', 'mp3', 'mp4', 'png', 'jpg', 'jpeg'];

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
 * Why multipart and not the unofficial doc's x-www-form-urlencoded header: the Python client sends
 * a normal multipart request with the file in the field `media` (research section 1, Uploads).
 * The body is the global FormData with a Blob: n8n's httpRequest hands it to axios, which streams it
 * with its own boundary; it can be sent again if the transport retries after a 429.
 */
export async function uploadBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	fileName?: string,
): Promise<UploadedFile> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, binaryPropertyName);
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	const name = (fileName ?? '').trim() || binary.fileName || `upload.${binary.fileExtension ?? 'bin'}`;
	if (buffer.length === 0) {
		throw inputError(ctx.getNode(), `The file in "${binaryPropertyName}" is empty`, 'The Manager refuses empty uploads: check the node that produced the file.', itemIndex);
	}
	const form = new FormData();
	form.append('media', new Blob([new Uint8Array(buffer)], { type: binary.mimeType || 'application/octet-stream' }), name);
	const answer = await fourYouSeeRequest<IDataObject>(ctx, 'POST', '/uploads', { body: form as unknown as IDataObject, itemIndex });
	if (answer.id === undefined || answer.id === null || answer.id === '') {
		throw inputError(
			ctx.getNode(),
			'4YouSee Manager accepted the upload but returned no file ID',
			`The answer was ${JSON.stringify(answer).slice(0, 200)}. Look for the file under Uploads in the Manager before trying again.`,
			itemIndex,
		);
	}
	return { ...answer, id: String(answer.id), filename: String(answer.filename ?? name) };
}
