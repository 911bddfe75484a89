/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * Every example workflow (examples/*.json) imports into a real n8n with this package installed and
 * opens with no issues, as a user importing the file would see it:
 * - n8n stores it whole (the editor's own save, `POST /rest/workflows`, pinned data included) and
 *   opens it again (`GET /rest/workflows/:id`) with the same nodes and connections;
 * - no credential reference carries an ID this n8n does not know (the editor resolves a reference
 *   without an ID by name, or asks for a credential);
 * - every node type, in its type version, is one n8n loaded, and every credential type a node
 *   references is one n8n loaded and one that node accepts;
 * - the parameters have no issues: n8n's own check (n8n-workflow `NodeHelpers`, the one the editor
 *   runs, the version the pinned n8n uses) against the node descriptions this n8n serves, including
 *   credentials the node requires but the example does not reference. n8n's REST API has no endpoint
 *   for parameter issues, so the check runs here on the descriptions it serves; a broken copy of an
 *   example proves the check reports what it should;
 * - no parameter holds a placeholder URL, before or after n8n stored it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { NodeHelpers, type INode, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { useN8n, type JsonObject, type NodeTypeInfo } from './harness/n8n';

const n8n = useN8n();
const EXAMPLES = path.resolve(__dirname, '../../examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialReference>;
	disabled?: boolean;
}
type CredentialReference = { id?: string | null; name?: string };

interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: JsonObject;
	pinData?: JsonObject;
}

const read = (file: string) => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;

/** Placeholder hosts and markers no workflow a user imports should hold (as test/unit/tooling/examples.test.ts). */
const PLACEHOLDER = /\b(example\.(com|org|net)|localhost|127\.0\.0\.1|0\.0\.0\.0|your-[\w-]+\.|<[^>]+>)/i;

function strings(value: unknown, at: string): Array<{ at: string; text: string }> {
	if (typeof value === 'string') return [{ at, text: value }];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
	return [];
}

function placeholders(workflow: WorkflowJson): string[] {
	return workflow.nodes
		.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
		.flatMap((n) => strings(n.parameters, n.name))
		.filter(({ text }) => PLACEHOLDER.test(text))
		.map(({ at, text }) => `${at}: ${text.slice(0, 120)}`);
}

let types: NodeTypeInfo[] = [];
let credentialTypes = new Set<string>();

/** The description n8n serves for this node's type and version. */
function describe_(node: Pick<WorkflowNode, 'type' | 'typeVersion'>): INodeTypeDescription | undefined {
	const match = types.find((t) => t.name === node.type && (Array.isArray(t.version) ? t.version.includes(node.typeVersion) : t.version === node.typeVersion));
	return match?.description as unknown as INodeTypeDescription | undefined;
}

/**
 * What the editor reports on a node once it is open: parameter issues (n8n-workflow's check, with
 * the parameters completed by their defaults as the editor does) and required credentials that are
 * not referenced. Unknown types and versions are reported as such.
 */
function issues(node: WorkflowNode): string[] {
	const description = describe_(node);
	if (!description) return [`${node.name}: ${node.type} v${node.typeVersion} is not a node type this n8n knows`];
	const out: string[] = [];
	const properties = description.properties as INodeProperties[];
	const full = NodeHelpers.getNodeParameters(properties, node.parameters as never, true, false, node, description) ?? {};
	const asNode = { ...node, parameters: full } as unknown as INode;
	const found = NodeHelpers.getNodeParametersIssues(properties, asNode, description);
	for (const [parameter, messages] of Object.entries(found?.parameters ?? {})) out.push(`${node.name}: parameter ${parameter}: ${messages.join('; ')}`);
	for (const credential of description.credentials ?? []) {
		if (!credential.required) continue;
		if (!NodeHelpers.displayParameter(full, credential, asNode, description)) continue;
		if (!node.credentials?.[credential.name]) out.push(`${node.name}: credential ${credential.name} is required and not referenced`);
	}
	for (const type of Object.keys(node.credentials ?? {})) {
		if (!credentialTypes.has(type)) out.push(`${node.name}: credential type ${type} is not one this n8n knows`);
		if (!(description.credentials ?? []).some((c) => c.name === type)) out.push(`${node.name}: ${node.type} does not take a ${type} credential`);
	}
	return out;
}

/** Credential references whose ID this n8n does not know. */
function dangling(workflow: WorkflowJson, knownIds: Set<string>): string[] {
	return workflow.nodes.flatMap((n) =>
		Object.entries(n.credentials ?? {})
			.filter(([, ref]) => ref.id !== undefined && ref.id !== null && ref.id !== '' && !knownIds.has(String(ref.id)))
			.map(([type, ref]) => `${n.name}: ${type} id ${String(ref.id)}`),
	);
}

async function importAsEditor(workflow: WorkflowJson, suffix: string): Promise<WorkflowJson> {
	const { id: _id, ...body } = workflow;
	// n8n 1.x's editor sends `active: false` with a new workflow (its column may not be null); 2.x has no such field to send.
	const editorFields = process.env.N8N_E2E_FLAVOR === 'n8n1' ? { active: false } : {};
	const created = (await n8n().rest('POST', '/workflows', { ...body, ...editorFields, name: `${workflow.name} (${suffix})` })) as WorkflowJson & { id: string };
	expect(typeof created.id).toBe('string');
	return (await n8n().rest('GET', `/workflows/${encodeURIComponent(created.id)}`)) as WorkflowJson;
}

interface SavedCredential {
	id: string;
	name: string;
	type: string;
}

/**
 * The stored credential references, with each ID n8n filled in for a reference without one put back
 * as the example has it: n8n points such a reference at a saved credential of the same type and
 * name when there is one (as the editor does on import), which is what a user wants, not an issue.
 */
function resolvedByName(stored: Record<string, CredentialReference>, example: Record<string, CredentialReference>, saved: SavedCredential[]) {
	return Object.fromEntries(
		Object.entries(stored).map(([type, ref]) => {
			const asExample = example[type];
			const filledIn =
				asExample !== undefined && (asExample.id === null || asExample.id === undefined) && ref.name === asExample.name &&
				saved.some((c) => c.type === type && c.name === ref.name && String(c.id) === String(ref.id));
			return [type, filledIn ? { ...ref, id: asExample.id } : ref];
		}),
	);
}

async function savedCredentials(): Promise<SavedCredential[]> {
	return (await n8n().rest('GET', '/credentials')) as SavedCredential[];
}

function idsOf(saved: SavedCredential[]): Set<string> {
	return new Set(saved.map((c) => String(c.id)));
}

beforeAll(async () => {
	types = await n8n().listNodeTypes({ all: true });
	credentialTypes = new Set((await n8n().listCredentialTypes()).map((t) => t.name));
}, 180_000);

test('there are examples, and n8n serves the node and credential types to check them against', () => {
	expect(files.length).toBeGreaterThanOrEqual(5);
	expect(types.length).toBeGreaterThan(100);
	expect(types.some((t) => t.name === 'n8n-nodes-base.manualTrigger')).toBe(true);
	expect(types.filter((t) => t.name.startsWith('n8n-nodes-reporting.')).length).toBeGreaterThanOrEqual(7);
	expect(credentialTypes.has('trustApi')).toBe(true);
});

describe.each(files)('%s', (file) => {
	const example = read(file);

	test('imports into n8n and opens with no issues', async () => {
		expect(placeholders(example)).toEqual([]);
		const stored = await importAsEditor(example, 'imported');
		const saved = await savedCredentials();

		// Stored whole and opened again: the same nodes (type, version, parameters, credential references)
		// and connections.
		expect(stored.nodes.map((n) => n.name).sort()).toEqual(example.nodes.map((n) => n.name).sort());
		for (const node of example.nodes) {
			const back = stored.nodes.find((n) => n.name === node.name)!;
			expect([node.name, back.type, back.typeVersion, back.parameters]).toEqual([node.name, node.type, node.typeVersion, node.parameters]);
			expect([node.name, resolvedByName(back.credentials ?? {}, node.credentials ?? {}, saved)]).toEqual([node.name, node.credentials ?? {}]);
		}
		expect(stored.connections).toEqual(example.connections);
		if (example.pinData) expect(stored.pinData).toEqual(example.pinData);

		expect(dangling(stored, idsOf(saved))).toEqual([]);
		expect(placeholders(stored)).toEqual([]);
		expect(stored.nodes.flatMap(issues)).toEqual([]);
	});
});

describe('the checks above report what a user would see', () => {
	test('a dangling credential ID, an unknown node type, a missing credential and a cleared required parameter', async () => {
		const example = read(files.find((f) => f.startsWith('trust')) ?? files[0]);
		const broken: WorkflowJson = JSON.parse(JSON.stringify(example));
		const ours = broken.nodes.find((n) => n.type.startsWith('n8n-nodes-reporting.') && n.credentials)!;
		const credentialType = Object.keys(ours.credentials!)[0];
		ours.credentials![credentialType] = { id: 'no-such-credential-4711', name: 'Gone' };

		// A parameter the node requires in this example's configuration, emptied.
		const description = describe_(ours)!;
		const full = NodeHelpers.getNodeParameters(description.properties, ours.parameters as never, true, false, ours, description)!;
		const required = description.properties.find(
			(p) => p.required && p.type === 'string' && p.name in ours.parameters && NodeHelpers.displayParameter(full, p, ours as unknown as INode, description),
		);
		expect(required).toBeDefined();
		ours.parameters[required!.name] = '';
		// Another of the package's nodes without its credential.
		const bare = broken.nodes.find((n) => n !== ours && n.type.startsWith('n8n-nodes-reporting.') && n.credentials)!;
		const bareType = Object.keys(bare.credentials!)[0];
		delete bare.credentials;
		broken.nodes.push({ ...broken.nodes[0], id: 'gone', name: 'Gone node', type: 'n8n-nodes-reporting.noSuchNode', position: [0, 600] });

		const stored = await importAsEditor(broken, 'broken on purpose');
		expect(dangling(stored, idsOf(await savedCredentials()))).toEqual([`${ours.name}: ${credentialType} id no-such-credential-4711`]);
		const found = stored.nodes.flatMap(issues);
		expect(found).toEqual(
			expect.arrayContaining([
				expect.stringMatching(new RegExp(`^${ours.name}: parameter ${required!.name}: `)),
				`${bare.name}: credential ${bareType} is required and not referenced`,
				'Gone node: n8n-nodes-reporting.noSuchNode v1 is not a node type this n8n knows',
			]),
		);
		expect(found).toHaveLength(3);
	});
});
