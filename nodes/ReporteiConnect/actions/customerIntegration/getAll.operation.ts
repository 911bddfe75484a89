import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listOptions, returnAllOrLimit } from '../../../shared/descriptions';
import { customerIntegrationEnvelope, REPORTEI, reporteiList } from '../../transport';
import { customerToken, customerTokenField } from '../common';

const show = { resource: ['customerIntegration'], operation: ['getAll'] };

const properties: INodeProperties[] = [customerTokenField, ...returnAllOrLimit(show)];

export const description = updateDisplayOptions({ show }, properties);

/** The customer's connected networks (list shape undocumented: see customerIntegrationEnvelope). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await reporteiList(
		this,
		'/customer-integrations',
		listOptions(this, itemIndex, REPORTEI.pageSize),
		{ customerToken: customerToken(this, itemIndex), itemIndex },
		customerIntegrationEnvelope,
	);
}
