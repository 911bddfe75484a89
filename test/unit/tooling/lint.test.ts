/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The lint gate must catch what n8n's scanner rejects, even when the code tries to switch a rule off
 * inline. Each case plants one violation in a copy of a minimal, clean package and runs the real
 * `scripts/lint.mjs` on it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LINT = path.resolve(__dirname, '../../../scripts/lint.mjs');

const packageJson = (extra: object = {}) => ({
	name: 'n8n-nodes-planted',
	version: '0.1.0',
	description: 'A package used to check the lint gate.',
	keywords: ['n8n-community-node-package'],
	license: 'MIT',
	homepage: 'https://github.com/example/n8n-nodes-planted',
	author: { name: 'Example', email: 'dev@example.com' },
	repository: { type: 'git', url: 'https://github.com/example/n8n-nodes-planted.git' },
	files: ['dist'],
	n8n: { n8nNodesApiVersion: 1, strict: true, credentials: [], nodes: ['dist/nodes/Planted/Planted.node.js'] },
	peerDependencies: { 'n8n-workflow': '*' },
	...extra,
});

const node = (body: string, imports = '') => `import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
${imports}
export class Planted implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planted',
		name: 'planted',
		icon: { light: 'file:planted.svg', dark: 'file:planted.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Checks the lint gate',
		defaults: { name: 'Planted' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
${body}
		return [out];
	}
}
`;

const CLEAN_BODY = `		for (let i = 0; i < items.length; i++) {
			try {
				out.push({ json: { ok: true }, pairedItem: { item: i } });
			} catch (error) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}`;

async function lintPackage(files: Record<string, string>) {
	const dir = mkdtempSync(path.join(tmpdir(), 'lint-gate-'));
	try {
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
			writeFileSync(path.join(dir, file), text);
		}
		const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
		writeFileSync(path.join(dir, 'nodes/Planted/planted.svg'), svg);
		writeFileSync(path.join(dir, 'nodes/Planted/planted.dark.svg'), `${svg}\n`);
		const result = await run(process.execPath, [LINT, '--cwd', dir]).then(
			(r) => ({ code: 0, out: r.stdout + r.stderr }),
			(e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
		);
		return result;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const plant = (body: string, pkg: object = {}, imports = '') => ({
	'package.json': JSON.stringify(packageJson(pkg), null, 2),
	'nodes/Planted/Planted.node.ts': node(body, imports),
});

jest.setTimeout(60_000);

describe('lint gate (scanner rules, inline disables ignored)', () => {
	it('passes a clean package', async () => {
		const { code, out } = await lintPackage(plant(CLEAN_BODY));
		expect(out).toContain('0 errors');
		expect(code).toBe(0);
	});

	it.each([
		['a runtime dependency', CLEAN_BODY, { dependencies: { axios: '1.0.0' } }, '', 'no-runtime-dependencies'],
		[
			'process use',
			`		// eslint-disable-next-line\n		const home = process.env.HOME;\n${CLEAN_BODY.replace('{ ok: true }', '{ home }')}`,
			{},
			'',
			'no-restricted-globals',
		],
		[
			'setTimeout use',
			`		/* eslint-disable */\n		await new Promise((r) => setTimeout(r, 10));\n${CLEAN_BODY}`,
			{},
			'',
			'no-restricted-globals',
		],
		['a missing pairedItem', CLEAN_BODY.replace(', pairedItem: { item: i }', ''), {}, '', 'missing-paired-item'],
		[
			'a raw rethrow',
			CLEAN_BODY.replace('throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });', 'throw error; // eslint-disable-line'),
			{},
			'',
			'require-node-api-error',
		],
		['a restricted import', CLEAN_BODY, {}, "import { readFileSync } from 'fs';\nvoid readFileSync;", 'no-restricted-imports'],
	])('fails on %s', async (_what, body, pkg, imports, rule) => {
		const { code, out } = await lintPackage(plant(body, pkg, imports));
		expect(code).toBe(1);
		expect(out).toContain(rule);
	});
});
