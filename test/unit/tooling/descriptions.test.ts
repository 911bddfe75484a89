/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Every node description, read as a user reads it in the editor: each field says what it is for,
 * an ID that one of the node's own lists can supply is picked from that list, and JSON fields
 * start empty rather than with sample data.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { makeDescription } from 'n8n-workflow';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

const NODES = path.resolve(__dirname, '../../../nodes');

function nodeTypes(): Array<{ file: string; node: INodeType }> {
	const out: Array<{ file: string; node: INodeType }> = [];
	for (const provider of readdirSync(NODES)) {
		if (provider === 'shared') continue;
		for (const file of readdirSync(path.join(NODES, provider))) {
			if (!file.endsWith('.node.ts')) continue;
			const module = require(path.join(NODES, provider, file)) as Record<string, new () => INodeType>;
			for (const Type of Object.values(module)) out.push({ file: `${provider}/${file}`, node: new Type() });
		}
	}
	return out;
}

interface Field {
	path: string;
	property: INodeProperties;
}

function isCollectionEntry(value: unknown): value is INodePropertyCollection {
	return !!value && typeof value === 'object' && Array.isArray((value as INodePropertyCollection).values);
}

function isProperty(value: unknown): value is INodeProperties {
	return !!value && typeof value === 'object' && typeof (value as INodeProperties).type === 'string' && 'default' in (value as object);
}

/** Every parameter, at any depth: collection options and fixed-collection values included. */
function fields(properties: INodeProperties[], prefix = ''): Field[] {
	const out: Field[] = [];
	for (const property of properties) {
		const here = `${prefix}${property.name}`;
		out.push({ path: here, property });
		for (const option of property.options ?? []) {
			if (isCollectionEntry(option)) out.push(...fields(option.values, `${here}.${option.name}.`));
			else if (isProperty(option)) out.push(...fields([option], `${here}.`));
		}
	}
	return out;
}

// Containers (Additional Fields, Options, Filters) are described by the fields inside them.
const WITHOUT_DESCRIPTION = new Set(['notice', 'hidden', 'button', 'callout', 'collection', 'fixedCollection']);
const SELECTORS = new Set(['resource', 'operation']);

/** Resource values of a node that have a list operation, by resource value. */
function listedResources(properties: INodeProperties[]): Set<string> {
	const listed = new Set<string>();
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		const values = (property.options ?? []).map((o) => String((o as INodePropertyOptions).value));
		if (values.some((v) => v === 'getMany' || v === 'getAll')) for (const r of resources) listed.add(r);
	}
	return listed;
}

/** `playerId` → `player`, `mediaCategoryIds` → `mediaCategory`; undefined when not an ID field. */
function resourceOfIdField(name: string): { resource: string; many: boolean } | undefined {
	const match = /^([a-z][A-Za-z]*?)(Id|Ids)$/.exec(name);
	if (!match) return undefined;
	return { resource: match[1], many: match[2] === 'Ids' };
}

const all = nodeTypes();

function isTrigger(node: INodeType): boolean {
	return node.description.group.includes('trigger');
}

/**
 * n8n's current wording for the button of a collection is sentence case: "Add option", "Add
 * field", "Add filter" (its own nodes moved from "Add Option"); a collection of options says
 * exactly "Add option".
 */
function placeholderProblem(property: INodeProperties): string | undefined {
	const placeholder = property.placeholder ?? '';
	if (!/^Add [a-z0-9][a-z0-9 ]*$/.test(placeholder)) return `"${placeholder}" is not "Add <thing>" in sentence case`;
	if (/options$/i.test(property.name) && placeholder !== 'Add option') return `"${placeholder}" should be "Add option"`;
	return undefined;
}

describe.each(all.map(({ file, node }) => [file, node] as const))('%s', (_file, node) => {
	const every = fields(node.description.properties);

	it('describes every parameter and option', () => {
		const missing = every
			.filter(({ property }) => !WITHOUT_DESCRIPTION.has(property.type) && !SELECTORS.has(property.name))
			.filter(({ property }) => !(property.description ?? '').trim())
			.map(({ path: p }) => p);
		expect([...new Set(missing)]).toEqual([]);
	});

	it('describes every operation with an action a tool can use', () => {
		const missing = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options ?? []) as INodePropertyOptions[])
			.filter((o) => !(o.description ?? '').trim() || !(o.action ?? '').trim())
			.map((o) => String(o.value));
		expect(missing).toEqual([]);
	});

	it('gives n8n the action text as the tool description of every operation of the current version', () => {
		if (isTrigger(node)) return;
		const resources = (node.description.properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		const generic: string[] = [];
		for (const resource of resources) {
			const selectors = node.description.properties.filter(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
			);
			const latest = Math.max(...([node.description.version].flat() as number[]));
			const current = selectors.find((p) => {
				const versions = p.displayOptions?.show?.['@version'];
				return !versions || !(versions as unknown[]).every((v) => typeof v === 'number' && v < latest);
			});
			for (const op of (current?.options ?? []) as INodePropertyOptions[]) {
				const parameters = { resource: resource.value, operation: op.value };
				const text = makeDescription(parameters, node.description);
				if (text !== `${op.action} in ${node.description.defaults.name}`) generic.push(`${resource.value}.${op.value}: ${text}`);
			}
		}
		expect(generic).toEqual([]);
	});

	it('starts JSON fields empty', () => {
		const filled = every
			.filter(({ property }) => property.type === 'json')
			.filter(({ property }) => !['', '{}', '[]'].includes(String(property.default ?? '').replace(/\s+/g, '')))
			.map(({ path: p }) => p);
		expect(filled).toEqual([]);
	});

	it('names the button of every collection in one wording, n8n\'s', () => {
		const wrong = every
			.filter(({ property }) => property.type === 'collection')
			.map(({ path: p, property }) => [p, placeholderProblem(property)])
			.filter(([, problem]) => problem);
		expect(wrong).toEqual([]);
	});

	it('can be used as an AI agent\'s tool, when it is an action node', () => {
		if (isTrigger(node)) return;
		expect(node.description.usableAsTool).toBe(true);
	});

	it('offers a picker for every ID one of its lists can supply', () => {
		const listed = listedResources(node.description.properties);
		const typed = every
			.filter(({ property }) => {
				const id = resourceOfIdField(property.name);
				if (!id || !listed.has(id.resource)) return false;
				if (id.many) {
					return !(property.type === 'multiOptions' && property.typeOptions?.loadOptionsMethod) && property.type !== 'resourceLocator';
				}
				return property.type !== 'resourceLocator';
			})
			.map(({ path: p }) => p);
		expect([...new Set(typed)]).toEqual([]);
	});
});

it('finds every node of the package', () => {
	expect(all.length).toBeGreaterThanOrEqual(7);
	expect(all.filter(({ node }) => !isTrigger(node)).map(({ node }) => node.description.name).sort()).toEqual(
		['cloudBlueCommerce', 'fourYouSee', 'reporteiConnect', 'trust'],
	);
});

describe('the wording checks themselves', () => {
	const collection = (name: string, placeholder?: string) => ({ displayName: 'X', name, type: 'collection', default: {}, placeholder }) as INodeProperties;

	it('accept n8n\'s sentence case and refuse the rest', () => {
		expect(placeholderProblem(collection('options', 'Add option'))).toBeUndefined();
		expect(placeholderProblem(collection('filters', 'Add filter'))).toBeUndefined();
		expect(placeholderProblem(collection('updateFields', 'Add field'))).toBeUndefined();
		expect(placeholderProblem(collection('options', 'Add Option'))).toBeDefined();
		expect(placeholderProblem(collection('filters', 'Add Filter'))).toBeDefined();
		expect(placeholderProblem(collection('requestOptions', 'Add field'))).toBe('"Add field" should be "Add option"');
		expect(placeholderProblem(collection('options'))).toBeDefined();
	});
});
