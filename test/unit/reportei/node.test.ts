import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ReporteiConnect } from '../../../nodes/ReporteiConnect/ReporteiConnect.node';

const { description } = new ReporteiConnect();

/** The Operation values the editor offers for a resource in one node version. */
function operationValues(version: number, resource: string): string[] {
	const parameters = { resource };
	const node = { typeVersion: version, parameters } as never;
	const shown = description.properties.filter(
		(p: INodeProperties) => p.name === 'operation' && NodeHelpers.displayParameter(parameters as never, p, node, description as never),
	);
	return shown.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => String(o.value)));
}

describe('Reportei Connect node description', () => {
	test('version 2 is the default and version 1 is still loadable', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	test.each([
		['customer', ['create', 'delete', 'get', 'getMany', 'getSettings', 'setPaymentStatus', 'update']],
		['customerIntegration', ['delete', 'get', 'getMany']],
	])('%s: version 2 offers getMany, version 1 keeps the saved getAll', (resource, current) => {
		expect(operationValues(2, resource)).toEqual(current);
		expect(operationValues(1, resource)).toEqual(current.map((value) => (value === 'getMany' ? 'getAll' : value)));
	});

	test('resources without a renamed operation have one selector for every version', () => {
		expect(operationValues(1, 'metrics')).toEqual(['getData', 'getDataAsync']);
		expect(operationValues(2, 'metrics')).toEqual(['getData', 'getDataAsync']);
	});

	test('the Return All and Limit fields show for both saved values of Get Many', () => {
		const returnAll = description.properties.filter((p) => p.name === 'returnAll');
		expect(returnAll.map((p) => p.displayOptions?.show)).toEqual([
			{ resource: ['customer'], operation: ['getMany', 'getAll'] },
			{ resource: ['customerIntegration'], operation: ['getMany', 'getAll'] },
		]);
	});
});

describe('editing defaults and notices', () => {
	const named = (name: string) => description.properties.filter((p) => p.name === name);

	test('Metrics (JSON) starts empty, its shape shown as a placeholder and a hint', () => {
		const [json] = named('metricsJson');
		expect(json.default).toBe('');
		expect(json.placeholder).toMatch(/^e\.g\. \{"metrics": \[\{"reference_key"/);
		expect(json.hint).toMatch(/Format for Connect/);
	});

	test("Customer > Create says in a notice that the api_token is shown only once", () => {
		const [notice] = named('apiTokenNotice');
		expect(notice.type).toBe('notice');
		expect(notice.displayOptions?.show).toMatchObject({ resource: ['customer'], operation: ['create'] });
		expect(notice.displayName).toMatch(/api_token<\/b> only once/);
	});

	test('every ID a list supplies is a picker: customer, customer integration, integrations to combine and offer', () => {
		for (const name of ['customerId', 'customerIntegrationId', 'customerIntegration']) {
			for (const field of named(name)) expect(field.type).toBe('resourceLocator');
		}
		const options = named('comparison')[0].options as Array<{ name: string; type: string; typeOptions?: { loadOptionsMethod?: string } }>;
		expect(options.find((o) => o.name === 'customerIntegrationIds')).toMatchObject({ type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getCustomerIntegrations' } });
	});

	test('placeholders start with "e.g."', () => {
		const placeholders: string[] = [];
		const walk = (properties: INodeProperties[]) => {
			for (const p of properties) {
				if (p.placeholder && !['collection', 'fixedCollection'].includes(p.type)) placeholders.push(p.placeholder);
				for (const o of (p.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>) {
					if (o.values) walk(o.values);
					else if ('type' in o) walk([o]);
				}
				for (const mode of (p.modes ?? []) as Array<{ placeholder?: string }>) if (mode.placeholder) placeholders.push(mode.placeholder);
			}
		};
		walk(description.properties);
		expect(placeholders.filter((p) => !p.startsWith('e.g. '))).toEqual([]);
	});
});

test('the trigger notice explains the Production URL and the test flow', async () => {
	const { ReporteiConnectTrigger } = await import('../../../nodes/ReporteiConnect/ReporteiConnectTrigger.node');
	const notice = new ReporteiConnectTrigger().description.properties.find((p) => p.type === 'notice')!;
	expect(notice.displayName).toMatch(/Production URL/);
	expect(notice.displayName).toMatch(/Listen for test event/);
	expect(notice.displayName).toMatch(/Test URL/);
});
