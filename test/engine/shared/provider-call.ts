/**
 * A tiny test node that sends one `providerRequest` per input item with a profile picked by name,
 * the way a provider transport does, and outputs the answer (or the error's message and
 * description): the shared request layer run inside n8n-core's real engine and request helpers.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { providerJson, requestContext, type ProviderProfile } from '../../../nodes/shared/http';

export const PROVIDER_CALL_TYPE = 'test.providerCall';

export function providerCallNode(profiles: Record<string, ProviderProfile>, credentialTypes: string[]): INodeType {
	const description: INodeTypeDescription = {
		displayName: 'Provider Call',
		name: 'providerCall',
		group: ['transform'],
		version: 1,
		description: 'Sends one shared-layer request per item',
		defaults: { name: 'Provider Call' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialTypes.map((name) => ({ name, required: false })),
		properties: [
			{ displayName: 'Profile', name: 'profile', type: 'string', default: '' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
		],
	};
	return {
		description,
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const out: INodeExecutionData[] = [];
			for (let i = 0; i < this.getInputData().length; i++) {
				const profile = profiles[this.getNodeParameter('profile', i) as string];
				const url = this.getNodeParameter('path', i) as string;
				try {
					out.push({ json: await providerJson<IDataObject>(requestContext(this, i), profile, { url }), pairedItem: { item: i } });
				} catch (error) {
					const e = error as { message: string; description?: string; httpCode?: string };
					out.push({ json: { error: e.message, description: e.description ?? null, httpCode: e.httpCode ?? null }, pairedItem: { item: i } });
				}
			}
			return [out];
		},
	};
}

/** Manual trigger -> the provider call node with the given parameters. */
export function callWorkflow(profile: string, path: string) {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger' },
			{ name: 'Call', type: PROVIDER_CALL_TYPE, parameters: { profile, path } },
		],
		connections: { Start: { main: [[{ node: 'Call', type: 'main' as const, index: 0 }]] } },
	};
}
