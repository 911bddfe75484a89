/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The example workflows import into a fresh n8n: credentials are referenced by n8n's default name
 * and no ID (n8n resolves a reference without an ID by name, or asks the user to pick one), no
 * parameter holds a placeholder or another n8n's URL, and every webhook URL an example builds points
 * at a trigger of this package in the examples. The real-n8n import is checked in test/e2e.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { Workflow, type ICredentialType, type INodeTypes } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const PACKAGE = 'n8n-nodes-reporting';

interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id?: string | null; name?: string }>;
	webhookId?: string;
}
interface WorkflowJson {
	name: string;
	nodes: Node[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;
}

const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
const examples = files.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson }));

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
const ourNodeTypes = new Set(pkg.n8n.nodes.map((p) => `${PACKAGE}.${path.basename(p, '.node.js').replace(/^./, (c) => c.toLowerCase())}`));

/** The package's credential types, from the credential classes themselves. */
const credentialTypes = new Map<string, ICredentialType>();
for (const file of pkg.n8n.credentials) {
	const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	for (const exported of Object.values(require(source) as Record<string, unknown>)) {
		if (typeof exported !== 'function') continue;
		const instance = new (exported as new () => ICredentialType)();
		if (instance.name && instance.displayName) credentialTypes.set(instance.name, instance);
	}
}

/** Every string in a value, with where it is. */
function strings(value: unknown, at: string): Array<{ at: string; text: string }> {
	if (typeof value === 'string') return [{ at, text: value }];
	if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
	return [];
}

/** A parameter value as n8n evaluates it in a node, with this execution's resume URL. */
function evaluate(value: string, resumeUrl: string): unknown {
	const description = { description: { properties: [] } };
	const nodeTypes = { getByName: () => description, getByNameAndVersion: () => description, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const node = { id: 'n', name: 'N', type: 'x.y', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getParameterValue(value, null, 0, 0, 'N', [{ json: {} }], 'manual', {
		$execution: { id: '42', mode: 'test', resumeUrl, customData: undefined },
	} as never);
}

const PLACEHOLDER = /\b(example\.(com|org|net)|localhost|127\.0\.0\.1|0\.0\.0\.0|your-[\w-]+\.|<[^>]+>)/i;

test('there is an example for every action node of the package', () => {
	const used = new Set(examples.flatMap(({ workflow }) => workflow.nodes.map((n) => n.type)));
	const actions = [...ourNodeTypes].filter((type) => !type.endsWith('Trigger'));
	expect(actions.filter((type) => !used.has(type))).toEqual([]);
	expect(credentialTypes.size).toBe(pkg.n8n.credentials.length);
});

describe.each(examples)('$file', ({ workflow }) => {
	it('is a workflow n8n can import: named, unique node IDs and names, connections between its nodes', () => {
		expect(typeof workflow.name).toBe('string');
		expect(workflow.name.length).toBeGreaterThan(10);
		const ids = workflow.nodes.map((n) => n.id);
		const names = workflow.nodes.map((n) => n.name);
		expect(new Set(ids).size).toBe(ids.length);
		expect(new Set(names).size).toBe(names.length);
		for (const node of workflow.nodes) {
			expect([node.name, typeof node.type, typeof node.typeVersion, Array.isArray(node.position)]).toEqual([node.name, 'string', 'number', true]);
			if (node.type.startsWith(`${PACKAGE}.`)) expect([node.name, ourNodeTypes.has(node.type)]).toEqual([node.name, true]);
			else expect([node.name, node.type]).toEqual([node.name, expect.stringMatching(/^n8n-nodes-base\./)]);
		}
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of Object.values(outputs).flat(2)) expect(names).toContain(target.node);
		}
	});

	it("references credentials by n8n's default name, without an ID", () => {
		for (const node of workflow.nodes) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				const credential = credentialTypes.get(type);
				expect([node.name, type, credential !== undefined]).toEqual([node.name, type, true]);
				expect([node.name, ref]).toEqual([node.name, { id: null, name: `${credential!.displayName} account` }]);
			}
			if (node.type.startsWith(`${PACKAGE}.`)) expect([node.name, Object.keys(node.credentials ?? {}).length]).toEqual([node.name, 1]);
		}
	});

	it("holds no placeholder and no other n8n's webhook URL", () => {
		for (const node of workflow.nodes) {
			for (const { at, text } of strings(node.parameters, node.name)) {
				if (node.type === 'n8n-nodes-base.stickyNote') continue;
				expect([at, PLACEHOLDER.test(text)]).toEqual([at, false]);
				expect([at, /https?:\/\/[^\s"'`]+\/webhook(-test)?\//.test(text)]).toEqual([at, false]);
			}
		}
		expect(JSON.stringify(workflow)).not.toMatch(/"id":\s*"[\w-]*demo[\w-]*"|\(demo\)/);
	});

	it('builds every webhook URL for a trigger of this package in the examples', () => {
		const triggers = new Map(
			examples.flatMap(({ workflow: wf }) => wf.nodes.filter((n) => n.webhookId && n.type.startsWith(`${PACKAGE}.`)).map((n) => [n.webhookId!, n])),
		);
		for (const node of workflow.nodes) {
			for (const { at, text } of strings(node.parameters, node.name)) {
				for (const [, webhookId] of text.matchAll(/\/webhook\/([0-9a-f-]{36})\//g)) {
					expect([at, triggers.get(webhookId)?.type]).toEqual([at, expect.stringMatching(/Trigger$/)]);
					// The trigger's Production URL on whatever address (and path) this n8n is served at.
					const suffix = text.slice(text.indexOf(`/webhook/${webhookId}/`));
					for (const base of ['http://127.0.0.1:5678', 'https://automation.acme.test/n8n']) {
						expect([at, evaluate(text, `${base}/webhook-waiting/42?signature=s`)]).toEqual([at, `${base}${suffix}`]);
					}
				}
			}
		}
	});
});

test('webhook IDs are unique across the examples, so all of them can be published in one n8n', () => {
	const ids = examples.flatMap(({ workflow }) => workflow.nodes.map((n) => n.webhookId).filter(Boolean));
	expect(new Set(ids).size).toBe(ids.length);
});

test('the README lists every example', () => {
	const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	for (const file of files) expect([file, readme.includes(`examples/${file}`)]).toEqual([file, true]);
});
