import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/fields';
import type { ItemContext } from '../../../shared/items';
import type { OperationOption } from '../../../shared/resources';
import { getReport, reportReference } from '../../reports';
import { reportField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a report',
	description: 'Get one rated data report by ID: its status (submitted, processing, completed, error), period, format and, once completed, its download link',
};

export const properties: INodeProperties[] = [reportField('The report to get (reports listed without an ID can only be downloaded)', false)];

export async function execute(this: IExecuteFunctions, item: ItemContext): Promise<IDataObject> {
	const reference = reportReference(this.getNodeParameter('reportId', item.itemIndex, '', { extractValue: true }));
	if (!reference) throw new InputError('Report is empty', 'Pick a report, enter its ID, or map it from an earlier node.');
	if (!reference.id) {
		throw new InputError(
			'Report > Get needs a report ID',
			'This report has only a download link (the server lists reports without IDs): use Report > Download with it, or Report > Get Many to see its details.',
		);
	}
	return await getReport(item, reference.id);
}
