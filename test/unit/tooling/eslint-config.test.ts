/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The lint setup `npm run lint` relies on:
 * - `n8n-node lint` runs in strict mode: package.json has `"n8n": { "strict": true }` and
 *   eslint.config.mjs is the default config `n8n-node new` writes, compared the way the CLI compares
 *   it, and it is the config ESLint really loads (no other eslint.config.* shadows it), so every
 *   shipped file gets exactly n8n's default rules.
 * - Inline directives: shipped code has only the one documented exception; tooling files have at
 *   most the tooling header, as their first line, and only where n8n's default config would
 *   otherwise fail them.
 * - eslint.dev.config.mjs gives tests and tools ESLint's and typescript-eslint's recommended rules,
 *   no node rules, and does not touch the shipped code.
 *
 * ESLint loads configs with a dynamic import(), which jest's module system does not support, so
 * they are computed by a small Node script in a child process.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'node_modules/@n8n/node-cli');
/** The file `n8n-node lint` compares eslint.config.mjs with in strict mode (dist/commands/lint.js). */
const TEMPLATE = path.join(CLI, 'dist/template/templates/shared/default/eslint.config.mjs');

/** The inline directives shipped code may hold, and why: see the file. */
const SHIPPED_DIRECTIVES: Record<string, string[]> = {
	'credentials/CloudBlueCommerceApi.credentials.ts': ['eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password'],
};

const SCRIPT = `
import { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { config as n8nDefault } from '@n8n/node-cli/eslint';
import { TOOLING_HEADER } from './eslint.dev.config.mjs';
const [restFiles, ignoredFiles] = JSON.parse(process.argv[1]);
const ours = new ESLint();
const theirs = new ESLint({ overrideConfigFile: true, overrideConfig: n8nDefault });
const dev = new ESLint({ overrideConfigFile: 'eslint.dev.config.mjs' });
const severity = (v) => (Array.isArray(v) ? v[0] : v);
const on = (rules) => Object.fromEntries(Object.entries(rules ?? {}).filter(([, v]) => severity(v) !== 0 && severity(v) !== 'off'));
const IGNORE = ['**/node_modules/**', 'dist/**', '.tmp/**', 'coverage/**'];

const shipped = {};
for (const file of await fg(['package.json', 'nodes/**/*.ts', 'credentials/**/*.ts'], { ignore: IGNORE })) {
	const a = on((await ours.calculateConfigForFile(file))?.rules);
	const b = on((await theirs.calculateConfigForFile(file))?.rules);
	const differ = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((r) => JSON.stringify(a[r]) !== JSON.stringify(b[r])).sort();
	shipped[file] = { rules: Object.keys(b).length, differ, devIgnored: await dev.isPathIgnored(file) };
}

// Every tooling file with the header: what n8n's default config reports in it without the header.
const headed = {};
const tooling = await fg(['**/*.{ts,mts,cts}'], { ignore: [...IGNORE, 'nodes/**', 'credentials/**'] });
const withHeader = tooling.filter((f) => readFileSync(f, 'utf8').startsWith(TOOLING_HEADER + '\\n'));
const noInline = new ESLint({ overrideConfigFile: true, overrideConfig: n8nDefault, allowInlineConfig: false });
for (const r of await noInline.lintFiles(withHeader)) headed[r.filePath.slice(process.cwd().length + 1)] = r.errorCount;

// Directive comments, found by parsing (so text in strings is not mistaken for one).
const linter = new Linter();
const DIRECTIVE = /^(eslint-disable(-next-line|-line)?|eslint-enable|eslint|globals?|exported)(\\s|$)/;
const directives = {};
for (const file of [...Object.keys(shipped).filter((f) => f.endsWith('.ts')), ...tooling]) {
	linter.verify(readFileSync(file, 'utf8'), [{ files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } }], path.resolve(file));
	const found = linter.getSourceCode().getAllComments()
		.filter((c) => DIRECTIVE.test(c.value.trim()))
		.map((c) => ({ line: c.loc.start.line, text: (c.type === 'Block' ? '/*' + c.value + '*/' : '//' + c.value) }));
	if (found.length) directives[file] = found;
}

const rest = {};
for (const file of restFiles) rest[file] = Object.keys(on((await dev.calculateConfigForFile(file))?.rules)).sort();
const ignored = {};
for (const file of ignoredFiles) ignored[file] = await dev.isPathIgnored(file);
console.log(JSON.stringify({ shipped, rest, ignored, headed, tooling, directives, header: TOOLING_HEADER }));
`;

const REST = [
	'test/unit/tooling/lint.test.ts',
	'test/harness/fixtures/nodes/EchoTest/EchoTest.node.ts',
	'scripts/demo.ts',
	'scripts/lint.mjs',
	'jest.config.js',
	'dev/simulators/fouryousee/server.ts',
	'dev/e2e/harness/n8n.ts',
	'dev/bench/run.mjs',
];
const IGNORED = [
	'dist/nodes/Trust/Trust.node.js',
	'.tmp/x/nodes/A.node.ts',
	'coverage/lcov-report/a.js',
	'dev/.tmp/a.ts',
	'dev/bench/results/a.js',
	'bench/results/a.js',
	'nodes/Trust/Trust.node.ts',
	'credentials/TrustApi.credentials.ts',
];

interface Computed {
	shipped: Record<string, { rules: number; differ: string[]; devIgnored: boolean }>;
	rest: Record<string, string[]>;
	ignored: Record<string, boolean>;
	headed: Record<string, number>;
	tooling: string[];
	directives: Record<string, { line: number; text: string }[]>;
	header: string;
}

let computed: Computed;
beforeAll(() => {
	const env = { ...process.env };
	delete env.NODE_ENV; // eslint-plugin-n8n-nodes-base behaves differently under NODE_ENV=test
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT, JSON.stringify([REST, IGNORED])], {
		cwd: ROOT,
		env,
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	computed = JSON.parse(out) as Computed;
}, 180_000);

describe('n8n-node lint in strict mode', () => {
	it('is switched on in package.json', () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(pkg.n8n.strict).toBe(true);
	});

	it('finds eslint.config.mjs unchanged from the default it compares with', () => {
		const ours = readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8');
		const template = readFileSync(TEMPLATE, 'utf8');
		// The CLI's own comparison, and the file byte for byte as `n8n-node new` writes it.
		const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
		expect(normalize(ours)).toBe(normalize(template));
		expect(ours).toBe(template);
		expect(readFileSync(path.join(CLI, 'dist/commands/lint.js'), 'utf8')).toContain('template/templates/shared/default/eslint.config.mjs');
	});

	it('is the config ESLint loads: no other eslint.config.* takes precedence', () => {
		const shadowing = ['js', 'cjs', 'ts', 'mts', 'cts'].map((ext) => `eslint.config.${ext}`).filter((f) => existsSync(path.join(ROOT, f)));
		expect(shadowing).toEqual([]);
		const files = Object.keys(computed.shipped);
		expect(files).toContain('package.json');
		expect(files.filter((f) => f.endsWith('.node.ts')).length).toBeGreaterThan(3);
		expect(files.filter((f) => f.startsWith('credentials/')).length).toBeGreaterThan(3);
		const differences = Object.entries(computed.shipped).filter(([, v]) => v.differ.length);
		expect(differences).toEqual([]);
		for (const [file, { rules }] of Object.entries(computed.shipped)) {
			expect([file, rules > 40]).toEqual([file, true]);
		}
	});
});

describe('inline lint directives', () => {
	const strip = (text: string) => text.replace(/^\/[/*]\s*/, '').replace(/\s*\*\/$/, '').split(' -- ')[0].trim();

	it('shipped code holds only the documented exception', () => {
		const shipped = Object.entries(computed.directives).filter(([f]) => f in computed.shipped);
		expect(Object.fromEntries(shipped.map(([f, d]) => [f, d.map((x) => strip(x.text))]))).toEqual(SHIPPED_DIRECTIVES);
	});

	it('tooling files hold at most the tooling header, as their first line', () => {
		expect(computed.header).toMatch(/^\/\* eslint-disable -- .*eslint\.dev\.config\.mjs.* \*\/$/);
		expect(computed.tooling.length).toBeGreaterThan(100);
		const stray = Object.entries(computed.directives)
			.filter(([f]) => !(f in computed.shipped))
			.flatMap(([f, d]) => d.filter((x) => !(x.line === 1 && x.text === computed.header)).map((x) => `${f}:${x.line} ${x.text}`));
		expect(stray).toEqual([]);
		const headed = Object.entries(computed.directives).filter(([f, d]) => !(f in computed.shipped) && d.some((x) => x.line === 1));
		expect(headed.map(([f]) => f).sort()).toEqual(Object.keys(computed.headed).sort());
	});

	it("the header is only where n8n's default config would fail the file without it", () => {
		const files = Object.keys(computed.headed);
		expect(files.length).toBeGreaterThan(10);
		const unneeded = files.filter((f) => computed.headed[f] === 0);
		expect(unneeded).toEqual([]);
	});
});

describe('eslint.dev.config.mjs', () => {
	it('gives tests and tools (today and under dev/) the recommended rules, no node rules', () => {
		for (const [file, rules] of Object.entries(computed.rest)) {
			expect([file, rules.filter((r) => r.startsWith('@n8n/') || r.startsWith('n8n-nodes-base/'))]).toEqual([file, []]);
			expect([file, rules]).toEqual([file, expect.arrayContaining(['no-debugger', 'for-direction', 'no-unsafe-finally'])]);
		}
		expect(computed.rest['scripts/demo.ts']).toEqual(expect.arrayContaining(['@typescript-eslint/no-unused-vars', '@typescript-eslint/no-unsafe-function-type']));
		expect(computed.rest['dev/simulators/fouryousee/server.ts']).toEqual(computed.rest['scripts/demo.ts']);
		expect(computed.rest['scripts/lint.mjs']).toEqual(expect.arrayContaining(['no-undef', 'no-unused-vars']));
	});

	it('leaves the shipped code to eslint.config.mjs and ignores build output, caches and run results', () => {
		expect(computed.ignored).toEqual(Object.fromEntries(IGNORED.map((f) => [f, true])));
		const linted = Object.entries(computed.shipped).filter(([f, v]) => f !== 'package.json' && !v.devIgnored);
		expect(linted).toEqual([]);
	});
});
