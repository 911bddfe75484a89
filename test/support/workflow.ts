/**
 * The workflow the engine and end-to-end tests run a node in: a Manual Trigger named "Start", then
 * the node (or a few nodes in a row), as the editor saves it. The engine harness runs it
 * (`runWorkflow({ workflow })`), a real n8n imports it (`n8n().importWorkflow(...)`).
 *
 * ```ts
 * manualWorkflow({ name: 'Trust', type: 'n8n-nodes-reporting.trust', parameters, continueOnFail: true });
 * manualWorkflow([{ name: 'Create', type, parameters: a }, { name: 'Get', type, parameters: b }], { name: 'e2e: two steps' });
 * ```
 */
import { randomUUID } from 'node:crypto';

import type { INodeCredentials, INodeParameters, IWorkflowSettings } from 'n8n-workflow';

// Only constants and types: an e2e test importing this file does not load n8n-core's engine.
import { MANUAL_TRIGGER_TYPE, type WorkflowJson, type WorkflowNode } from '../harness/engine/types';

export interface WorkflowStep {
	name: string;
	type: string;
	parameters?: INodeParameters | Record<string, unknown>;
	/** Default 1. */
	typeVersion?: number;
	/** The saved credential per credential type, e.g. `{ trustApi: { id: '1', name: 'Trust API' } }`. */
	credentials?: INodeCredentials;
	/** The node's "On Error: Continue" setting (`onError: continueRegularOutput`). */
	continueOnFail?: boolean;
}

/** A workflow both the engine harness and n8n's public API take. */
export type TestWorkflow = WorkflowJson & Record<string, unknown>;

/** Manual Trigger "Start" → `steps` in a row, each fed by the one before. */
export function manualWorkflow(
	steps: WorkflowStep | WorkflowStep[],
	options: { name?: string; settings?: IWorkflowSettings } = {},
): TestWorkflow {
	const nodes: WorkflowNode[] = [
		{ id: randomUUID(), name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		...[steps].flat().map((step, i) => ({
			id: randomUUID(),
			name: step.name,
			type: step.type,
			typeVersion: step.typeVersion ?? 1,
			position: [220 * (i + 1), 0] as [number, number],
			parameters: (step.parameters ?? {}) as INodeParameters,
			...(step.credentials ? { credentials: step.credentials } : {}),
			...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		})),
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 1; i < nodes.length; i++) {
		connections[nodes[i - 1].name] = { main: [[{ node: nodes[i].name, type: 'main', index: 0 }]] };
	}
	return { name: options.name ?? 'test workflow', nodes, connections, settings: options.settings ?? { executionOrder: 'v1' } };
}
