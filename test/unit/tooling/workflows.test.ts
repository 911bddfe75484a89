/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The GitHub Actions workflows: CI runs the README's test command with the n8n runtime cached by its
 * lockfiles; the release publishes with npm provenance from a version tag, after checking that the
 * tag is package.json's version and that repository.url is the repository it runs in. The two
 * checks are run here as the workflow runs them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fg from 'fast-glob';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
	if?: string;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; steps: Step[] }>;
}

const load = (file: string) => parse(readFileSync(path.join(ROOT, '.github/workflows', file), 'utf8')) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);
const index = (list: Step[], match: (s: Step) => boolean) => {
	const i = list.findIndex(match);
	expect(i).toBeGreaterThanOrEqual(0);
	return i;
};
const uses = (action: string) => (s: Step) => (s.uses ?? '').startsWith(`${action}@`);
const runs = (text: string) => (s: Step) => (s.run ?? '').includes(text);

/** The lockfiles a cache key's hashFiles(...) names, resolved in the clone. */
function hashedFiles(key: string): string[] {
	const call = /hashFiles\(([^)]*)\)/.exec(key);
	expect(call).not.toBeNull();
	const patterns = [...call![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
	return fg.sync(patterns, { cwd: ROOT, ignore: ['**/node_modules/**'] });
}

function expectRuntimeCache(list: Step[]) {
	const cache = list[index(list, uses('actions/cache'))];
	expect(cache.with?.path).toBe('~/.cache/n8n-nodes-reporting');
	const files = hashedFiles(String(cache.with?.key));
	expect(files).toContain('dev/n8n/runtime/package-lock.json');
	return cache;
}

describe('ci.yml', () => {
	const wf = load('ci.yml');
	const list = steps(wf);

	it('runs on pushes and pull requests', () => {
		expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
	});

	it("runs the README's test command on Node 20, after restoring the n8n runtime cache", () => {
		const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain('`npm ci && npm test`');
		const setup = list[index(list, uses('actions/setup-node'))];
		expect(String(setup.with?.['node-version'])).toBe('20');
		const test = index(list, (s) => s.run?.trim() === 'npm ci && npm test');
		expect(index(list, uses('actions/checkout'))).toBeLessThan(test);
		expect(list.indexOf(expectRuntimeCache(list))).toBeLessThan(test);
	});
});

describe('release.yml', () => {
	const wf = load('release.yml');
	const list = steps(wf);
	const versionCheck = list[index(list, (s) => /tag/i.test(s.name ?? '') && runs('GITHUB_REF_NAME')(s))];
	const repoCheck = list[index(list, runs('GITHUB_REPOSITORY'))];

	it('runs on version tags only', () => {
		expect(Object.keys(wf.on)).toEqual(['push']);
		const push = wf.on.push as { tags?: string[]; branches?: string[] };
		expect(push.branches).toBeUndefined();
		expect(push.tags).toEqual(expect.arrayContaining(['v*.*.*']));
	});

	it('may mint the OIDC token for provenance and only read the repository', () => {
		expect(wf.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('tests, builds and publishes with provenance to the npm registry, after both checks', () => {
		const setup = list[index(list, uses('actions/setup-node'))];
		expect(setup.with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(String(setup.with?.['node-version'])).toBe('20');
		const publish = index(list, (s) => s.run?.trim() === 'npm publish --provenance --access public');
		for (const before of [list.indexOf(versionCheck), list.indexOf(repoCheck), index(list, runs('npm test')), index(list, runs('npm run build'))]) {
			expect(before).toBeLessThan(publish);
		}
		expectRuntimeCache(list);
		// n8n's own check on what was published: provenance, the attested source, the tarball.
		expect(index(list, runs('scan-community-package'))).toBeGreaterThan(publish);
	});

	const bash = (script: string, env: Record<string, string>) =>
		spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
	const ownRepo = pkg.repository.url.replace(/^git\+https:\/\/github\.com\//, '').replace(/\.git$/, '');

	it("accepts a tag that is package.json's version, with or without a v, and refuses another", () => {
		expect(bash(versionCheck.run!, { GITHUB_REF_NAME: `v${pkg.version}` }).status).toBe(0);
		expect(bash(versionCheck.run!, { GITHUB_REF_NAME: pkg.version }).status).toBe(0);
		const other = bash(versionCheck.run!, { GITHUB_REF_NAME: 'v99.0.0' });
		expect(other.status).toBe(1);
		expect(other.stdout).toContain('does not match');
	});

	it('accepts the repository package.json names and refuses a fork', () => {
		expect(ownRepo).toMatch(/^[\w.-]+\/[\w.-]+$/);
		expect(bash(repoCheck.run!, { GITHUB_REPOSITORY: ownRepo }).status).toBe(0);
		expect(bash(repoCheck.run!, { GITHUB_REPOSITORY: ownRepo.toUpperCase() }).status).toBe(0);
		const fork = bash(repoCheck.run!, { GITHUB_REPOSITORY: 'someone-else/n8n-nodes-reporting' });
		expect(fork.status).toBe(1);
		expect(fork.stdout).toContain('repository.url');
	});
});
