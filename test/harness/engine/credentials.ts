/** Credentials as n8n handles them, backed by the test's object, and n8n's credential test. */

import { CredentialTestContext, ExecuteContext, getAdditionalKeys, RoutingNode } from 'n8n-core';
import {
	deepCopy,
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
	VersionedNodeType,
	Workflow,
} from 'n8n-workflow';
import type {
	CredentialInformation,
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialTestFunction,
	ICredentialTestRequest,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { withIsolate } from './runtime';
import type { CredentialTypeRegistry, HarnessNodeTypes } from './loader';
import { NO_OP_TYPE } from './types';

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
 * The credential test (n8n: CredentialsTester)
 * ---------------------------------------------------------------------------------------------- */

/**
 * Tests a credential as n8n's CredentialsTester does: its `test` request (or a node's `testedBy`)
 * sent through RoutingNode after `preAuthentication`, then `rules` applied. Works on a copy of `data`.
 */
export async function runCredentialTest(
type: string,
data: ICredentialDataDecryptedObject,
{ nodeTypes, credentialTypes }: { nodeTypes: HarnessNodeTypes; credentialTypes: CredentialTypeRegistry },
additionalDataFor: (helper: HarnessCredentialsHelper) => IWorkflowExecuteAdditionalData,
): Promise<INodeCredentialTestResult> {
	const store: CredentialStore = { [type]: deepCopy(data) };
	const helper = new HarnessCredentialsHelper(credentialTypes, store);
	const testFunction = findCredentialTest(type, credentialTypes, nodeTypes);
	if (testFunction === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const additionalData = additionalDataFor(helper);
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

function findCredentialTest(
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

function getPath(value: unknown, dottedPath: string): unknown {
	return dottedPath.split('.').reduce<unknown>((current, key) => {
		if (current === null || typeof current !== 'object') return undefined;
		return (current as Record<string, unknown>)[key];
	}, value);
}
