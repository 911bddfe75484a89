/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * What a reviewer checks before verifying a community package: package.json names one public
 * GitHub repository everywhere (repository, homepage, bugs, author), the MIT licence names the
 * author, the changelog describes this version, and every documentation link the nodes and
 * credentials show in n8n points at a page and heading of that repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
	name: string;
	version: string;
	license: string;
	homepage: string;
	bugs: { url: string };
	author: { name: string; email: string; url: string };
	repository: { type: string; url: string };
	files: string[];
	n8n: { credentials: string[]; nodes: string[] };
};

const REPO = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const OWNER = REPO.split('/')[3];

/** GitHub's anchor for a Markdown heading. */
const anchor = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');

/** A link to a docs page of this repository: the page exists, and so does the heading. */
function expectRepositoryDoc(url: string) {
	const match = new RegExp(`^${REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/blob/main/([^#]+)(?:#(.+))?$`).exec(url);
	expect([url, match !== null]).toEqual([url, true]);
	const [, file, hash] = match!;
	expect([url, existsSync(path.join(ROOT, file))]).toEqual([url, true]);
	if (hash) {
		const headings = read(file)
			.split('\n')
			.filter((l) => /^#{1,6} /.test(l))
			.map((l) => anchor(l.replace(/^#+ /, '')));
		expect([url, headings]).toEqual([url, expect.arrayContaining([hash])]);
	}
}

describe('package.json', () => {
	it('names one GitHub repository as repository, homepage, bugs and author', () => {
		expect(pkg.repository.type).toBe('git');
		expect(REPO).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(REPO.split('/')[4]).toBe(pkg.name);
		expect(pkg.homepage.replace(/#readme$/, '')).toBe(REPO);
		expect(pkg.bugs.url).toBe(`${REPO}/issues`);
		expect(pkg.author.url).toBe(`https://github.com/${OWNER}`);
		expect(pkg.author.name).toBe(OWNER);
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/);
	});

	it('ships the build only (npm adds README, LICENSE and package.json)', () => {
		expect(pkg.files).toEqual(['dist']);
	});
});

test("LICENSE is the MIT licence, in the author's name", () => {
	expect(pkg.license).toBe('MIT');
	const licence = read('LICENSE');
	expect(licence.split('\n')[0]).toBe('MIT License');
	expect(licence).toMatch(new RegExp(`^Copyright \\(c\\) \\d{4} ${pkg.author.name}$`, 'm'));
	expect(licence).toContain('Permission is hereby granted, free of charge, to any person obtaining a copy');
});

test('CHANGELOG.md follows Keep a Changelog and describes this version', () => {
	const changelog = read('CHANGELOG.md');
	expect(changelog).toContain('https://keepachangelog.com/en/1.1.0/');
	expect(changelog).toMatch(/^## \[Unreleased\]$/m);
	const section = new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm');
	expect(changelog).toMatch(section);
	expect(changelog).toContain(`[${pkg.version}]: ${REPO}/releases/tag/v${pkg.version}`);
	const body = changelog.split(section)[1].split(/^## /m)[0];
	for (const provider of ['4YouSee Manager', 'CloudBlue Commerce', 'Trust', 'Reportei Connect']) expect(body).toContain(provider);
});

describe('documentation links shown in n8n', () => {
	const codexFiles = readdirSync(path.join(ROOT, 'nodes'), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.node.json'))
		.map((f) => path.join('nodes', f));

	it.each(codexFiles)('%s links its docs page and its credential section', (file) => {
		const codex = JSON.parse(read(file)) as { resources?: Record<string, Array<{ url: string }>> };
		const primary = codex.resources?.primaryDocumentation ?? [];
		const credential = codex.resources?.credentialDocumentation ?? [];
		expect(primary.length).toBeGreaterThan(0);
		expect(credential.length).toBeGreaterThan(0);
		for (const { url } of [...primary, ...credential]) expectRepositoryDoc(url);
	});

	it('every credential links its docs page', () => {
		for (const file of pkg.n8n.credentials) {
			const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			const types = Object.values(require(source) as Record<string, unknown>).filter((v): v is new () => ICredentialType => typeof v === 'function');
			const urls = types.map((Type) => new Type().documentationUrl).filter(Boolean);
			expect([file, urls.length]).toEqual([file, 1]);
			expectRepositoryDoc(urls[0]!);
		}
	});
});
