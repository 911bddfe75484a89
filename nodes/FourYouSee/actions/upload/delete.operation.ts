import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idPath } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import { locatorValue } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { deleteObject } from '../common';
import { uploadIdField } from '../media/fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a staged upload',
	description: 'Delete a staged file that no media or news uses yet; returns {deleted: true}',
};

export const properties: INodeProperties[] = [uploadIdField('Upload', 'A staged file that is not yet a media', true)];

/** 204 on success; a missing upload answers 404 `{"message":"Upload file not found"}`. */
export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const id = locatorValue(item, 'uploadId', 'Upload');
	return await deleteObject(item, idPath('uploads', id, 'Upload ID'));
}
