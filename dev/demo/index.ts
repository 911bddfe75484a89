/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The one-command demo (`npm start` = `node dev/demo/start.mjs`, which builds the package and runs
 * this file through TypeScript's own transpiler, no ts-node): every provider simulator with realistic
 * seeded data, the pinned real n8n with the packed package installed like a user's install, one
 * credential per provider named "<Credential Display Name> (demo)" pointing at its simulator, and
 * every workflow of examples/ imported with its credentials re-pointed to those.
 *
 * `startDemo()` is also what test/e2e/browser.e2e.test.ts drives in a real browser.
 *
 * What it checks before saying "ready" (a newcomer with no provider account must be able to run
 * every example): every credential passes n8n's own credential test against its simulator, every
 * credential reference of every imported example resolves to a demo credential of the right type,
 * and every example with a trigger of this package (a webhook) is published so production calls
 * reach it. With `runExamples` it also runs every example once, from its first trigger, and waits
 * for the webhook-triggered runs the others cause (4YouSee report notification, Reportei callback).
 *
 * Example parameters holding another n8n's webhook URL (`https://your-n8n.example.com/webhook/...`,
 * `http://localhost:5678/webhook/...`) are re-pointed to this n8n's production webhook base, so the
 * 4YouSee report notification and the Reportei callback arrive in the demo's trigger workflows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { login, type CredentialRef, type ExecutionResult, type JsonObject } from '../n8n/client';
import { OWNER, startN8n, type N8n, type StartOptions } from '../n8n/start';
import { startSimulatorDemos, type SimulatorDemo } from '../simulators';

const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'examples');

/** The owner every n8n started by dev/n8n/start.ts has; the demo checks it with a real login. */
export const DEMO_LOGIN = { email: OWNER.email, password: OWNER.password };

export interface DemoOptions {
	/** Progress lines (default: stdout). */
	log?: (line: string) => void;
	/** Run every example once after start-up (slower: waits for reports and deliveries). */
	runExamples?: boolean;
	/** Which pinned n8n (default n8n2). */
	flavor?: StartOptions['flavor'];
	/** Extra options for the n8n start. */
	n8n?: StartOptions;
}

export interface DemoWorkflow {
	file: string;
	id: string;
	name: string;
	/** Node names of this package's webhook triggers (the workflow is published when there are any). */
	webhookTriggers: string[];
	published: boolean;
	/** The workflow as n8n stored it after import. */
	workflow: JsonObject;
}

export interface DemoCheck {
	what: string;
	ok: boolean;
	detail: string;
}

export interface Demo {
	n8n: N8n;
	editorUrl: string;
	login: { email: string; password: string };
	simulators: SimulatorDemo[];
	credentials: CredentialRef[];
	workflows: DemoWorkflow[];
	checks: DemoCheck[];
	/** Milliseconds per start-up phase. */
	timings: Record<string, number>;
	/** Runs every example once (see the top of this file); adds its checks to `checks`. */
	runExamples(): Promise<DemoCheck[]>;
	stop(): Promise<void>;
}

/** The example workflows shipped in examples/, by file name. */
export function readExamples(): Array<{ file: string; workflow: JsonObject }> {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as JsonObject }));
}

/** Replaces the base of any n8n webhook URL in string parameters with this n8n's (see top comment). */
export function repointWebhookUrls<T>(value: T, webhookBase: string): T {
	if (typeof value === 'string') {
		return value.replace(/https?:\/\/[^/\s"'`]+\/webhook\//g, `${webhookBase.replace(/\/+$/, '')}/webhook/`) as T;
	}
	if (Array.isArray(value)) return value.map((v) => repointWebhookUrls(v, webhookBase)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repointWebhookUrls(v, webhookBase)])) as T;
	}
	return value;
}

function nodesOf(workflow: JsonObject): Array<JsonObject & { name: string; type: string }> {
	return (workflow.nodes ?? []) as Array<JsonObject & { name: string; type: string }>;
}

/**
 * Creates one credential the way the editor does (`POST /rest/credentials` with the owner's session),
 * hidden fields (the expirable access tokens the nodes fill in themselves) left out. Not the public
 * API: it validates the data against a schema built from the type's displayOptions that is stricter
 * than the editor and differs between n8n 1.x and 2.x (1.x wants `allowedHttpRequestDomains` /
 * `allowedDomains` and refuses fields of the branch not chosen).
 */
async function createCredential(n8n: N8n, name: string, type: string, data: JsonObject, description?: JsonObject): Promise<CredentialRef & { data: JsonObject }> {
	const properties = (description?.properties ?? []) as Array<{ name: string; type?: string }>;
	const hidden = new Set(properties.filter((p) => p.type === 'hidden').map((p) => p.name));
	const body = Object.fromEntries(Object.entries(data).filter(([k]) => !hidden.has(k)));
	const created = (await n8n.rest('POST', '/credentials', { name, type, data: body })) as JsonObject;
	return { id: String(created.id), name: String(created.name), type: String(created.type), data: body };
}

/** n8n's own credential test (the editor's "Test" button), with the saved id and its data. */
async function testCredential(n8n: N8n, cred: CredentialRef & { data: JsonObject }): Promise<{ status: string; message: string }> {
	try {
		return (await n8n.rest('POST', '/credentials/test', { credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data } })) as {
			status: string;
			message: string;
		};
	} catch (err) {
		return { status: 'Error', message: (err as Error).message };
	}
}

/** Points every credential reference of the workflow at the demo credential of its type. */
function pointCredentials(workflow: JsonObject, credentials: CredentialRef[]): JsonObject {
	const nodes = nodesOf(workflow).map((node) => {
		const creds = node.credentials as Record<string, unknown> | undefined;
		if (!creds) return node;
		const rewired: Record<string, unknown> = {};
		for (const [type, ref] of Object.entries(creds)) {
			const demo = credentials.find((c) => c.type === type);
			rewired[type] = demo ? { id: demo.id, name: demo.name } : ref;
		}
		return { ...node, credentials: rewired };
	});
	return { ...workflow, nodes };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Start everything; see the top of this file. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const timings: Record<string, number> = {};
	const checks: DemoCheck[] = [];
	const check = (what: string, ok: boolean, detail: string) => {
		checks.push({ what, ok, detail });
		log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
	};
	let simulators: SimulatorDemo[] = [];
	let n8n: N8n | undefined;
	const stop = async () => {
		await Promise.allSettled([n8n?.stop(), ...simulators.map((s) => s.stop())]);
	};

	try {
		let t = Date.now();
		log('Starting the provider simulators and n8n (the first run installs n8n into ~/.cache: several minutes) ...');
		const simulatorsReady = startSimulatorDemos().then((sims) => {
			timings.simulators = Date.now() - t;
			return sims;
		});
		const n8nReady = startN8n({ flavor: options.flavor, ...(options.n8n ?? {}) }).then((instance) => {
			timings.n8n = Date.now() - t;
			return instance;
		});
		const [simResult, n8nResult] = await Promise.allSettled([simulatorsReady, n8nReady]);
		if (simResult.status === 'fulfilled') simulators = simResult.value;
		if (n8nResult.status === 'fulfilled') n8n = n8nResult.value;
		if (simResult.status === 'rejected') throw simResult.reason;
		if (n8nResult.status === 'rejected') throw n8nResult.reason;
		const instance = n8n!;
		for (const s of simulators) log(`  ${s.provider} simulator at ${s.url}`);
		log(`  n8n ${instance.version} (node ${instance.nodeVersion}) at ${instance.baseUrl}, ready in ${seconds(instance.startupMs)} after spawn`);

		// The login the demo prints must work.
		t = Date.now();
		const signedIn = await login(instance.baseUrl, DEMO_LOGIN).then(
			() => ({ ok: true, detail: DEMO_LOGIN.email }),
			(err: Error) => ({ ok: false, detail: err.message }),
		);
		check('editor login', signedIn.ok, signedIn.detail);

		// One credential per provider, named after its type's display name.
		log('Creating the demo credentials ...');
		const types = new Map((await instance.listCredentialTypes()).map((c) => [c.name, c]));
		const saved: Array<CredentialRef & { data: JsonObject }> = [];
		for (const s of simulators) {
			const type = types.get(s.credentialType);
			const name = `${type?.displayName ?? s.provider} (demo)`;
			saved.push(await createCredential(instance, name, s.credentialType, s.credentials, type?.description));
		}
		for (const cred of saved) {
			const result = await testCredential(instance, cred);
			check(`credential "${cred.name}" test`, result.status === 'OK', result.message);
		}
		const credentials: CredentialRef[] = saved.map(({ id, name, type }) => ({ id, name, type }));

		// The examples, each credential reference re-pointed to the demo credential of its type.
		log('Importing the example workflows ...');
		const packageTypes = await instance.listNodeTypes();
		const webhookTypes = new Set(
			packageTypes.filter((d) => Array.isArray(d.description.webhooks) && (d.description.webhooks as unknown[]).length > 0).map((d) => d.name),
		);
		const workflows: DemoWorkflow[] = [];
		for (const { file, workflow } of readExamples()) {
			const adapted = pointCredentials(repointWebhookUrls(workflow, `${instance.baseUrl}/`), credentials);
			const ref = await instance.importWorkflow(adapted);
			const stored = (await instance.api('GET', `/workflows/${encodeURIComponent(ref.id)}`)) as JsonObject;
			const webhookTriggers = nodesOf(stored)
				.filter((n) => webhookTypes.has(n.type))
				.map((n) => n.name);
			const entry: DemoWorkflow = { file, id: ref.id, name: ref.name, webhookTriggers, published: false, workflow: stored };
			workflows.push(entry);

			// Every credential reference resolves to a demo credential of its type.
			const problems: string[] = [];
			let refs = 0;
			for (const node of nodesOf(stored)) {
				const creds = (node.credentials ?? {}) as Record<string, { id?: string; name?: string }>;
				for (const [type, cref] of Object.entries(creds)) {
					refs++;
					const match = credentials.find((c) => c.id === cref.id && c.type === type);
					if (!match) problems.push(`${node.name}: ${type} -> ${JSON.stringify(cref)}`);
				}
			}
			check(`${file}: credentials resolve`, problems.length === 0, problems.length ? problems.join('; ') : `${refs} reference(s)`);

			if (webhookTriggers.length) {
				try {
					await instance.publishWorkflow(ref.id);
					entry.published = true;
					check(`${file}: published`, true, `production webhook(s) of ${webhookTriggers.join(', ')} are live`);
				} catch (err) {
					check(`${file}: published`, false, (err as Error).message);
				}
			}
		}
		timings.setup = Date.now() - t;

		const demo: Demo = {
			n8n: instance,
			editorUrl: `${instance.baseUrl}/home/workflows`,
			login: { ...DEMO_LOGIN },
			simulators,
			credentials,
			workflows,
			checks,
			timings,
			runExamples: () => runExamples(demo, check, log),
			stop,
		};
		if (options.runExamples) {
			t = Date.now();
			await demo.runExamples();
			timings.examples = Date.now() - t;
		}
		return demo;
	} catch (err) {
		await stop();
		throw err;
	}
}

/**
 * Runs every example once from its first non-webhook trigger (Manual or Schedule Trigger, as the
 * editor's "Execute workflow" does), then waits for the runs of the published webhook workflows.
 */
async function runExamples(demo: Demo, check: (what: string, ok: boolean, detail: string) => void, log: (line: string) => void): Promise<DemoCheck[]> {
	const before = demo.checks.length;
	const n8n = demo.n8n;
	log('Running every example once ...');
	const runnable = demo.workflows
		.map((wf) => {
			const trigger = nodesOf(wf.workflow).find(
				(n) => /\.(manualTrigger|scheduleTrigger)$/.test(n.type) && !n.disabled,
			);
			return { wf, trigger };
		})
		.filter((x) => x.trigger);
	const results = await Promise.all(
		runnable.map(async ({ wf, trigger }) => {
			try {
				return { wf, run: await n8n.runWorkflow(wf.id, { triggerNode: trigger!.name, timeoutMs: 180_000 }) };
			} catch (err) {
				return { wf, error: err as Error };
			}
		}),
	);
	for (const r of results) {
		if ('error' in r && r.error) {
			check(`${r.wf.file}: run`, false, r.error.message);
			continue;
		}
		const run = (r as { run: ExecutionResult }).run;
		check(`${r.wf.file}: run from its trigger`, run.status === 'success', describeRun(run));
	}
	// The 4YouSee report notifies the proof-of-play trigger; the Reportei callback its trigger.
	for (const wf of demo.workflows.filter((w) => w.published)) {
		try {
			const runs = await n8n.waitForExecutions(wf.id, 1, 90_000);
			const hooked = runs.filter((e) => e.mode !== 'manual');
			const ok = hooked.length > 0 && hooked.every((e) => e.status === 'success');
			check(`${wf.file}: webhook run`, ok, hooked.map(describeRun).join(' | ') || 'no webhook-triggered execution');
		} catch (err) {
			check(`${wf.file}: webhook run`, false, (err as Error).message);
		}
	}
	return demo.checks.slice(before);
}

function describeRun(run: ExecutionResult): string {
	const counts = Object.entries(run.nodes)
		.map(([name, items]) => `${name}: ${items.length}`)
		.join(', ');
	const error = run.error ? ` error: ${run.error.message}${run.error.node ? ` (${run.error.node})` : ''}` : '';
	return `${run.status} (${run.mode}) ${counts}${error}`;
}

/** The command line (`npm start`): start, print, stay up until Ctrl-C. */
export async function main(argv: string[] = process.argv.slice(2), startedAt = Date.now(), buildMs?: number): Promise<void> {
	const runExamplesFlag = argv.includes('--run-examples');
	const flavor = argv.includes('--n8n1') ? 'n8n1' : undefined;
	// Read by the signal handlers, which may run before the demo has started.
	const running: { demo?: Demo } = {};
	let stopping = false;
	const shutdown = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping n8n and the simulators ...\n`);
		const forced = setTimeout(() => process.exit(130), 30_000);
		forced.unref();
		await running.demo?.stop();
		process.stdout.write('Stopped.\n');
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown('Ctrl-C'));
	process.on('SIGTERM', () => void shutdown('SIGTERM'));

	const demo = await startDemo({ runExamples: runExamplesFlag, flavor });
	running.demo = demo;
	if (stopping) return;
	const total = Date.now() - startedAt;
	const failed = demo.checks.filter((c) => !c.ok);
	const byName = (file: string) => demo.workflows.find((w) => w.file === file);
	const lines = [
		'',
		'='.repeat(78),
		` n8n-nodes-reporting demo: n8n ${demo.n8n.version} with the packed package and four simulated providers`,
		'',
		`   Editor:    ${demo.editorUrl}`,
		`   Login:     ${demo.login.email}`,
		`   Password:  ${demo.login.password}`,
		'',
		' Credentials (Overview > Credentials), each pointing at its simulator:',
		...demo.credentials.map((c) => `   - ${c.name}`),
		'',
		' Example workflows (open one, then "Execute workflow"):',
		...demo.workflows.map(
			(w) => `   - ${w.name}${w.published ? ' [published: its trigger receives production webhooks]' : ''}\n     ${demo.n8n.baseUrl}/workflow/${w.id}`,
		),
		'',
		byName('fouryousee-weekly-report.json') && byName('fouryousee-proof-of-play.json')
			? ' Try: run "4YouSee Manager: ask for last week\'s playlog report": ~5 s later 4YouSee notifies the\n published proof-of-play workflow, which counts the plays (see Executions).\n'
			: '',
		` Start-up: ${seconds(total)} in all${buildMs !== undefined ? ` (build ${seconds(buildMs)}` : ' ('}` +
			`${buildMs !== undefined ? ', ' : ''}simulators ${seconds(demo.timings.simulators ?? 0)}, n8n ${seconds(demo.timings.n8n ?? 0)}` +
			`, credentials + examples ${seconds(demo.timings.setup ?? 0)}${demo.timings.examples ? `, example runs ${seconds(demo.timings.examples)}` : ''})`,
		failed.length ? ` WARNING: ${failed.length} check(s) failed (see FAIL above).` : ` All ${demo.checks.length} start-up checks passed.`,
		' Press Ctrl-C to stop everything.',
		'='.repeat(78),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	if (argv.includes('--exit')) await shutdown('--exit');
}
