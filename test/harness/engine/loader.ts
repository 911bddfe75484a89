/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/** This package's node and credential types, loaded by n8n's own DirectoryLoader, and the stand-ins. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DirectoryLoader, ExecuteContext, RoutingNode } from 'n8n-core';
import { NodeConnectionTypes, NodeHelpers, UserError } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
} from 'n8n-workflow';


export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const PACKAGE_NAME = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }).name;

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
export class SourceDirectoryLoader extends DirectoryLoader {
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
export class ManualTriggerStandIn implements INodeType {
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
export class NoOpStandIn implements INodeType {
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

export class HarnessNodeTypes implements INodeTypes {
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

export class CredentialTypeRegistry {
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
