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
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';

import {
	BinaryDataService,
	CredentialTestContext,
	DirectoryLoader,
	ErrorReporter,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	getAdditionalKeys,
	HookContext,
	InstanceSettings,
	PollContext,
	RoutingNode,
	TriggersAndPollers,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	deepCopy,
	Expression,
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	LoggerProxy,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	UserError,
	VersionedNodeType,
	Workflow,
} from 'n8n-workflow';
import type {
	CredentialInformation,
	ExecutionBaseError,
	IHookFunctions,
	WebhookType,
	ExecutionStatus,
	IAuthenticateGeneric,
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeCredentials,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IPinData,
	IRequestOptionsSimplified,
	IRun,
	IRunData,
	IRunExecutionData,
	ITaskData,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/* ------------------------------------------------------------------------------------------------
 * n8n-core's DI container and the services its helpers fetch from it
 * ---------------------------------------------------------------------------------------------- */

type Constructor<T = unknown> = abstract new (...args: never[]) => T;

interface DiContainer {
	get<T>(type: Constructor<T>): T;
	set<T>(type: Constructor<T>, instance: T): void;
}

const CORE_DIR = path.dirname(require.resolve('n8n-core/package.json'));

/**
 * n8n-core ships its own copies of `@n8n/di`, `@n8n/backend-common`…, newer than the ones other
 * devDependencies hoist to the root: resolve them from n8n-core so we share its `Container`.
 */
function requireFromCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [CORE_DIR] })) as T;
}

const { Container } = requireFromCore<{ Container: DiContainer }>('@n8n/di');
const { Logger } = requireFromCore<{ Logger: Constructor }>('@n8n/backend-common');

export interface HarnessLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** n8n's Logger for the whole test file: keeps entries in memory (`harnessLogs()`). */
class HarnessLogger {
	readonly entries: HarnessLogEntry[] = [];

	error(message: string, meta?: unknown) {
		this.entries.push({ level: 'error', message, meta });
	}

	warn(message: string, meta?: unknown) {
		this.entries.push({ level: 'warn', message, meta });
	}

	info(message: string, meta?: unknown) {
		this.entries.push({ level: 'info', message, meta });
	}

	debug(message: string, meta?: unknown) {
		this.entries.push({ level: 'debug', message, meta });
	}

	scoped() {
		return this;
	}
}

const harnessLogger = new HarnessLogger();

let runtime: Promise<void> | undefined;
let storageDirToRemove: string | undefined;
let expressionEngineStarted = false;

// Jest loads this module per test file; clean up that file's runtime when it ends.
if (typeof afterAll === 'function') {
	try {
		afterAll(async () => {
			if (expressionEngineStarted) await Expression.disposeExpressionEngine();
			if (storageDirToRemove) rmSync(storageDirToRemove, { recursive: true, force: true });
		});
	} catch {
		// Imported from inside a test: the folder is left in the OS temp directory.
	}
}

/** Expression engines the harness can run: see the note at the top of this file. */
export type HarnessExpressionEngine = 'legacy' | 'quickjs';

/**
 * n8n 2.x evaluates expressions with its `vm` engine by default: the @n8n/expression-runtime
 * bundle inside `isolated-vm`, a native module that does not build on Node 20. The harness uses
 * n8n-workflow's `legacy` evaluator (tournament + a sandboxed `Function`, what n8n's own node tests
 * run). `N8N_HARNESS_EXPRESSION_ENGINE=quickjs` runs the same runtime bundle as `vm` in a QuickJS
 * WASM sandbox instead (about 1 s more per test file), to check expressions against the sandbox.
 */
async function selectExpressionEngine(): Promise<void> {
	const requested = (process.env.N8N_HARNESS_EXPRESSION_ENGINE ?? 'legacy') as HarnessExpressionEngine;
	if (requested === 'quickjs') {
		try {
			await Expression.initExpressionEngine({
				engine: 'quickjs',
				poolSize: 1,
				maxCodeCacheSize: 1024,
				bridgeTimeout: 5000,
				bridgeMemoryLimit: 128,
			});
		} catch (error) {
			// n8n-workflow loads the runtime with `import()`, which jest only allows with vm modules.
			throw new UserError(
				`The quickjs expression engine did not start (${(error as Error).message}). Run jest with NODE_OPTIONS=--experimental-vm-modules.`,
			);
		}
		expressionEngineStarted = true;
		return;
	}
	if (requested !== 'legacy') {
		throw new UserError(`N8N_HARNESS_EXPRESSION_ENGINE must be "legacy" or "quickjs", not "${String(requested)}"`);
	}
	Expression.setExpressionEngine('legacy');
}

/** Which expression engine evaluates `={{ }}` in this test file. */
export function activeExpressionEngine(): string {
	return Expression.getActiveImplementation();
}

/**
 * Holds an expression isolate around `fn` for a workflow, as n8n does around executions, webhook
 * calls and credential resolution (a no-op on the legacy engine).
 */
async function withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return await fn();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}

/**
 * Registers what n8n-core fetches from its container (`Container.get(...)`) the way n8n's start
 * command would, minus the database: instance settings in a temp folder, a quiet logger and error
 * reporter, and binary data in `filesystem` mode (n8n's default in regular mode) under that folder.
 * Outbound HTTP (`OutboundHttp`) and the rest are built by the container on first use.
 */
async function setupRuntime(): Promise<void> {
	const logger = harnessLogger;
	const storageDir = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	storageDirToRemove = storageDir;

	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	await selectExpressionEngine();

	const instanceSettings = new InstanceSettings(
		{ n8nFolder: storageDir, userHome: storageDir, encryptionKey: 'n8n-harness-key' } as never,
		logger as never,
	);
	instanceSettings.markAsLeader();
	Container.set(InstanceSettings, instanceSettings);

	const errorReporter = {
		error: (error: unknown) => logger.error(`ErrorReporter: ${String((error as Error)?.message ?? error)}`, error),
		warn: (warning: unknown) => logger.warn(`ErrorReporter: ${String(warning)}`),
		info: (message: string) => logger.info(`ErrorReporter: ${message}`),
	};
	Container.set(ErrorReporter, errorReporter as unknown as ErrorReporter);

	const binaryDataService = new BinaryDataService(
		{ mode: 'filesystem', localStoragePath: path.join(storageDir, 'storage'), signingSecret: 'harness' } as never,
		errorReporter as never,
		logger as never,
	);
	await binaryDataService.init();
	Container.set(BinaryDataService, binaryDataService);
}

async function ensureRuntime(): Promise<void> {
	runtime ??= setupRuntime();
	await runtime;
}

/** The bytes behind a binary property of an output item (stored by n8n's BinaryDataService). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	await ensureRuntime();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** What n8n-core logged in this test file (debug included), oldest first. */
export function harnessLogs(): HarnessLogEntry[] {
	return harnessLogger.entries;
}

/* ------------------------------------------------------------------------------------------------
 * Node and credential types
 * ---------------------------------------------------------------------------------------------- */

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const PACKAGE_NAME = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

export interface SourcePackage {
	/** Prefix of the node type names, e.g. `n8n-nodes-reporting`. */
	packageName: string;
	/** Folder searched (recursively) for `*.node.ts` and `*.credentials.ts`. */
	directory: string;
	/** Sub-folders to search instead of the whole directory. */
	include?: string[];
}

export interface LoadError {
	file: string;
	error: Error;
}

function listFiles(directory: string, include: string[] | undefined, suffix: string): string[] {
	const roots = include ?? ['.'];
	const found: string[] = [];
	for (const root of roots) {
		let entries: string[];
		try {
			entries = readdirSync(path.join(directory, root), { recursive: true, encoding: 'utf8' });
		} catch {
			continue;
		}
		for (const entry of entries) {
			if (entry.endsWith(suffix) && !entry.split(path.sep).includes('node_modules')) {
				found.push(path.join(root, entry));
			}
		}
	}
	return found.sort();
}

/**
 * n8n's own DirectoryLoader (class named like its file, polling and CORS parameters added,
 * description checks), pointed at TypeScript sources, which jest's require compiles through
 * ts-jest. A file that fails to load is recorded, not fatal: other providers' tests keep running.
 */
class SourceDirectoryLoader extends DirectoryLoader {
	packageName: string;

	readonly loadErrors: LoadError[] = [];

	constructor(private readonly source: SourcePackage) {
		super(source.directory);
		this.packageName = source.packageName;
	}

	async loadAll(): Promise<void> {
		for (const file of listFiles(this.directory, this.source.include, '.node.ts')) {
			try {
				this.loadNodeFromFile(file);
			} catch (error) {
				this.loadErrors.push({ file, error: error as Error });
			}
		}
		for (const file of listFiles(this.directory, this.source.include, '.credentials.ts')) {
			try {
				this.loadCredentialFromFile(file);
			} catch (error) {
				this.loadErrors.push({ file, error: error as Error });
			}
		}
	}
}

/** `n8n-nodes-base.manualTrigger` as n8n runs it: in manual mode it emits one empty item. */
class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		icon: 'fa:mouse-pointer',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger',
		maxNodes: 1,
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return {
			manualTriggerFunction: async () => {
				this.emit([this.helpers.returnJsonArray([{}])]);
			},
		};
	}
}

/** `n8n-nodes-base.noOp`: passes its input through (n8n also uses it to test credentials). */
class NoOpStandIn implements INodeType {
	description = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		icon: 'fa:arrow-right',
		group: ['organization'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.noOp',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: ExecuteContext): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';

function describeLoadErrors(loadErrors: LoadError[]): string {
	if (loadErrors.length === 0) return '';
	return `\nFiles that failed to load:${loadErrors.map(({ file, error }) => `\n  ${file}: ${error.message}`).join('')}`;
}

/** Mirrors n8n's `shouldAssignExecuteMethod` (packages/cli/src/utils.ts). */
function isDeclarativeOnly(nodeType: INodeType): boolean {
	const isDeclarative = nodeType.description?.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarative) &&
		(!nodeType.methods || isDeclarative)
	);
}

class HarnessNodeTypes implements INodeTypes {
	constructor(
		private readonly types: Map<string, INodeType | IVersionedNodeType>,
		private readonly loadErrors: LoadError[],
	) {}

	names(): string[] {
		return [...this.types.keys()];
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const found = this.types.get(type);
		if (found) return found;
		throw new UserError(`Unknown node type "${type}". Known: ${this.names().join(', ')}.${describeLoadErrors(this.loadErrors)}`);
	}

	/** Like n8n's NodeTypes: a declarative node gets an `execute` that runs n8n's RoutingNode. */
	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = NodeHelpers.getVersionedNodeType(this.getByName(type), version);
		if (isDeclarativeOnly(nodeType)) {
			nodeType.execute = async function (this: ExecuteContext) {
				const routingNode = new RoutingNode(this, nodeType);
				return (await routingNode.runNode()) ?? [];
			};
		}
		return nodeType;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(this.names().map((name) => [name, {}]));
	}
}

class CredentialTypeRegistry {
	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly supportedNodes: Map<string, string[]>,
		private readonly loadErrors: LoadError[],
	) {}

	has(name: string): boolean {
		return this.types.has(name);
	}

	get(name: string): ICredentialType {
		const found = this.types.get(name);
		if (!found) {
			const known = [...this.types.keys()].join(', ');
			throw new UserError(`Unknown credential type "${name}". Known: ${known}.${describeLoadErrors(this.loadErrors)}`);
		}
		return found;
	}

	getParentTypes(name: string): string[] {
		const extendsTypes = this.types.get(name)?.extends ?? [];
		return extendsTypes.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getSupportedNodes(name: string): string[] {
		return this.supportedNodes.get(name) ?? [];
	}
}

/* ------------------------------------------------------------------------------------------------
 * Credentials helper (n8n: packages/cli/src/credentials-helper.ts), backed by the test's object
 * ---------------------------------------------------------------------------------------------- */

/** Credential data by credential type name, as a user would have saved it. Updated in place. */
export type CredentialStore = Record<string, ICredentialDataDecryptedObject>;

const MOCK_NODE: INode = {
	id: 'harness-mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/** The stored credential behind `getCredentials()` (n8n's is an encrypted DB row). */
class StoredCredentials extends ICredentials {
	constructor(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		private readonly store: CredentialStore,
	) {
		super(nodeCredentials, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.store[this.type] ?? {});
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.store[this.type] ?? {}) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		replaceContents(this.store, this.type, data);
	}

	async updateData(toUpdate: ICredentialDataDecryptedObject, toDelete: string[] = []): Promise<void> {
		const data = { ...(this.store[this.type] ?? {}), ...toUpdate };
		for (const key of toDelete) delete data[key];
		replaceContents(this.store, this.type, data);
	}
}

/** Keeps the test's object identity (`credentials.fooApi`) so it sees what n8n would persist. */
function replaceContents(store: CredentialStore, type: string, data: ICredentialDataDecryptedObject): void {
	const target = store[type];
	if (target === data) return;
	if (!target) {
		store[type] = { ...data };
		return;
	}
	for (const key of Object.keys(target)) delete target[key];
	Object.assign(target, data);
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: CredentialTypeRegistry,
		readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.has(credentialType)) return true;
		const type = this.credentialTypes.get(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.get(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);

		if (!workflow || !node) {
			throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
		}
		requestOptions.headers ??= {};
		if ((authenticate as IAuthenticateGeneric).type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const keyResolved = this.resolveValue(key, credentials, workflow, node);
					const valueResolved = this.resolveValue(value, credentials, workflow, node);
					target[outerKey] ??= {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	/**
	 * Runs the type's `preAuthentication` when its hidden `expirable` field is empty, after a 401
	 * (`credentialsExpired`) or during a credential test, then stores the result like n8n does.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.get(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable?.name === undefined) return undefined;
		if (typeof credentialType.preAuthentication !== 'function') return undefined;

		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === NO_OP_TYPE;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;

		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		const nodeCredentials = node.credentials[credentialType.name];
		const stored = await (await this.getCredentials(nodeCredentials, credentialType.name)).getData();
		const toPersist: ICredentialDataDecryptedObject = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value as CredentialInformation;
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.credentialTypes.get(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		const output = await preAuthentication.call(restrictToCredentialDomains(helpers, credentials), credentials);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		if (!this.store[type]) throw missingCredentials(type);
		return new StoredCredentials(nodeCredentials ?? { id: type, name: type }, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store[type];
		if (!stored) throw missingCredentials(type);
		const data = deepCopy(stored);
		if (raw === true) return data;
		return await this.applyDefaultsAndOverwrites(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/** Fills defaults for missing fields and resolves `={{ }}` values, as n8n does on every read. */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			properties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
				decryptedData as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				decryptedData,
			) as ICredentialDataDecryptedObject;
		} else {
			const workflow = new Workflow({
				nodes: [MOCK_NODE],
				connections: {},
				active: false,
				nodeTypes: MOCK_NODE_TYPES,
			});
			const unresolved = decryptedData;
			decryptedData = await withIsolate(
				workflow,
				async () =>
					workflow.expression.getComplexParameterValue(
						MOCK_NODE,
						unresolved as INodeParameters,
						mode,
						additionalKeys,
						undefined,
						undefined,
						unresolved,
					) as ICredentialDataDecryptedObject,
			);
		}
		return decryptedData;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		replaceContents(this.store, type, data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		replaceContents(this.store, type, { ...(this.store[type] ?? {}), oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.get(type);
		if (credentialType.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return credentialType.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private resolveValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}
}

function missingCredentials(type: string): UserError {
	return new UserError(`The test gave no credentials of type "${type}": pass credentials: { ${type}: { ... } }`);
}

/** `preAuthentication` gets only `helpers.httpRequest`, limited to the credential's own domains. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	} as IHttpRequestHelper;
}

/* ------------------------------------------------------------------------------------------------
 * Webhook request/response stand-ins (n8n passes express objects)
 * ---------------------------------------------------------------------------------------------- */

export interface WebhookRequestInput {
	method?: string;
	/** Header names are lower-cased. `content-type: application/json` is added for object bodies. */
	headers?: Record<string, string | string[]>;
	/** Parsed body (`this.getBodyData()`); derived from `rawBody` when only that is given (JSON). */
	body?: unknown;
	/** Bytes n8n keeps as `req.rawBody`; derived from `body` when only that is given. */
	rawBody?: Buffer | string;
	query?: Record<string, string | string[]>;
	params?: Record<string, string>;
}

export interface RecordedResponse {
	/** Status n8n answered with (undefined when the node took over and sent nothing). */
	statusCode?: number;
	headers: Record<string, string | string[] | number>;
	body?: unknown;
	/** True when the node answered itself through `getResponseObject()`. */
	sentByNode: boolean;
}

function buildRequest(input: WebhookRequestInput, requestPath: string) {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;

	let rawBody: Buffer;
	let body = input.body;
	if (input.rawBody !== undefined) {
		rawBody = Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody);
		if (body === undefined && rawBody.length > 0 && String(headers['content-type'] ?? '').includes('json')) {
			body = JSON.parse(rawBody.toString('utf8')) as unknown;
		}
	} else if (body === undefined) {
		rawBody = Buffer.alloc(0);
	} else if (typeof body === 'string' || Buffer.isBuffer(body)) {
		rawBody = Buffer.from(body);
	} else {
		rawBody = Buffer.from(JSON.stringify(body));
		headers['content-type'] ??= 'application/json';
	}
	headers['content-length'] ??= String(rawBody.length);

	const query = input.query ?? {};
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
	}
	const url = `${requestPath}${search.size ? `?${search.toString()}` : ''}`;
	const getHeader = (name: string) => {
		const value = headers[name.toLowerCase()];
		return Array.isArray(value) ? value.join(', ') : value;
	};

	// A readable stream carrying the body, like the express request a node could also pipe.
	return Object.assign(Readable.from(rawBody.length ? [rawBody] : []), {
		method: (input.method ?? 'POST').toUpperCase(),
		url,
		originalUrl: url,
		path: requestPath,
		headers,
		rawHeaders: Object.entries(headers).flatMap(([name, value]) => [name, String(value)]),
		body: body ?? {},
		rawBody,
		query,
		params: input.params ?? {},
		ip: '127.0.0.1',
		hostname: '127.0.0.1',
		protocol: 'http',
		header: getHeader,
		get: getHeader,
	});
}

/** Records what a node sends through `getResponseObject()` (an express Response in n8n). */
class RecordingResponse {
	statusCode = 200;

	headersSent = false;

	finished = false;

	readonly headers: Record<string, string | string[] | number> = {};

	private chunks: unknown[] = [];

	used = false;

	status(code: number) {
		this.used = true;
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number) {
		return this.status(code).end();
	}

	setHeader(name: string, value: string | string[] | number) {
		this.used = true;
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	header(name: string | Record<string, string>, value?: string) {
		if (typeof name === 'object') {
			for (const [key, item] of Object.entries(name)) this.setHeader(key, item);
		} else if (value !== undefined) {
			this.setHeader(name, value);
		}
		return this;
	}

	set(name: string | Record<string, string>, value?: string) {
		return this.header(name, value);
	}

	getHeader(name: string) {
		return this.headers[name.toLowerCase()];
	}

	type(contentType: string) {
		return this.setHeader('content-type', contentType);
	}

	writeHead(code: number, headers: Record<string, string> = {}) {
		this.status(code);
		for (const [key, value] of Object.entries(headers)) this.setHeader(key, value);
		this.headersSent = true;
		return this;
	}

	write(chunk: unknown) {
		this.used = true;
		this.headersSent = true;
		this.chunks.push(chunk);
		return true;
	}

	send(body?: unknown) {
		this.used = true;
		if (body !== undefined) this.chunks.push(body);
		return this.end();
	}

	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	end(chunk?: unknown) {
		this.used = true;
		if (chunk !== undefined && typeof chunk !== 'function') this.chunks.push(chunk);
		this.headersSent = true;
		this.finished = true;
		return this;
	}

	on() {
		return this;
	}

	once() {
		return this;
	}

	get body(): unknown {
		if (this.chunks.length === 0) return undefined;
		if (this.chunks.length === 1) {
			const [only] = this.chunks;
			return Buffer.isBuffer(only) ? only.toString('utf8') : only;
		}
		return this.chunks.map((chunk) => (Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk))).join('');
	}
}

/* ------------------------------------------------------------------------------------------------
 * The engine
 * ---------------------------------------------------------------------------------------------- */

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

interface TriggerOptions {
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
		const { nodeTypes, credentialTypes } = await this.types();
		const store: CredentialStore = { [type]: deepCopy(data) };
		const helper = new HarnessCredentialsHelper(credentialTypes, store);
		const testFunction = this.findCredentialTest(type, credentialTypes, nodeTypes);
		if (testFunction === undefined) {
			return { status: 'Error', message: 'No testing function found for this credential.' };
		}

		const additionalData = this.additionalData(helper, 'harness-credential-test');
		const credentialsDecrypted: ICredentialsDecrypted = {
			id: type,
			name: type,
			type,
			data: await helper.applyDefaultsAndOverwrites(additionalData, store[type], type, 'internal'),
		};

		if (typeof testFunction === 'function') {
			return await testFunction.call(new CredentialTestContext(), credentialsDecrypted);
		}

		// n8n sends the request from a temporary node: the node that declared `testedBy`, else a
		// noOp, which is also what makes preAuthentication run for the test.
		const testNodeType = testFunction.nodeType ?? nodeTypes.getByNameAndVersion(NO_OP_TYPE);
		const node: INode = {
			id: 'temp',
			parameters: {},
			name: 'Temp-Node',
			type: testFunction.nodeTypeName ?? NO_OP_TYPE,
			typeVersion: [testNodeType.description.version].flat().slice(-1)[0],
			position: [0, 0],
			credentials: { [type]: { id: type, name: type } },
		};
		const nodeTypeCopy: INodeType = {
			description: {
				...testNodeType.description,
				credentials: [{ name: type, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testFunction.testRequest.request },
						default: '',
					},
				],
			},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeTypeCopy,
				getByNameAndVersion: () => nodeTypeCopy,
				getKnownTypes: () => ({}),
			},
		});
		const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			runExecutionData,
			0,
			[],
			{ main: [[{ json: {} }]] },
			{ node, data: {}, source: null },
			[],
		);

		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await withIsolate(
				workflow,
				async () => await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode(),
			);
		} catch (error) {
			return credentialTestError(error as ErrorWithCause, testFunction.testRequest);
		}

		for (const rule of testFunction.testRequest.rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const json = response?.[0]?.[0]?.json;
			if (getPath(json, String(rule.properties.key)) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
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
			this.webhookData(prepared.workflow, node, options.webhookName ?? 'default', additionalData, mode),
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
			responseCode: Number(this.resolveWebhookField(prepared.workflow, node, description.responseCode, mode) ?? 200),
			responseMode: this.resolveWebhookField(prepared.workflow, node, description.responseMode, mode) ?? 'onReceived',
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
			const webhookData = this.webhookData(prepared.workflow, node, webhookName, additionalData, mode);
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

	private findCredentialTest(
		type: string,
		credentialTypes: CredentialTypeRegistry,
		nodeTypes: HarnessNodeTypes,
	): ICredentialTestFunction | { nodeType?: INodeType; nodeTypeName?: string; testRequest: ICredentialTestRequest } | undefined {
		const credentialType = credentialTypes.get(type);
		if (credentialType.test) return { testRequest: credentialType.test };

		for (const nodeName of credentialTypes.getSupportedNodes(type)) {
			const node = nodeTypes.getByName(nodeName);
			const versions: INodeType[] =
				node instanceof VersionedNodeType ? Object.values(node.nodeVersions).reverse() : [node as INodeType];
			for (const nodeType of versions) {
				for (const { name, testedBy } of nodeType.description.credentials ?? []) {
					if (name !== type || !testedBy) continue;
					if (typeof testedBy === 'string') {
						const found = nodeType.methods?.credentialTest?.[testedBy];
						if (found) return found;
						continue;
					}
					return { nodeType, nodeTypeName: nodeName, testRequest: testedBy };
				}
			}
		}
		return undefined;
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

	private resolveWebhookField(
		workflow: Workflow,
		node: INode,
		value: unknown,
		mode: WorkflowExecuteMode,
	): string | undefined {
		if (value === undefined || value === null) return undefined;
		if (!isExpression(value)) return String(value);
		const resolved = workflow.expression.getSimpleParameterValue(node, value, mode, {});
		return resolved === undefined ? undefined : String(resolved);
	}

	private webhookData(
		workflow: Workflow,
		node: INode,
		webhookName: string,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
	): IWebhookData {
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const description = nodeType.description.webhooks?.find(
			(webhook: IWebhookDescription) => webhook.name === webhookName,
		);
		if (!description) throw new UserError(`Node type "${node.type}" has no webhook named "${webhookName}"`);
		return {
			httpMethod: (this.resolveWebhookField(workflow, node, description.httpMethod, mode) ?? 'POST') as IHttpRequestMethods,
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(
				workflow.id,
				node,
				this.resolveWebhookField(workflow, node, description.path, mode) ?? '',
			),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: mode === 'manual',
		};
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

type ErrorWithCause = Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } };

/** Maps a failed test request the way n8n's CredentialsTester does. */
function credentialTestError(error: ErrorWithCause, testRequest: ICredentialTestRequest): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseCode' && response.status === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		if (response.status < 199 || response.status > 299) {
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
	} else if (error.cause?.code) {
		return { status: 'Error', message: error.cause.code };
	}
	return { status: 'Error', message: error.message };
}

/** A UUID-shaped id derived from `seed`, so the same node gets the same webhook URL every call. */
function stableUuid(seed: string): string {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function getPath(value: unknown, dottedPath: string): unknown {
	return dottedPath.split('.').reduce<unknown>((current, key) => {
		if (current === null || typeof current !== 'object') return undefined;
		return (current as Record<string, unknown>)[key];
	}, value);
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
