/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * n8n's community-package scanner, run offline through its own exported analysis
 * (scripts/scan.mjs): this package's sources and its `npm pack` output must pass it, and a planted
 * violation, in the sources or only in the compiled tarball, must fail it even when disabled inline.
 *
 * Needs the build (`npm test` builds before the unit tests): the tarball must contain the nodes.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const SCAN = path.join(ROOT, 'scripts/scan.mjs');

interface Check {
	label: string;
	passed: boolean;
	files?: number;
	message?: string;
	details?: string;
}
interface Report {
	passed: boolean;
	checks: Check[];
	files?: string[];
}

async function scan(cwd: string): Promise<{ code: number; report: Report }> {
	const { code, stdout } = await run(process.execPath, [SCAN, '--cwd', cwd, '--json'], { maxBuffer: 16 * 1024 * 1024 }).then(
		(r) => ({ code: 0, stdout: r.stdout }),
		(e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
	);
	return { code, report: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Report };
}

const failures = (report: Report) =>
	report.checks
		.filter((c) => !c.passed)
		.map((c) => `${c.label}: ${c.message ?? ''}\n${c.details ?? ''}`)
		.join('\n');

jest.setTimeout(120_000);

describe("n8n's community-package scanner", () => {
	it('passes this package: the sources, the package root and the npm pack output', async () => {
		const { code, report } = await scan(ROOT);
		expect(failures(report)).toBe('');
		expect(code).toBe(0);
		expect(report.checks.map((c) => c.label)).toEqual(['package root', 'sources', 'tarball contents', 'tarball']);
		for (const c of report.checks.filter((c) => c.files !== undefined)) expect(c.files).toBeGreaterThan(10);
		// The tarball holds the build, README, LICENSE and package.json, nothing of the development side.
		expect(report.files!.filter((f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f))).toEqual([]);
		expect(report.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
	});

	describe('on a planted package', () => {
		const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
		const packageJson = {
			name: 'n8n-nodes-planted',
			version: '0.1.0',
			description: 'A package used to check the scanner gate.',
			keywords: ['n8n-community-node-package'],
			license: 'MIT',
			homepage: 'https://github.com/planted/n8n-nodes-planted',
			author: { name: 'Planted', email: 'planted@users.noreply.github.com' },
			repository: { type: 'git', url: 'https://github.com/planted/n8n-nodes-planted.git' },
			files: ['dist'],
			n8n: { n8nNodesApiVersion: 1, strict: false, credentials: [], nodes: ['dist/nodes/Planted/Planted.node.js'] },
			peerDependencies: { 'n8n-workflow': '*' },
		};
		const source = (body: string) => `import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class Planted implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Planted',
		name: 'planted',
		icon: { light: 'file:planted.svg', dark: 'file:planted.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Checks the scanner gate',
		defaults: { name: 'Planted' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
${body}
		return [items.map((_, i) => ({ json: { ok: true }, pairedItem: { item: i } }))];
	}
}
`;
		const compiled = (body: string) => `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Planted = void 0;
class Planted {
    async execute() {
        const items = this.getInputData();
${body}
        return [items.map((_, i) => ({ json: { ok: true }, pairedItem: { item: i } }))];
    }
}
exports.Planted = Planted;
`;

		async function scanPlanted(sourceBody: string, compiledBody: string) {
			const dir = mkdtempSync(path.join(tmpdir(), 'scan-gate-'));
			try {
				const files: Record<string, string> = {
					'package.json': JSON.stringify(packageJson, null, 2),
					'nodes/Planted/Planted.node.ts': source(sourceBody),
					'nodes/Planted/planted.svg': svg,
					'nodes/Planted/planted.dark.svg': `${svg}\n`,
					'dist/nodes/Planted/Planted.node.js': compiled(compiledBody),
					'dist/nodes/Planted/planted.svg': svg,
					'dist/nodes/Planted/planted.dark.svg': `${svg}\n`,
				};
				for (const [file, text] of Object.entries(files)) {
					mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
					writeFileSync(path.join(dir, file), text);
				}
				return await scan(dir);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}

		const check = (report: Report, label: string) => report.checks.find((c) => c.label === label)!;

		it('passes it clean', async () => {
			const { code, report } = await scanPlanted('', '');
			expect(failures(report)).toBe('');
			expect(code).toBe(0);
		});

		it('fails on a source violation switched off inline', async () => {
			const { code, report } = await scanPlanted('\t\t// eslint-disable-next-line\n\t\tconst home = process.env.HOME;\n\t\tvoid home;', '');
			expect(code).toBe(1);
			expect(check(report, 'sources').passed).toBe(false);
			expect(check(report, 'sources').details).toContain('no-restricted-globals');
			expect(check(report, 'tarball').passed).toBe(true);
		});

		it('fails on a violation only in the compiled tarball', async () => {
			const { code, report } = await scanPlanted('', '        /* eslint-disable */\n        await new Promise((r) => setTimeout(r, 10));');
			expect(code).toBe(1);
			expect(check(report, 'sources').passed).toBe(true);
			expect(check(report, 'tarball').passed).toBe(false);
			expect(check(report, 'tarball').details).toContain('no-restricted-globals');
		});
	});
});
