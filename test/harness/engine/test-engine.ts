/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/** The engine: n8n-core's WorkflowExecute and node contexts over this package's node types. */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	PollContext,
	TriggersAndPollers,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { deepCopy, NodeConnectionTypes, UserError, Workflow } from 'n8n-workflow';
import type {
	IHookFunctions,
	WebhookType,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IPinData,
	ITaskData,
	IVersionedNodeType,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { Container, ensureRuntime, withIsolate } from './runtime';
import {
	CredentialTypeRegistry,
	HarnessNodeTypes,
	ManualTriggerStandIn,
	NoOpStandIn,
	PACKAGE_NAME,
	REPO_ROOT,
	SourceDirectoryLoader,
	type LoadError,
	type SourcePackage,
} from './loader';
import { HarnessCredentialsHelper, runCredentialTest, type CredentialStore } from './credentials';
import {
	buildRequest,
	describeWebhook,
	RecordingResponse,
	resolveWebhookField,
	type RecordedResponse,
} from './webhook-http';
import {
	MANUAL_TRIGGER_TYPE,
	NO_OP_TYPE,
	type PollRunResult,
	type RunPollOptions,
	type RunWebhookMethodOptions,
	type RunWebhookOptions,
	type RunWorkflowOptions,
	type TestEngineOptions,
	type TriggerOptions,
	type WebhookMethodResult,
	type WebhookRunResult,
	type WorkflowJson,
	type WorkflowNode,
	type InputItem,
	type WorkflowRunResult,
} from './types';

interface PreparedWorkflow {
	workflow: Workflow;
	json: WorkflowJson;
	helper: HarnessCredentialsHelper;
	staticData: IDataObject;
}

let executionCounter = 0;

export class TestEngine {
	private loaded?: Promise<{ nodeTypes: HarnessNodeTypes; credentialTypes: CredentialTypeRegistry }>;

	private readonly loadErrorList: LoadError[] = [];

	constructor(private readonly options: TestEngineOptions = {}) {}

	/** Files that failed to load (their node types are then unknown). */
	get loadErrors(): LoadError[] {
		return this.loadErrorList;
	}

	async nodeTypeNames(): Promise<string[]> {
		return (await this.types()).nodeTypes.names();
	}

	/** Runs a workflow through n8n-core's `WorkflowExecute`, from its trigger to the end. */
	async runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
		const prepared = await this.prepare(options.workflow, options.credentials, options.staticData);
		const startNode = options.startNode
			? prepared.workflow.getNode(options.startNode)
			: prepared.workflow.getStartNode();
		if (!startNode) throw new UserError(`Start node "${options.startNode ?? ''}" not found in the workflow`);

		const pinData: IPinData = { ...(options.pinData ?? {}) };
		if (options.inputItems) pinData[startNode.name] = options.inputItems.map(toExecutionData);
		return await this.execute(prepared, options.mode ?? 'manual', startNode, { pinData });
	}

	/**
	 * Tests a credential as n8n's CredentialsTester does: its `test` request (or a node's
	 * `testedBy`) sent through RoutingNode after `preAuthentication`, then `rules` applied.
	 * Works on a copy of `data`.
	 */
	async testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
		return await runCredentialTest(type, data, await this.types(), (helper) => this.additionalData(helper, 'harness-credential-test'));
	}

	/**
	 * Calls a webhook trigger's `webhook()` as n8n's webhook service does: a WebhookContext with
	 * the request, a response object the node may answer on, then n8n's immediate answer.
	 */
	async runWebhook(options: RunWebhookOptions): Promise<WebhookRunResult> {
		const mode = options.mode ?? 'webhook';
		const { prepared, node, staticData } = await this.prepareTrigger(options);
		const nodeType = prepared.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook) throw new UserError(`Node type "${node.type}" has no webhook() method`);

		const additionalData = this.additionalData(prepared.helper, prepared.workflow.id);
		const webhookData = await withIsolate(prepared.workflow, async () =>
			describeWebhook(prepared.workflow, node, options.webhookName ?? 'default', additionalData, mode),
		);
		const request = buildRequest(
			{ method: webhookData.httpMethod, ...(options.request ?? {}) },
			`/webhook/${webhookData.path}`,
		);
		const response = new RecordingResponse();
		additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];

		const context = new WebhookContext(prepared.workflow, node, additionalData, mode, webhookData, [], null);
		const description = webhookData.webhookDescription;
		const { result, responseCode, responseMode } = await withIsolate(prepared.workflow, async () => ({
			result: ((await nodeType.webhook!.call(context)) ?? {}) as IWebhookResponseData,
			responseCode: Number(resolveWebhookField(prepared.workflow, node, description.responseCode, mode) ?? 200),
			responseMode: resolveWebhookField(prepared.workflow, node, description.responseMode, mode) ?? 'onReceived',
		}));
		let recorded: RecordedResponse;
		if (result.noWebhookResponse === true || response.finished) {
			recorded = {
				statusCode: response.used ? response.statusCode : undefined,
				headers: response.headers,
				body: response.body,
				sentByNode: true,
			};
		} else if (result.workflowData === undefined || responseMode === 'onReceived') {
			// n8n's immediate answer (webhook-helpers.ts): the node's webhookResponse, else a message.
			const message = result.workflowData === undefined ? 'Webhook call received' : 'Workflow was started';
			recorded = {
				statusCode: responseCode,
				headers: response.headers,
				body: result.webhookResponse !== undefined ? result.webhookResponse : { message },
				sentByNode: false,
			};
		} else {
			// lastNode / responseNode answers come from the finished run, which the harness does not model.
			recorded = { statusCode: undefined, headers: response.headers, body: undefined, sentByNode: false };
		}

		let execution: WorkflowRunResult | undefined;
		if (options.execute && result.workflowData) {
			execution = await this.execute(prepared, mode, node, { startData: result.workflowData });
		}
		return { result, workflowData: result.workflowData, response: recorded, staticData, execution };
	}

	/** Calls `webhookMethods[webhookName][method]` (checkExists / create / delete) in a HookContext. */
	async runWebhookMethod(options: RunWebhookMethodOptions): Promise<WebhookMethodResult> {
		const mode = options.mode ?? 'trigger';
		const { prepared, node, staticData } = await this.prepareTrigger(options);
		const nodeType = prepared.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookName = options.webhookName ?? 'default';
		const methods = nodeType.webhookMethods as
			| Record<string, Record<string, ((this: IHookFunctions) => Promise<boolean>) | undefined> | undefined>
			| undefined;
		const method = methods?.[webhookName]?.[options.method];
		if (!method) throw new UserError(`Node type "${node.type}" has no webhookMethods.${webhookName}.${options.method}`);

		const additionalData = this.additionalData(prepared.helper, prepared.workflow.id);
		return await withIsolate(prepared.workflow, async () => {
			const webhookData = describeWebhook(prepared.workflow, node, webhookName, additionalData, mode);
			const context = new HookContext(
				prepared.workflow,
				node,
				additionalData,
				mode,
				options.activation ?? 'activate',
				webhookData,
			);
			const result = await method.call(context);
			return { result, webhookUrl: context.getNodeWebhookUrl(webhookName as WebhookType), staticData };
		});
	}

	/** Calls a polling trigger's `poll()` in a PollContext; pass the same `staticData` to poll again. */
	async runPoll(options: RunPollOptions): Promise<PollRunResult> {
		const mode = options.mode ?? 'trigger';
		const { prepared, node, staticData } = await this.prepareTrigger(options);
		const nodeType = prepared.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new UserError(`Node type "${node.type}" has no poll() method`);

		const additionalData = this.additionalData(prepared.helper, prepared.workflow.id);
		const context = new PollContext(prepared.workflow, node, additionalData, mode, options.activation ?? 'activate');
		const items = await withIsolate(
			prepared.workflow,
			async () => await Container.get(TriggersAndPollers).runPollFunction(prepared.workflow, node, context),
		);

		let execution: WorkflowRunResult | undefined;
		if (options.execute && items) {
			execution = await this.execute(prepared, mode, node, { startData: items });
		}
		return { items, staticData, execution };
	}

	/* -------------------------------------------- internals -------------------------------------------- */

	private async types() {
		this.loaded ??= this.load();
		return await this.loaded;
	}

	private async load() {
		await ensureRuntime();
		const nodes = new Map<string, INodeType | IVersionedNodeType>();
		const credentials = new Map<string, ICredentialType>();
		const supportedNodes = new Map<string, string[]>();

		const packages: SourcePackage[] = [
			{ packageName: PACKAGE_NAME, directory: REPO_ROOT, include: ['nodes', 'credentials'] },
			...(this.options.packages ?? []),
		];
		for (const source of packages) {
			const loader = new SourceDirectoryLoader(source);
			await loader.loadAll();
			this.loadErrorList.push(...loader.loadErrors.map(({ file, error }) => ({ file: path.join(source.directory, file), error })));
			for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodes.set(`${source.packageName}.${name}`, type);
			for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentials.set(name, type);
			for (const [name, nodeNames] of Object.entries(loader.nodesByCredential)) {
				supportedNodes.set(name, [
					...(supportedNodes.get(name) ?? []),
					...nodeNames.map((nodeName) => `${source.packageName}.${nodeName}`),
				]);
			}
		}

		nodes.set(MANUAL_TRIGGER_TYPE, new ManualTriggerStandIn());
		nodes.set(NO_OP_TYPE, new NoOpStandIn());
		for (const [name, type] of Object.entries(this.options.nodeTypes ?? {})) nodes.set(name, type);
		for (const type of this.options.credentialTypes ?? []) credentials.set(type.name, type);

		return {
			nodeTypes: new HarnessNodeTypes(nodes, this.loadErrorList),
			credentialTypes: new CredentialTypeRegistry(credentials, supportedNodes, this.loadErrorList),
		};
	}

	private async prepare(
		source: WorkflowJson | string,
		credentials: CredentialStore | undefined,
		staticData: IDataObject | undefined,
	): Promise<PreparedWorkflow> {
		const { nodeTypes, credentialTypes } = await this.types();
		const json = deepCopy(readWorkflow(source));
		const store = credentials ?? {};

		const nodes = json.nodes as INode[];
		for (const node of nodes) {
			const described = nodeTypes.getByName(node.type);
			node.id ??= randomUUID();
			node.position ??= [0, 0];
			node.parameters ??= {};
			node.typeVersion ??=
				'nodeVersions' in described
					? described.currentVersion
					: [described.description.version].flat().slice(-1)[0];
			const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			// n8n saves a webhook node's id with the workflow; keep it stable between runner calls.
			if (nodeType.description.webhooks?.length) node.webhookId ??= stableUuid(`${node.type}:${node.name}`);
			// A user picks a saved credential per node; here every declared type given by the test is set.
			for (const { name } of nodeType.description.credentials ?? []) {
				if (store[name] !== undefined && node.credentials?.[name] === undefined) {
					node.credentials = { ...(node.credentials ?? {}), [name]: { id: name, name } };
				}
			}
		}

		const workflowStaticData = staticData ?? json.staticData ?? {};
		const workflow = new Workflow({
			id: json.id ?? 'harness-workflow',
			name: json.name ?? 'Harness workflow',
			nodes,
			connections: json.connections,
			active: false,
			nodeTypes,
			staticData: workflowStaticData,
			settings: { executionOrder: 'v1', ...(json.settings ?? {}) },
		});
		return { workflow, json, helper: new HarnessCredentialsHelper(credentialTypes, store), staticData: workflowStaticData };
	}

	private async prepareTrigger(options: TriggerOptions) {
		let json: WorkflowJson;
		let nodeName: string;
		if (typeof options.node === 'string') {
			if (!options.workflow) throw new UserError('A node given by name needs `workflow`');
			json = readWorkflow(options.workflow);
			nodeName = options.node;
		} else {
			const spec = options.node;
			nodeName = spec.name ?? 'Trigger';
			const node: WorkflowNode = {
				name: nodeName,
				type: spec.type,
				parameters: spec.parameters ?? {},
				typeVersion: spec.typeVersion,
				credentials: spec.credentials,
				webhookId: spec.webhookId,
				...(spec.id ? { id: spec.id } : {}),
			};
			if (options.workflow) {
				const base = readWorkflow(options.workflow);
				json = { ...base, nodes: [...base.nodes.filter((n) => n.name !== nodeName), node] };
			} else {
				json = { nodes: [node], connections: {} };
			}
		}

		const staticData = options.staticData ?? {};
		const prepared = await this.prepare(json, options.credentials, { [`node:${nodeName}`]: staticData });
		const node = prepared.workflow.getNode(nodeName);
		if (!node) throw new UserError(`Node "${nodeName}" not found in the workflow`);
		return { prepared, node, staticData };
	}

	private additionalData(credentialsHelper: HarnessCredentialsHelper, workflowId: string): IWorkflowExecuteAdditionalData {
		const base = (this.options.instanceBaseUrl ?? 'http://127.0.0.1:5678').replace(/\/$/, '');
		const unsupported = (what: string) => async () => {
			throw new UserError(`${what} is not supported by the test harness`);
		};
		return {
			credentialsHelper,
			executionId: String(++executionCounter),
			workflowId,
			userId: 'harness-user',
			executeWorkflow: unsupported('Executing a sub-workflow'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('A task runner (Code node)'),
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
			variables: {},
			logAiEvent: () => {},
			externalSecretsProxy: new ExternalSecretsProxy(),
		} as IWorkflowExecuteAdditionalData;
	}

	private async execute(
		prepared: PreparedWorkflow,
		mode: WorkflowExecuteMode,
		startNode: INode,
		options: { pinData?: IPinData; startData?: INodeExecutionData[][] },
	): Promise<WorkflowRunResult> {
		const { workflow, json } = prepared;
		const executedNodes: string[] = [];
		const workflowData = {
			id: workflow.id,
			name: workflow.name,
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			settings: workflow.settings,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase;
		const additionalData = this.additionalData(prepared.helper, workflow.id);
		const hooks = new ExecutionLifecycleHooks(mode, additionalData.executionId!, workflowData);
		hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
			executedNodes.push(nodeName);
		});
		additionalData.hooks = hooks;

		const run = await new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode,
			pinData: options.pinData && Object.keys(options.pinData).length ? options.pinData : undefined,
			triggerToStartFrom: options.startData
				? { name: startNode.name, data: { data: { main: options.startData } } as unknown as ITaskData }
				: undefined,
		});

		const { runData, lastNodeExecuted, error } = run.data.resultData;
		const output = (nodeName: string, outputIndex = 0, runIndex = 0): INodeExecutionData[] => {
			const task = runData[nodeName]?.[runIndex];
			if (!task) {
				const ran = Object.keys(runData).join(', ') || 'none';
				const why = error ? ` The run stopped with: ${error.message}` : '';
				throw new UserError(`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran}).${why}`);
			}
			return task.data?.[NodeConnectionTypes.Main]?.[outputIndex] ?? [];
		};
		return {
			status: run.status,
			error,
			run,
			runData,
			executedNodes,
			lastNodeExecuted,
			lastNodeOutput: lastNodeExecuted && runData[lastNodeExecuted] ? output(lastNodeExecuted) : [],
			output,
			staticData: prepared.staticData,
		};
	}
}

/** A UUID-shaped id derived from `seed`, so the same node gets the same webhook URL every call. */
function stableUuid(seed: string): string {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function readWorkflow(source: WorkflowJson | string): WorkflowJson {
	if (typeof source !== 'string') return source;
	return JSON.parse(readFileSync(path.resolve(source), 'utf8')) as WorkflowJson;
}

function toExecutionData(item: InputItem): INodeExecutionData {
	const candidate = item as INodeExecutionData;
	if (candidate && typeof candidate.json === 'object' && candidate.json !== null && !Array.isArray(candidate.json)) {
		return candidate;
	}
	return { json: item as IDataObject };
}
