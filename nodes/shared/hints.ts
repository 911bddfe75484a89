import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import type { N8nFunctions } from './http';

/** Hints already given in one node run: several items reaching the same limit say it once. */
const givenPerRun = new WeakMap<object, Set<string>>();

/**
 * Tells the user something worth knowing after a run (a limit reached, a range the provider did
 * not apply, a wait that timed out): shown under the node's output in the editor, once per run
 * however many items give it. n8n versions without execution hints simply do not show it.
 */
export function executionHint(n8n: N8nFunctions, message: string, type: NodeExecutionHint['type'] = 'info'): void {
	const withHints = n8n as Partial<Pick<IExecuteFunctions, 'addExecutionHints'>>;
	if (typeof withHints.addExecutionHints !== 'function') return;
	let given = givenPerRun.get(n8n);
	if (!given) {
		given = new Set();
		givenPerRun.set(n8n, given);
	}
	if (given.has(message)) return;
	given.add(message);
	withHints.addExecutionHints({ message, type, location: 'outputPane' });
}

/** The hint of a list that stopped at its Limit while the provider had more. */
export function limitReachedHint(n8n: N8nFunctions, returned: number): void {
	executionHint(n8n, `Returned the first ${returned} results; turn on Return All or raise Limit to get more`);
}
