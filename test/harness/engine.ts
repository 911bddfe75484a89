/**
 * Runs this package's nodes through n8n-core's real engine (WorkflowExecute, n8n's node contexts,
 * HTTP and binary helpers) with a credentials helper that behaves like n8n's. No n8n server.
 *
 * ```ts
 * const credentials = { fooApi: { baseUrl: sim.url, clientId: 'c', clientSecret: 's' } }; // by type, updated in place
 * const run = await runWorkflow({ workflow: path.join(__dirname, 'get.workflow.json'),  // or an object
 *                                 credentials, inputItems: [{ id: 1 }] });               // = the trigger's output
 * expect(run.status).toBe('success');
 * expect(run.output('Foo')[0]).toMatchObject({ json: { id: 1 }, pairedItem: { item: 0 } });
 * expect(credentials.fooApi.sessionToken).toBe('tok-1');          // preAuthentication stored it (n8n persists it)
 * expect(await testCredential('fooApi', { ...credentials.fooApi, clientSecret: 'x' })).toMatchObject({ status: 'Error' });
 * const hook = {};                                                 // the node's static data, updated in place
 * await runWebhookMethod({ node: { type: 'n8n-nodes-reporting.fooTrigger' }, method: 'create', credentials, staticData: hook });
 * const hit = await runWebhook({ node: { type: 'n8n-nodes-reporting.fooTrigger' }, credentials, staticData: hook,
 *                                request: { headers: { 'x-sig': sig }, body: { event: 'done' } } });
 * expect(hit.response.statusCode).toBe(200);                      // hit.workflowData = what webhook() emitted
 * const polled = await runPoll({ node: { type: 'n8n-nodes-reporting.fooPollTrigger' }, credentials, staticData: cursor });
 * ```
 * Types: `n8n-nodes-reporting.<description.name>` for every `nodes/**\/*.node.ts` (the class named like its file,
 * as n8n loads it), stand-ins `n8n-nodes-base.manualTrigger` and `.noOp`; `new TestEngine({...})` adds more.
 * `readBinary(item.binary.data)` gives a stored file's bytes; `harnessLogs()` what n8n logged.
 * Expressions run on n8n-workflow's `legacy` evaluator (n8n 2.x's `vm` needs isolated-vm: no Node 20 build);
 * `N8N_HARNESS_EXPRESSION_ENGINE=quickjs NODE_OPTIONS=--experimental-vm-modules npx jest ...` uses its sandbox.
 *
 * The pieces live in ./engine/: runtime.ts (n8n-core's container, expressions, binary data, logs),
 * loader.ts (node and credential types), credentials.ts (the credentials helper and credential
 * test), webhook-http.ts (request/response stand-ins), types.ts, test-engine.ts (`TestEngine`).
 * Test suites outside this repository build on this file: it keeps exporting what it always did.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TestEngine } from './engine/test-engine';
import type { RunPollOptions, RunWebhookMethodOptions, RunWebhookOptions, RunWorkflowOptions } from './engine/types';

export { HarnessCredentialsHelper, type CredentialStore } from './engine/credentials';
export type { LoadError, SourcePackage } from './engine/loader';
export { activeExpressionEngine, harnessLogs, readBinary, type HarnessExpressionEngine, type HarnessLogEntry } from './engine/runtime';
export { TestEngine } from './engine/test-engine';
export { MANUAL_TRIGGER_TYPE, NO_OP_TYPE } from './engine/types';
export type {
	InputItem,
	NodeSpec,
	PollRunResult,
	RunPollOptions,
	RunWebhookMethodOptions,
	RunWebhookOptions,
	RunWorkflowOptions,
	TestEngineOptions,
	WebhookMethodResult,
	WebhookRunResult,
	WorkflowJson,
	WorkflowNode,
	WorkflowRunResult,
} from './engine/types';
export type { RecordedResponse, WebhookRequestInput } from './engine/webhook-http';

/* ------------------------------------------------------------------------------------------------
 * Shortcuts on a shared engine with this repo's nodes and credentials
 * ---------------------------------------------------------------------------------------------- */

let defaultEngine: TestEngine | undefined;

function engine(): TestEngine {
	defaultEngine ??= new TestEngine();
	return defaultEngine;
}

export const runWorkflow = async (options: RunWorkflowOptions) => await engine().runWorkflow(options);
export const testCredential = async (type: string, data: ICredentialDataDecryptedObject) =>
	await engine().testCredential(type, data);
export const runWebhook = async (options: RunWebhookOptions) => await engine().runWebhook(options);
export const runWebhookMethod = async (options: RunWebhookMethodOptions) => await engine().runWebhookMethod(options);
export const runPoll = async (options: RunPollOptions) => await engine().runPoll(options);
