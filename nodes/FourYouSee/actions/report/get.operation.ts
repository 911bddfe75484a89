import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemContext } from '../../../shared/items';
import { idLocator } from '../../../shared/locators';
import type { OperationOption } from '../../../shared/resources';
import { readReport, reportIdParameter } from '../../reports';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a report and its status',
	description: 'Read one report: its status (waiting, success, failed), range, filters and, when finished, the link to its file',
};

export const properties: INodeProperties[] = [
	idLocator({
		displayName: 'Report',
		name: 'reportId',
		description: 'The report to read, as Create returned it',
		searchListMethod: 'searchReports',
		idPlaceholder: 'e.g. 522873',
	}),
];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	return await readReport(item, reportIdParameter(item));
}
