/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * The n8n-core runtime the engine harness runs in: n8n-core's DI container filled the way n8n's
 * start command fills it (minus the database), the expression engine, binary data and the logger.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import { Expression, LoggerProxy, UserError, Workflow } from 'n8n-workflow';
import type { IBinaryData } from 'n8n-workflow';

type Constructor<T = unknown> = abstract new (...args: never[]) => T;

interface DiContainer {
	get<T>(type: Constructor<T>): T;
	set<T>(type: Constructor<T>, instance: T): void;
}

const CORE_DIR = path.dirname(require.resolve('n8n-core/package.json'));

/**
 * n8n-core ships its own copies of `@n8n/di`, `@n8n/backend-common`…, newer than the ones other
 * devDependencies hoist to the root: resolve them from n8n-core so we share its `Container`.
 */
function requireFromCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [CORE_DIR] })) as T;
}

export const { Container } = requireFromCore<{ Container: DiContainer }>('@n8n/di');
const { Logger } = requireFromCore<{ Logger: Constructor }>('@n8n/backend-common');

export interface HarnessLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** n8n's Logger for the whole test file: keeps entries in memory (`harnessLogs()`). */
class HarnessLogger {
	readonly entries: HarnessLogEntry[] = [];

	error(message: string, meta?: unknown) {
		this.entries.push({ level: 'error', message, meta });
	}

	warn(message: string, meta?: unknown) {
		this.entries.push({ level: 'warn', message, meta });
	}

	info(message: string, meta?: unknown) {
		this.entries.push({ level: 'info', message, meta });
	}

	debug(message: string, meta?: unknown) {
		this.entries.push({ level: 'debug', message, meta });
	}

	scoped() {
		return this;
	}
}

const harnessLogger = new HarnessLogger();

let runtime: Promise<void> | undefined;
let storageDirToRemove: string | undefined;
let expressionEngineStarted = false;

// Jest loads this module per test file; clean up that file's runtime when it ends.
if (typeof afterAll === 'function') {
	try {
		afterAll(async () => {
			if (expressionEngineStarted) await Expression.disposeExpressionEngine();
			if (storageDirToRemove) rmSync(storageDirToRemove, { recursive: true, force: true });
		});
	} catch {
		// Imported from inside a test: the folder is left in the OS temp directory.
	}
}

/** Expression engines the harness can run: see the note at the top of this file. */
export type HarnessExpressionEngine = 'legacy' | 'quickjs';

/**
 * n8n 2.x evaluates expressions with its `vm` engine by default: the @n8n/expression-runtime
 * bundle inside `isolated-vm`, a native module that does not build on Node 20. The harness uses
 * n8n-workflow's `legacy` evaluator (tournament + a sandboxed `Function`, what n8n's own node tests
 * run). `N8N_HARNESS_EXPRESSION_ENGINE=quickjs` runs the same runtime bundle as `vm` in a QuickJS
 * WASM sandbox instead (about 1 s more per test file), to check expressions against the sandbox.
 */
async function selectExpressionEngine(): Promise<void> {
	const requested = (process.env.N8N_HARNESS_EXPRESSION_ENGINE ?? 'legacy') as HarnessExpressionEngine;
	if (requested === 'quickjs') {
		try {
			await Expression.initExpressionEngine({
				engine: 'quickjs',
				poolSize: 1,
				maxCodeCacheSize: 1024,
				bridgeTimeout: 5000,
				bridgeMemoryLimit: 128,
			});
		} catch (error) {
			// n8n-workflow loads the runtime with `import()`, which jest only allows with vm modules.
			throw new UserError(
				`The quickjs expression engine did not start (${(error as Error).message}). Run jest with NODE_OPTIONS=--experimental-vm-modules.`,
			);
		}
		expressionEngineStarted = true;
		return;
	}
	if (requested !== 'legacy') {
		throw new UserError(`N8N_HARNESS_EXPRESSION_ENGINE must be "legacy" or "quickjs", not "${String(requested)}"`);
	}
	Expression.setExpressionEngine('legacy');
}

/** Which expression engine evaluates `={{ }}` in this test file. */
export function activeExpressionEngine(): string {
	return Expression.getActiveImplementation();
}

/**
 * Holds an expression isolate around `fn` for a workflow, as n8n does around executions, webhook
 * calls and credential resolution (a no-op on the legacy engine).
 */
export async function withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return await fn();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}

/**
 * Registers what n8n-core fetches from its container (`Container.get(...)`) the way n8n's start
 * command would, minus the database: instance settings in a temp folder, a quiet logger and error
 * reporter, and binary data in `filesystem` mode (n8n's default in regular mode) under that folder.
 * Outbound HTTP (`OutboundHttp`) and the rest are built by the container on first use.
 */
async function setupRuntime(): Promise<void> {
	const logger = harnessLogger;
	const storageDir = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
	storageDirToRemove = storageDir;

	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	await selectExpressionEngine();

	const instanceSettings = new InstanceSettings(
		{ n8nFolder: storageDir, userHome: storageDir, encryptionKey: 'n8n-harness-key' } as never,
		logger as never,
	);
	instanceSettings.markAsLeader();
	Container.set(InstanceSettings, instanceSettings);

	const errorReporter = {
		error: (error: unknown) => logger.error(`ErrorReporter: ${String((error as Error)?.message ?? error)}`, error),
		warn: (warning: unknown) => logger.warn(`ErrorReporter: ${String(warning)}`),
		info: (message: string) => logger.info(`ErrorReporter: ${message}`),
	};
	Container.set(ErrorReporter, errorReporter as unknown as ErrorReporter);

	const binaryDataService = new BinaryDataService(
		{ mode: 'filesystem', localStoragePath: path.join(storageDir, 'storage'), signingSecret: 'harness' } as never,
		errorReporter as never,
		logger as never,
	);
	await binaryDataService.init();
	Container.set(BinaryDataService, binaryDataService);
}

export async function ensureRuntime(): Promise<void> {
	runtime ??= setupRuntime();
	await runtime;
}

/** The bytes behind a binary property of an output item (stored by n8n's BinaryDataService). */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	await ensureRuntime();
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** What n8n-core logged in this test file (debug included), oldest first. */
export function harnessLogs(): HarnessLogEntry[] {
	return harnessLogger.entries;
}
