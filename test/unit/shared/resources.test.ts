import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { Operation } from '../../../nodes/shared/resources';
import { defineNode, defineResource } from '../../../nodes/shared/resources';

const op = (name: string, properties: INodeProperties[] = [], result = name): Operation => ({
	option: { name, action: `${name} a thing`, description: `${name} it` },
	properties,
	execute: async () => ({ ran: result }),
});

const limit: INodeProperties = { displayName: 'Limit', name: 'limit', type: 'number', default: 50, description: 'Max' };
const thing = defineResource({
	value: 'thing',
	name: 'Thing',
	operations: { get: op('Get'), getMany: op('Get Many', [limit]) },
	defaultOperation: 'getMany',
	renamedSinceV1: { getAll: 'getMany' },
});
const other = defineResource({ value: 'other', name: 'Another', operations: { get: op('Get', [], 'other') }, defaultOperation: 'get' });
const node = defineNode([thing, other], 'thing');

function visible(version: number, parameters: Record<string, unknown>) {
	const description = { properties: node.properties } as never;
	const nodeStub = { typeVersion: version, parameters } as never;
	return node.properties
		.filter((p) => NodeHelpers.displayParameter(parameters as never, p, nodeStub, description))
		.map((p) => `${p.name}${p.type === 'options' && p.name === 'operation' ? `:${(p.options ?? []).map((o) => (o as { value: string }).value).join('/')}` : ''}`);
}

describe('resource registry', () => {
	it('generates the Resource selector, sorted by name, from the resources', () => {
		const resource = node.properties[0];
		expect(resource.name).toBe('resource');
		expect((resource.options ?? []).map((o) => (o as { value: string }).value)).toEqual(['other', 'thing']);
		expect(resource.default).toBe('thing');
	});

	it('shows the current operation values on version 2 and the renamed ones on version 1', () => {
		expect(visible(2, { resource: 'thing', operation: 'getMany' })).toEqual(['resource', 'operation:get/getMany', 'limit']);
		expect(visible(1, { resource: 'thing', operation: 'getAll' })).toEqual(['resource', 'operation:get/getAll', 'limit']);
		expect(visible(2, { resource: 'other', operation: 'get' })).toEqual(['resource', 'operation:get']);
	});

	it('routes old and new operation values to the same operation', () => {
		expect(node.find('thing', 'getAll')).toBe(node.find('thing', 'getMany'));
		expect(node.find('thing', 'nope')).toBeUndefined();
		expect(node.find('nope', 'get')).toBeUndefined();
	});

	it('runs the chosen operation once per item', async () => {
		const ctx = {
			getNodeParameter: (name: string) => ({ resource: 'other', operation: 'get' })[name as 'resource'],
			getInputData: () => [{ json: {} }, { json: {} }],
			getNode: () => ({ name: 'n' }),
			continueOnFail: () => false,
		} as unknown as IExecuteFunctions;
		const [out] = await node.route(ctx);
		expect(out).toEqual([
			{ json: { ran: 'other' }, pairedItem: { item: 0 } },
			{ json: { ran: 'other' }, pairedItem: { item: 1 } },
		]);
	});

	it('refuses an unknown default resource', () => {
		expect(() => defineNode([thing], 'missing')).toThrow('Unknown default resource');
	});
});
