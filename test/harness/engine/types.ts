/** What the engine harness takes and gives back. */

import type {
	ExecutionBaseError,
	ExecutionStatus,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IPinData,
	IRun,
	IRunData,
	IVersionedNodeType,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import type { SourcePackage } from './loader';
import type { RecordedResponse, WebhookRequestInput } from './webhook-http';

/** The stand-ins the engine runs for n8n's own Manual Trigger and No Operation nodes. */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';

/** A workflow node as exported by n8n; `id`, `position`, `typeVersion` (latest) may be left out. */
export type WorkflowNode = Pick<INode, 'name' | 'type'> & Partial<INode>;

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: WorkflowNode[];
	connections: IWorkflowBase['connections'];
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
	pinData?: IPinData;
}

export type InputItem = IDataObject | INodeExecutionData;

export interface RunWorkflowOptions {
	/** The workflow object, or a path to its `.json` (relative paths from the current directory). */
	workflow: WorkflowJson | string;
	/** Credential data by type; every node gets the types it declares and that are given here. */
	credentials?: CredentialStore;
	/** Output of the start node instead of running it (n8n "pinned data"); plain objects become `{ json }`. */
	inputItems?: InputItem[];
	/** Name of the node to start from; default: n8n's choice (the first trigger). */
	startNode?: string;
	/** Extra pinned node outputs (the JSON's own `pinData` is ignored). */
	pinData?: IPinData;
	/** Workflow static data (`getWorkflowStaticData`); the same object is updated and returned. */
	staticData?: IDataObject;
	/** Default `manual`, like "Execute workflow" in the editor. */
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	/** The error that stopped the run (n8n's `resultData.error`). */
	error?: ExecutionBaseError;
	run: IRun;
	runData: IRunData;
	/** Node names in the order they finished. */
	executedNodes: string[];
	lastNodeExecuted?: string;
	/** Main output 0 of the last node that ran. */
	lastNodeOutput: INodeExecutionData[];
	/** Items a node sent on `outputIndex` in its `runIndex`-th run; throws if the node never ran. */
	output(nodeName: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	staticData: IDataObject;
}

/** A node for the trigger runners: a node of `workflow` by name, or a type with parameters. */
export type NodeSpec =
	| string
	| {
			type: string;
			name?: string;
			parameters?: INodeParameters;
			typeVersion?: number;
			credentials?: INodeCredentials;
			webhookId?: string;
			/** The node's id; keep it the same across calls to stand for one saved trigger. */
			id?: string;
	  };

export interface TriggerOptions {
	node: NodeSpec;
	/** Needed when `node` is a name, or to `execute` the rest of the workflow. */
	workflow?: WorkflowJson | string;
	credentials?: CredentialStore;
	/** The node's static data (`getWorkflowStaticData('node')`); the same object is updated. */
	staticData?: IDataObject;
}

export interface RunWebhookOptions extends TriggerOptions {
	request?: WebhookRequestInput;
	/** Which `description.webhooks[].name`; default `default`. */
	webhookName?: string;
	/** Default `webhook` (a production call); `manual` is "Listen for test event". */
	mode?: WorkflowExecuteMode;
	/** Run the workflow from this node with what `webhook()` returned (needs `workflow`). */
	execute?: boolean;
}

export interface WebhookRunResult {
	/** What `webhook()` returned. */
	result: IWebhookResponseData;
	workflowData?: INodeExecutionData[][];
	/** What the caller received: n8n's answer for `responseMode: onReceived`, or the node's own. */
	response: RecordedResponse;
	staticData: IDataObject;
	/** The run started from the webhook when `execute: true` and `webhook()` returned data. */
	execution?: WorkflowRunResult;
}

export interface RunWebhookMethodOptions extends TriggerOptions {
	method: 'checkExists' | 'create' | 'delete';
	webhookName?: string;
	/** Default `trigger`. */
	mode?: WorkflowExecuteMode;
	/** Default `activate`. */
	activation?: WorkflowActivateMode;
}

export interface WebhookMethodResult {
	result: boolean | undefined;
	/** The URL `getNodeWebhookUrl(webhookName)` gives the node. */
	webhookUrl?: string;
	staticData: IDataObject;
}

export interface RunPollOptions extends TriggerOptions {
	/** Default `trigger` (an active workflow's poll); `manual` is "Fetch test event". */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	/** Run the workflow from this node with the polled items (needs `workflow`). */
	execute?: boolean;
}

export interface PollRunResult {
	/** What `poll()` returned: `null` when there was nothing new. */
	items: INodeExecutionData[][] | null;
	staticData: IDataObject;
	execution?: WorkflowRunResult;
}

export interface TestEngineOptions {
	/** Folders loaded like packages in addition to this repo (`nodes/`, `credentials/`). */
	packages?: SourcePackage[];
	/** Extra node types by full type name (e.g. `test.fake`), used as given. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types (e.g. a parent type that `extends` names). */
	credentialTypes?: ICredentialType[];
	/** Base of webhook URLs; default `http://127.0.0.1:5678` (so `.../webhook/<id>/<path>`). */
	instanceBaseUrl?: string;
}
