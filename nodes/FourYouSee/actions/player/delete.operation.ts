import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { deleteObject, pathFromParameter } from '../libraryHelpers';
import { playerIdField } from './fields';

const properties: INodeProperties[] = [playerIdField];

export const description = updateDisplayOptions({ show: { resource: ['player'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const path = pathFromParameter(this, '/players', 'playerId', 'Player ID', itemIndex);
	return await deleteObject(this, path, itemIndex);
}
