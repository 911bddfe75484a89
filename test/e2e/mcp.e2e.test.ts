/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The four action nodes as tools of n8n's MCP Server Trigger, called by the official MCP client SDK
 * the way an AI client (Claude Desktop, an IDE, an agent) calls them: a published workflow serves
 * one tool per provider (4YouSee Get Playlogs, CloudBlue Customer Get Many, Trust Campaign Get
 * Many, Reportei Customer Get Many), the client lists them, calls each against its simulator and
 * gets the simulator's data back. With their defaults, each answer stays under about 4,000 tokens
 * (≈ 4 characters a token), however much the provider holds: the nodes cut tool answers to fit.
 */
import { randomUUID } from 'node:crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { CloudBlueSimulator } from '../../dev/simulators/cloudblue/server';
import { FourYouSeeSimulator, FOURYOUSEE_SIM_TOKEN } from '../../dev/simulators/fouryousee/server';
import { ReporteiSimulator } from '../../dev/simulators/reportei/simulator';
import { DEFAULT_CLIENT, TrustSimulator } from '../../dev/simulators/trust/server';
import { useN8n, type CredentialRef, type JsonObject } from './harness/n8n';
import { savedCredentialData } from './harness/saved-credential';

const n8n = useN8n();

const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';
/** A node used as a tool is its type with `Tool` appended (n8n's convention for `usableAsTool` nodes). */
const TOOL = (name: string) => `n8n-nodes-reporting.${name}Tool`;
const MAX_TOKENS = 4000;

/** The usual estimate of a model's tokens for JSON text: one per 4 characters. */
const tokens = (text: string) => Math.ceil(text.length / 4);

let fourYouSee: FourYouSeeSimulator;
let cloudBlue: CloudBlueSimulator;
let trust: TrustSimulator;
let reportei: ReporteiSimulator;
let creds: Record<string, CredentialRef>;
let reportId: number;

beforeAll(async () => {
	// More than one tool answer can hold: 6,000 plays over many media and players, 150 customers, 80 Reportei customers.
	fourYouSee = await new FourYouSeeSimulator({ timeScale: 0.005, playlogLines: 6000, medias: 40 }).start();
	cloudBlue = await new CloudBlueSimulator({ timeScale: 0.001, customers: 150 }).start();
	trust = await new TrustSimulator({ timeScale: 0.001 }).start();
	reportei = await new ReporteiSimulator({ seedCustomers: 80 }).start();

	const created = fourYouSee.createReport({ filter: { startDate: '2026-11-01', endDate: '2026-11-07' } });
	if (typeof created === 'string') throw new Error(created);
	reportId = Number(created.id);
	await fourYouSee.whenFinished(reportId);

	const refs = await n8n().importCredentials([
		{ name: '4YouSee (mcp e2e)', type: 'fourYouSeeApi', data: savedCredentialData('fourYouSeeApi', { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: fourYouSee.apiUrl }) },
		{ name: 'CloudBlue (mcp e2e)', type: 'cloudBlueCommerceApi', data: savedCredentialData('cloudBlueCommerceApi', cloudBlue.tokenCredentials()) },
		{
			name: 'Trust (mcp e2e)',
			type: 'trustApi',
			data: savedCredentialData('trustApi', {
				environment: 'custom',
				apiUrl: trust.url,
				ateneaUrl: trust.url,
				clientId: DEFAULT_CLIENT.clientId,
				clientSecret: DEFAULT_CLIENT.clientSecret,
				defaultCompanyId: '1',
			}),
		},
		{ name: 'Reportei (mcp e2e)', type: 'reporteiConnectApi', data: savedCredentialData('reporteiConnectApi', { accessToken: reportei.merchantToken, baseUrl: reportei.apiUrl }) },
	]);
	creds = Object.fromEntries(refs.map((r) => [r.type, r]));
}, 120_000);

afterAll(async () => {
	await Promise.all([fourYouSee?.stop(), cloudBlue?.stop(), trust?.stop(), reportei?.stop()]);
});

function credential(type: string) {
	return { [type]: { id: creds[type].id, name: creds[type].name } };
}

function tool(name: string, type: string, typeVersion: number, credentialType: string, parameters: JsonObject, y: number): JsonObject {
	return { id: randomUUID(), name, type, typeVersion, position: [200, y], parameters, credentials: credential(credentialType) };
}

/** The text of a tool answer (n8n answers one text part holding JSON). */
function answerText(result: unknown): string {
	const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
	expect(content.length).toBeGreaterThan(0);
	return content.map((part) => {
		expect(part.type).toBe('text');
		return part.text ?? '';
	}).join('');
}

test('an MCP client lists the four tools of a published MCP Server Trigger and gets each provider\'s data', async () => {
	const path = `reporting-${randomUUID()}`;
	const workflow = await n8n().importWorkflow({
		name: 'MCP e2e: reporting tools',
		nodes: [
			{ id: randomUUID(), name: 'MCP Server Trigger', type: MCP_TRIGGER, typeVersion: 2.1, position: [0, 0], webhookId: randomUUID(), parameters: { authentication: 'none', path } },
			tool('4YouSee Playlogs', TOOL('fourYouSee'), 2, 'fourYouSeeApi', {
				resource: 'report',
				operation: 'getPlaylogs',
				reportId: { __rl: true, mode: 'id', value: "={{ $fromAI('reportId', 'ID of a finished 4YouSee report', 'number') }}" },
			}, -300),
			tool('CloudBlue Customers', TOOL('cloudBlueCommerce'), 1, 'cloudBlueCommerceApi', { resource: 'customer', operation: 'getMany' }, -100),
			tool('Trust Campaigns', TOOL('trust'), 2, 'trustApi', { resource: 'campaign', operation: 'getMany' }, 100),
			tool('Reportei Customers', TOOL('reporteiConnect'), 2, 'reporteiConnectApi', { resource: 'customer', operation: 'getMany' }, 300),
		],
		connections: Object.fromEntries(
			['4YouSee Playlogs', 'CloudBlue Customers', 'Trust Campaigns', 'Reportei Customers'].map((name) => [
				name,
				{ ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
			]),
		),
		settings: { executionOrder: 'v1' },
	});
	await n8n().publishWorkflow(workflow.id);

	const client = new Client({ name: 'n8n-nodes-reporting-e2e', version: '1.0.0' });
	// Version 2 of the trigger serves Streamable HTTP (POST) and SSE (GET) on the same path.
	await client.connect(new StreamableHTTPClientTransport(new URL(`${n8n().baseUrl}/mcp/${path}`)));
	const answers: Record<string, string> = {};
	let listed: Array<{ name: string; description?: string; inputSchema: JsonObject }>;
	try {
		listed = (await client.listTools()).tools as typeof listed;
		// Tool names are the node names made safe (n8n's nodeNameToToolName), described by the operation.
		expect(listed.map((t) => t.name).sort()).toEqual(['4YouSee_Playlogs', 'CloudBlue_Customers', 'Reportei_Customers', 'Trust_Campaigns']);
		const byName = Object.fromEntries(listed.map((t) => [t.name, t]));
		expect(byName['4YouSee_Playlogs'].inputSchema).toMatchObject({
			type: 'object',
			properties: { reportId: { type: 'number', description: 'ID of a finished 4YouSee report' } },
			required: ['reportId'],
		});
		for (const name of ['CloudBlue_Customers', 'Reportei_Customers', 'Trust_Campaigns']) {
			expect(byName[name].inputSchema).toMatchObject({ type: 'object', properties: {} });
		}
		expect(byName['4YouSee_Playlogs'].description).toMatch(/playlogs/i);
		expect(byName['CloudBlue_Customers'].description).toMatch(/customer/i);
		expect(byName['Reportei_Customers'].description).toMatch(/customer/i);
		expect(byName['Trust_Campaigns'].description).toMatch(/campaign/i);

		for (const t of listed) {
			const result = await client.callTool({ name: t.name, arguments: t.name === '4YouSee_Playlogs' ? { reportId } : {} });
			expect(result.isError).toBeFalsy();
			answers[t.name] = answerText(result);
		}
	} finally {
		await client.close();
		await n8n().unpublishWorkflow(workflow.id);
	}

	// 4YouSee: the summary (Output's default) per media and player, as the simulator counts the file.
	// More groups than one answer holds: whole rows while they fit, then a note saying how many were left out.
	const truth = fourYouSee.countPlays(reportId, ['mediaId', 'playerId']).map((row) => ({ reportId, ...row }));
	const plays = JSON.parse(answers['4YouSee_Playlogs']) as JsonObject[];
	const note = plays[plays.length - 1];
	const rows = 'note' in note ? plays.slice(0, -1) : plays;
	expect(rows.length).toBeGreaterThan(50);
	expect(rows).toEqual(truth.slice(0, rows.length));
	if (rows.length < truth.length) {
		expect(note.note).toMatch(new RegExp(`^Showing ${rows.length} of ${truth.length} results`));
	}

	// CloudBlue: the first 50 customers (Limit's default), simplified (Simplify is always on for a tool).
	const customers = JSON.parse(answers['CloudBlue_Customers']) as JsonObject[];
	expect(customers).toHaveLength(50);
	expect(customers.map((c) => c.id)).toEqual(cloudBlue.customers.slice(0, 50).map((c) => String(c.id)));
	expect(customers.map((c) => c.name)).toEqual(cloudBlue.customers.slice(0, 50).map((c) => c.name));

	// Trust: every campaign of the credential's Default Company ID.
	const campaigns = JSON.parse(answers['Trust_Campaigns']) as JsonObject[];
	const trustCampaigns = trust.campaigns.filter((c) => c.company_id === '1');
	expect(campaigns.length).toBe(trustCampaigns.length);
	expect(campaigns.map((c) => c.uuid).sort()).toEqual(trustCampaigns.map((c) => c.uuid).sort());
	for (const c of campaigns) expect(c).toMatchObject({ company_id: '1', name: expect.stringMatching(/^Campaign 1-\d+$/) });

	// Reportei: the first 50 of the merchant's 80 customers.
	const reporteiCustomers = JSON.parse(answers['Reportei_Customers']) as JsonObject[];
	expect(reporteiCustomers).toHaveLength(50);
	expect(reporteiCustomers.map((c) => c.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Customer ${String(i + 1).padStart(4, '0')}`));
	for (const c of reporteiCustomers) expect(reportei.customers.has(String(c.uuid))).toBe(true);

	// Every answer made with the defaults fits a model's turn.
	const sizes = Object.fromEntries(Object.entries(answers).map(([name, text]) => [name, tokens(text)]));
	const largest = Math.max(...Object.values(sizes));
	expect(largest).toBeLessThan(MAX_TOKENS);

	const sample = (name: string, items: JsonObject[]) => `${name}: ${items.length} items, ${sizes[name]} tokens; first ${JSON.stringify(items[0])}`;
	console.log(
		[
			`MCP tools: ${listed.map((t) => `${t.name} (${t.description ?? ''}; arguments: ${Object.keys((t.inputSchema.properties ?? {}) as JsonObject).join(', ') || 'none'})`).join('; ')}`,
			sample('4YouSee_Playlogs', plays) + ('note' in note ? `; note ${JSON.stringify(note.note)}` : ''),
			sample('CloudBlue_Customers', customers),
			sample('Trust_Campaigns', campaigns),
			sample('Reportei_Customers', reporteiCustomers),
			`largest answer: ${largest} tokens (ceil(chars / 4)), limit ${MAX_TOKENS}`,
		].join('\n'),
	);
});
