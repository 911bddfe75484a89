/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The demo (`npm start`, dev/demo/index.ts) seen in a real browser: Debian's Chromium, headless,
 * driven by playwright-core. Logs into the editor with the demo login, opens example workflows and
 * nodes of this package, and fails when the node's icon (an <img> served from the package, loaded)
 * or its Resource and Operation fields do not render, or when "Execute workflow" in the editor
 * does not produce the rows the simulator serves, or when the From List pickers of a 4YouSee
 * Player, a CloudBlue Customer and a Trust Message ID do not list the simulators' objects.
 *
 * Screenshots go to test-results/ (gitignored); on n8n 2.x the latest ones are copied to
 * docs/screenshots/ (editor-node.png: the 4YouSee Manager node; editor-run.png: a CloudBlue run's
 * output; picker-*.png: the three pickers opened), which the README and docs/<provider>.md show. `npm run test:e2e:n8n1` runs it on n8n 1.x (files `*-n8n1.png`).
 *
 * Chromium: /usr/bin/chromium (env CHROMIUM_PATH to override). When missing, the setup installs it
 * with `apt-get update && apt-get install -y chromium` (needs root and the Debian mirror; a few
 * minutes the first time).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { startDemo, type Demo, type DemoWorkflow } from '../../dev/demo';
import type { CloudBlueSimulator } from '../../dev/simulators/cloudblue/server';
import type { FourYouSeeSimulator } from '../../dev/simulators/fouryousee/server';
import type { SimulatorDemo } from '../../dev/simulators/simulator';
import type { TrustSimulator } from '../../dev/simulators/trust/server';
import type { JsonObject } from './harness/n8n';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

jest.setTimeout(180_000);

let demo: Demo;
let browser: Browser;
let page: Page;

function ensureChromium(): void {
	if (existsSync(CHROMIUM)) return;
	const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		encoding: 'utf8',
		timeout: 20 * 60_000,
		maxBuffer: 64 * 1024 * 1024,
	});
	if (install.status !== 0 || !existsSync(CHROMIUM)) {
		const out = `${install.stdout ?? ''}${install.stderr ?? ''}`.split('\n').slice(-30).join('\n');
		throw new Error(`Chromium is missing at ${CHROMIUM} and apt-get could not install it (exit ${install.status ?? install.signal}):\n${out}`);
	}
}

beforeAll(async () => {
	ensureChromium();
	demo = await startDemo({ log: (line) => process.stderr.write(`[demo] ${line}\n`) });
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 25 * 60_000);

afterAll(async () => {
	await browser?.close();
	await demo?.stop();
}, 60_000);

function example(file: string): DemoWorkflow {
	const wf = demo.workflows.find((w) => w.file === file);
	if (!wf) throw new Error(`example ${file} was not imported (have: ${demo.workflows.map((w) => w.file).join(', ')})`);
	return wf;
}

/** The display names n8n shows for a node's resource and operation values (from its own description). */
async function expectedLabels(nodeType: string, resource: string, operation: string): Promise<{ resource: string; operation: string }> {
	const type = (await demo.n8n.listNodeTypes()).find((t) => t.name === nodeType);
	if (!type) throw new Error(`node type ${nodeType} is not loaded`);
	type Prop = { name: string; options?: Array<{ name: string; value: unknown }>; displayOptions?: { show?: Record<string, unknown[]> } };
	const props = (type.description.properties ?? []) as Prop[];
	const res = props.find((p) => p.name === 'resource')?.options?.find((o) => o.value === resource)?.name;
	const op = props
		.find((p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(resource))
		?.options?.find((o) => o.value === operation)?.name;
	if (!res || !op) throw new Error(`no display name for ${resource}/${operation} in ${nodeType}`);
	return { resource: res, operation: op };
}

function nodeNamed(wf: DemoWorkflow, name: string): JsonObject & { type: string; parameters: JsonObject } {
	const node = ((wf.workflow.nodes ?? []) as Array<JsonObject & { name: string; type: string; parameters: JsonObject }>).find((n) => n.name === name);
	if (!node) throw new Error(`no node "${name}" in ${wf.file}`);
	return node;
}

async function openWorkflow(wf: DemoWorkflow): Promise<void> {
	await page.goto(`${demo.n8n.baseUrl}/workflow/${wf.id}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 90_000 });
}

async function openNode(name: string): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ timeout: 30_000 });
}

/**
 * The <img>s under `scope` whose src is the package's icon (served from /icons/<package>/...) and
 * that loaded (naturalWidth > 0), once at least `count` of them did or after 30 s (images load after
 * the panel renders).
 */
async function loadedIcons(scope: string, iconFile: RegExp, count = 1): Promise<Array<{ src: string; width: number }>> {
	const prefix = `/icons/${demo.n8n.packageName}/`;
	const read = () =>
		page.$$eval(`${scope} img`, (imgs) =>
			imgs.map((img) => ({ src: (img as HTMLImageElement).src, width: (img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0 })),
		);
	const until = Date.now() + 30_000;
	for (;;) {
		const ours = (await read()).filter((i) => i.src.includes(prefix) && iconFile.test(i.src) && i.width > 0);
		if (ours.length >= count || Date.now() > until) return ours;
		await page.waitForTimeout(200);
	}
}

async function expectPackageIcon(iconFile: RegExp): Promise<void> {
	expect((await loadedIcons('[data-test-id="ndv"]', iconFile)).length).toBeGreaterThan(0);
}

async function expectResourceAndOperation(labels: { resource: string; operation: string }): Promise<void> {
	const ndv = page.locator('[data-test-id="ndv"]');
	const resource = ndv.locator('[data-test-id="parameter-input-resource"] input').first();
	const operation = ndv.locator('[data-test-id="parameter-input-operation"] input').first();
	await resource.waitFor({ state: 'visible', timeout: 30_000 });
	await operation.waitFor({ state: 'visible', timeout: 30_000 });
	expect(await resource.inputValue()).toBe(labels.resource);
	expect(await operation.inputValue()).toBe(labels.operation);
	await expect(ndv.locator('label', { hasText: /^\s*Resource\s*$/ }).first().isVisible()).resolves.toBe(true);
	await expect(ndv.locator('label', { hasText: /^\s*Operation\s*$/ }).first().isVisible()).resolves.toBe(true);
}

/** test-results/<name> (`-n8n1` added on n8n 1.x); the n8n 2.x ones are copied to docs/screenshots/. */
async function screenshot(name: string): Promise<string> {
	mkdirSync(RESULTS, { recursive: true });
	const file = join(RESULTS, demo.n8n.flavor === 'n8n2' ? name : name.replace(/\.png$/, `-${demo.n8n.flavor}.png`));
	await page.screenshot({ path: file });
	if (demo.n8n.flavor === 'n8n2') {
		mkdirSync(SCREENSHOTS, { recursive: true });
		copyFileSync(file, join(SCREENSHOTS, name));
	}
	return file;
}

test('the demo started with every check passing', () => {
	expect(demo.checks.filter((c) => !c.ok)).toEqual([]);
	expect(demo.credentials.map((c) => c.name).sort()).toEqual(
		['4YouSee Manager API (demo)', 'CloudBlue Commerce API (demo)', 'Reportei Connect API (demo)', 'Trust API (demo)'].sort(),
	);
});

test('logs into the editor with the printed demo login', async () => {
	await page.goto(`${demo.n8n.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(demo.login.email);
	await page.locator('input[name="password"]').fill(demo.login.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home\//, { timeout: 90_000 });
	expect(page.url()).toContain('/home/');
});

test('the 4YouSee Manager node of an example renders its icon, Resource and Operation', async () => {
	const wf = example('fouryousee-proof-of-play.json');
	const node = nodeNamed(wf, 'Plays per media and player');
	expect(node.type).toBe(`${demo.n8n.packageName}.fourYouSee`);
	const labels = await expectedLabels(node.type, String(node.parameters.resource), String(node.parameters.operation));

	await openWorkflow(wf);
	// the canvas shows the package's icon on both nodes of the example
	expect(await loadedIcons('[data-test-id="canvas-node"]', /\/FourYouSee\/fouryousee\.svg$/, 2)).toHaveLength(2);

	await openNode('Plays per media and player');
	await expectPackageIcon(/\/FourYouSee\/fouryousee\.svg$/);
	await expectResourceAndOperation(labels);
	// the demo credential is selected
	await expect(page.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input').first().inputValue()).resolves.toBe(
		'4YouSee Manager API (demo)',
	);
	await page.waitForTimeout(500); // let the panel's open animation settle for the picture
	await screenshot('editor-node.png');
});

test('"Execute workflow" in the editor runs the CloudBlue example and shows the report rows', async () => {
	const wf = example('cloudblue-daily-rated-data.json');
	const node = nodeNamed(wf, 'Download as rows');
	const labels = await expectedLabels(node.type, String(node.parameters.resource), String(node.parameters.operation));

	await openWorkflow(wf);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	// the report is scheduled, generated by the simulator (~10 s), downloaded and parsed into rows
	await page
		.locator('[data-test-id="canvas-node"][data-node-name="Spreadsheet"] [data-test-id="canvas-node-status-success"]')
		.waitFor({ timeout: 120_000 })
		.catch(async () => {
			// older editors have no per-node status test id: wait for the execution to be saved instead
			await demo.n8n.waitForExecutions(wf.id, 1, 120_000);
		});
	const [execution] = await demo.n8n.waitForExecutions(wf.id, 1, 120_000);
	expect(execution.status).toBe('success');
	const rows = execution.nodes['Download as rows'];
	expect(rows.length).toBeGreaterThan(1);

	await openNode('Download as rows');
	await expectPackageIcon(/\/CloudBlueCommerce\/cloudblue\.svg$/);
	await expectResourceAndOperation(labels);
	const output = page.locator('[data-test-id="output-panel"]');
	await output.locator('[data-test-id="ndv-items-count"], [data-test-id="run-data-item-count"]').first().waitFor({ timeout: 30_000 });
	const text = (await output.textContent()) ?? '';
	expect(text).toContain(`${rows.length} item`);
	expect(text).toContain(String(rows[0].lineId));
	await page.waitForTimeout(500);
	await screenshot('editor-run.png');
});

/** The names of the demo simulator's own objects a picker must list. */
function simulatorOf(credentialType: string): SimulatorDemo['simulator'] {
	const sim = demo.simulators.find((s) => s.credentialType === credentialType);
	if (!sim) throw new Error(`no demo simulator for ${credentialType}`);
	return sim.simulator;
}

/**
 * Opens the "From List" picker of `field` in node `name` and waits for its list: the texts of its
 * entries, once at least `min` have rendered.
 */
async function openPicker(name: string, field: string, min = 3): Promise<string[]> {
	await openNode(name);
	const locator = page.locator(`[data-test-id="ndv"] [data-test-id="resource-locator-${field}"]`);
	await locator.waitFor({ state: 'visible', timeout: 30_000 });
	await locator.locator('[data-test-id="rlc-input"]').first().click();
	// The list is a popover at the end of the page; a closed one may stay in the page, hidden.
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.nth(min - 1).waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(400); // the popover's open animation, for the picture
	return (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/**
 * Closes the open picker list and the node's panel. n8n 2.x closes the list on the first Escape and
 * the panel on the second. n8n 1.x's panel (an el-dialog) keeps both open while the focus is in the
 * picker: there the panel's "Back to canvas" closes it, and a list still open over the canvas closes
 * on a click on an empty part of the canvas, above the nodes.
 */
async function closeNode(): Promise<void> {
	const list = page.locator('[data-test-id="rlc-item"]:visible');
	const panel = page.locator('[data-test-id="ndv"]');
	await page.keyboard.press('Escape');
	if (await panel.isVisible()) await page.keyboard.press('Escape');
	const closed = await panel.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
	if (!closed) await page.locator('[data-test-id="back-to-canvas"]:visible, [data-test-id="ndv-close-button"]:visible').first().click();
	await panel.waitFor({ state: 'hidden', timeout: 30_000 });
	if (await list.count()) {
		const pane = page.locator('.vue-flow__pane');
		const box = await pane.boundingBox();
		if (!box) throw new Error('the canvas is not on the page to close the picker list on');
		await pane.click({ position: { x: box.width / 2, y: 40 } });
	}
	await list.first().waitFor({ state: 'hidden', timeout: 10_000 });
}

test('the 4YouSee Player, CloudBlue Customer and Trust Message pickers list the simulators\' objects', async () => {
	const credential = (type: string) => {
		const c = demo.credentials.find((d) => d.type === type);
		if (!c) throw new Error(`no demo credential of type ${type}`);
		return { [type]: { id: c.id, name: c.name } };
	};
	const pkg = demo.n8n.packageName;
	const wf = await demo.n8n.importWorkflow({
		name: 'Pickers (browser e2e)',
		nodes: [
			{ id: randomUUID(), name: 'Get a player', type: `${pkg}.fourYouSee`, typeVersion: 2, position: [0, 0], parameters: { resource: 'player', operation: 'get' }, credentials: credential('fourYouSeeApi') },
			{ id: randomUUID(), name: 'Get a customer', type: `${pkg}.cloudBlueCommerce`, typeVersion: 1, position: [300, 0], parameters: { resource: 'customer', operation: 'get' }, credentials: credential('cloudBlueCommerceApi') },
			{ id: randomUUID(), name: 'Create a campaign', type: `${pkg}.trust`, typeVersion: 2, position: [600, 0], parameters: { resource: 'campaign', operation: 'create' }, credentials: credential('trustApi') },
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await page.goto(`${demo.n8n.baseUrl}/workflow/${wf.id}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 90_000 });

	const fourYouSee = simulatorOf('fourYouSeeApi') as FourYouSeeSimulator;
	const players = await openPicker('Get a player', 'playerId');
	const playerNames = fourYouSee.store.players.map((p) => String(p.name));
	// Named by the player's name, or by the name and what tells two alike apart, "Name (...)".
	for (const entry of players) expect(playerNames.some((n) => entry === n || entry.startsWith(`${n} (`))).toBe(true);
	await screenshot('picker-fouryousee-player.png');
	await closeNode();

	const cloudBlue = simulatorOf('cloudBlueCommerceApi') as CloudBlueSimulator;
	const customers = await openPicker('Get a customer', 'customerId');
	const customerNames = cloudBlue.customers.map((c) => String(c.name));
	// "Name (id, status)".
	for (const entry of customers) expect(customerNames.some((n) => entry.startsWith(`${n} (`))).toBe(true);
	await screenshot('picker-cloudblue-customer.png');
	await closeNode();

	const trust = simulatorOf('trustApi') as TrustSimulator;
	const messages = await openPicker('Create a campaign', 'messageId');
	// Named after the newest campaign of the credential's company that sends the message.
	const campaignNames = trust.campaigns.filter((c) => c.company_id === '1001').map((c) => String(c.name));
	for (const entry of messages) expect(campaignNames).toContain(entry.replace(/ \(\+\d+ more\)$/, ''));
	await screenshot('picker-trust-message.png');
	await closeNode();
});
