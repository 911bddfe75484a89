import type { IDataObject } from 'n8n-workflow';

import { ExecutionCancelledError, isCancellation, nap, onCancel } from './cancel';

/**
 * Readers for downloaded files (newline-delimited JSON, CSV, any file kept as binary), optionally
 * gzip-compressed, with bounded memory: only the current chunk and one partial line are held.
 * Uses the web-standard DecompressionStream and TextDecoder, which Node provides without an import.
 *
 * The contract, for every output mode (items, summaries, File):
 * - A file is never handed over as complete unless it is. Every reader fails with one
 *   SourceReadError, whose `reason` says why and whose message says it in one sentence:
 *   `cut` (the connection closed mid-download), `short` (fewer bytes than the Content-Length
 *   announced), `truncated` (a gzip file without its end, its 8-byte trailer included), `corrupt`
 *   (gzip data that does not decompress, a wrong checksum, junk after the end), `idle` (no data
 *   for `idleTimeoutMs`) or `unreadable` (anything else). It is thrown once and never wrapped
 *   again, so messages are never doubled; `hint` is a fix in one sentence.
 * - Node's DecompressionStream checks the gzip trailer (CRC-32 and length) and errors when it is
 *   missing (checked on Node 20 and 24 by test/unit/shared/downloads.test.ts), so a truncated gzip
 *   file always fails; multi-member gzip files fail on Node 24 (it treats the second member as junk).
 * - Stop (`signal`) ends a read at once with ExecutionCancelledError, and the underlying stream is
 *   destroyed (or cancelled), so no further byte is read; so does a failure or an early exit of the
 *   consumer. With `onEnd` from `readOptionsFor`, the request is aborted too, which closes the
 *   connection at once (for authenticated requests n8n 2.x aborts only on Stop; after an idle
 *   timeout their connection closes when the stalled read returns, and nothing more is read).
 * - Pass `readOptionsFor(context, response)` (http.ts), or `providerDownload(...).readOptions`, as
 *   the options: they carry Stop, the download's idle timeout and the declared Content-Length.
 * - A file kept as binary (File output) goes through `readVerifiedFile` (a Buffer for
 *   `prepareBinaryData`) or `verifiedBytes` (the same bytes, streamed): both check the length and,
 *   for gzip, that it decompresses to its proper end, without keeping the decompressed data.
 */

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | Uint8Array;

/** How a body is read: Stop, a no-progress timeout and the length the server announced. */
export interface BodyReadOptions {
	/** Stop of the execution: reading ends at once and the source is destroyed. */
	signal?: AbortSignal;
	/** Fail when no byte arrives for this long while the reader waits for one (0 or unset: never). */
	idleTimeoutMs?: number;
	/** The raw body's announced length (Content-Length, when not content-encoded): fewer bytes fail. */
	expectedBytes?: number;
	/**
	 * Called once when the read is over: `complete` is false when it ended early (Stop, a failure,
	 * the consumer stopped). `readOptionsFor` sets it to abort the request behind the body, which
	 * is what closes the connection (n8n's client wraps the socket in a stream that destroying
	 * does not reach while a read is pending).
	 */
	onEnd?: (complete: boolean) => void;
}

export class NdjsonError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NdjsonError';
	}
}

/** Why a source could not be read to its end. */
export type SourceReadReason = 'cut' | 'short' | 'truncated' | 'corrupt' | 'idle' | 'unreadable';

const HINTS: Record<SourceReadReason, string> = {
	cut: 'Run the node again; if it keeps failing, a proxy or firewall between n8n and the server may be closing long downloads.',
	short: 'Run the node again; if it keeps failing, a proxy or firewall between n8n and the server may be closing long downloads.',
	idle: 'Run the node again later; if the server is just slow to send the file, raise Timeout (Seconds) under Request Options.',
	truncated: 'Run the node again; if the same file keeps failing, the stored file itself is incomplete: create it (the report) again.',
	corrupt: 'Run the node again; if the same file keeps failing, the stored file itself is damaged: create it (the report) again.',
	unreadable: 'Run the node again; if it keeps failing, create the file (the report) again.',
};

/**
 * The source failed while it was being read: one sentence saying why (see the contract above).
 * It is an NdjsonError too, which is what `bytes` used to throw.
 */
export class SourceReadError extends NdjsonError {
	readonly reason: SourceReadReason;
	/** Bytes of the source (before decompression) received before the failure, when known. */
	readonly bytesRead?: number;
	/** Lines completely read before the failure (set by `forEachLine`). */
	linesRead: number;

	constructor(message: string, linesRead = 0, reason: SourceReadReason = 'unreadable', bytesRead?: number) {
		super(message);
		this.name = 'SourceReadError';
		this.linesRead = linesRead;
		this.reason = reason;
		this.bytesRead = bytesRead;
	}

	/** How to fix it, in one sentence. */
	get hint(): string {
		return HINTS[this.reason];
	}
}

function isSourceReadError(error: unknown): error is SourceReadError {
	return error instanceof SourceReadError || (error as Error | undefined)?.name === 'SourceReadError';
}

/** 1536 → "1.5 KB": sizes in messages. */
export function byteSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

function codeOf(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | undefined)?.code;
	return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
	const message = (error as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' && message !== '' ? message : String(codeOf(error) ?? error);
}

/** What a failure of the transport (the HTTP body stream itself) means. */
function transportFailure(error: unknown, bytesRead: number, expectedBytes?: number): Error {
	if (isCancellation(error) || isSourceReadError(error)) return error as Error;
	const code = codeOf(error) ?? '';
	const message = messageOf(error);
	const of = expectedBytes !== undefined ? ` of ${byteSize(expectedBytes)}` : '';
	if (
		/^(ECONNRESET|EPIPE|ECONNABORTED|ETIMEDOUT|UND_ERR_SOCKET|ERR_STREAM_PREMATURE_CLOSE|Z_BUF_ERROR)$/.test(code) ||
		/^(aborted|terminated|socket hang up|premature close)$/i.test(message)
	) {
		return new SourceReadError(`The connection was cut during the download, after ${byteSize(bytesRead)}${of}.`, 0, 'cut', bytesRead);
	}
	if (code === 'Z_DATA_ERROR') {
		return new SourceReadError('The server sent damaged compressed data during the download.', 0, 'corrupt', bytesRead);
	}
	return new SourceReadError(`The download failed after ${byteSize(bytesRead)}: ${message}.`, 0, 'unreadable', bytesRead);
}

/**
 * What a failure of the gzip decoder means; failures of the source pass through as they are.
 * `inflated` is how much the decoder had produced: a bad header after that is data after the end.
 */
function gzipFailure(error: unknown, bytesRead?: number, inflated = 0): Error {
	if (isCancellation(error) || isSourceReadError(error)) return error as Error;
	const code = codeOf(error) ?? '';
	if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(messageOf(error))) {
		return new SourceReadError(
			'The gzip file ends too early: it was cut off before it was complete.',
			0,
			'truncated',
			bytesRead,
		);
	}
	if (code === 'ERR_TRAILING_JUNK_AFTER_STREAM_END' || (code === 'Z_DATA_ERROR' && /header/i.test(messageOf(error)) && inflated > 0)) {
		return new SourceReadError('The gzip file has unexpected data after its end.', 0, 'corrupt', bytesRead);
	}
	if (code === 'Z_DATA_ERROR' && /check/i.test(messageOf(error))) {
		return new SourceReadError(
			/header/i.test(messageOf(error))
				? 'The file is not a gzip file (or its start is damaged).'
				: 'The gzip file is damaged: its checksum does not match its content.',
			0,
			'corrupt',
			bytesRead,
		);
	}
	return new SourceReadError('The gzip file is damaged: its compressed data is invalid.', 0, 'corrupt', bytesRead);
}

type Destroyable = { destroy?: (error?: Error) => void };

function iteratorOf(source: Exclude<ByteSource, Uint8Array>): AsyncIterator<Uint8Array | string> {
	if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
		const reader = (source as ReadableStream<Uint8Array>).getReader();
		return {
			next: async () => (await reader.read()) as IteratorResult<Uint8Array>,
			return: async () => {
				await reader.cancel().catch(() => undefined);
				return { value: undefined, done: true };
			},
		};
	}
	return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

/** A guarded byte source: an async iterator whose `return()` closes the source at once. */
export interface GuardedBytes extends AsyncIterableIterator<Uint8Array> {
	next(): Promise<IteratorResult<Uint8Array, undefined>>;
	/** Ends the read now, even while a `next()` waits (it then ends too), and destroys the source. */
	return(): Promise<IteratorReturnResult<undefined>>;
	/** Raw bytes received so far. */
	readonly bytesRead: number;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The guard behind `guardedBytes`. Written as a plain iterator, not a generator: a generator's
 * `return()` waits for its pending `next()`, so a stalled network read could not be cancelled.
 */
class Guard implements GuardedBytes {
	bytesRead = 0;
	private readonly iterator: AsyncIterator<Uint8Array | string> | undefined;
	private stopped: Error | undefined;
	private pending: { resolve: (result: IteratorResult<Uint8Array, undefined>) => void; reject: (error: Error) => void } | undefined;
	private waitingSince: number | undefined;
	private closed = false;
	private ended = false;
	private readonly stopListening: () => void;
	private readonly watchdog = new AbortController();

	constructor(
		private readonly source: ByteSource,
		private readonly options: BodyReadOptions,
	) {
		this.iterator = source instanceof Uint8Array ? undefined : iteratorOf(source);
		this.stopListening = onCancel(options.signal, () => this.stop(new ExecutionCancelledError()));
		const idle = options.idleTimeoutMs ?? 0;
		if (idle > 0 && this.iterator) void this.watch(idle);
	}

	[Symbol.asyncIterator]() {
		return this;
	}

	async next(): Promise<IteratorResult<Uint8Array, undefined>> {
		if (this.stopped) {
			const error = this.stopped;
			this.close();
			this.stopped = undefined;
			throw error;
		}
		if (this.closed) return DONE;
		const { expectedBytes } = this.options;
		if (!this.iterator) {
			const whole = this.source as Uint8Array;
			this.close();
			if (expectedBytes !== undefined && whole.length < expectedBytes) throw shortError(whole.length, expectedBytes);
			this.bytesRead = whole.length;
			return whole.length > 0 ? { done: false, value: whole } : DONE;
		}
		for (;;) {
			let next: IteratorResult<Uint8Array | string>;
			this.waitingSince = Date.now();
			try {
				next = await new Promise<IteratorResult<Uint8Array | string>>((resolve, reject) => {
					this.pending = { resolve: resolve as (result: IteratorResult<Uint8Array, undefined>) => void, reject };
					this.iterator!.next().then(resolve, reject);
				});
			} catch (error) {
				const failure = this.stopped ?? transportFailure(error, this.bytesRead, expectedBytes);
				this.stopped = undefined;
				this.close(true);
				throw failure;
			} finally {
				this.pending = undefined;
				this.waitingSince = undefined;
			}
			if (this.closed) return DONE;
			if (next.done) {
				const short = expectedBytes !== undefined && this.bytesRead < expectedBytes;
				this.close(short);
				if (short) throw shortError(this.bytesRead, expectedBytes);
				return DONE;
			}
			const chunk = typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value;
			this.bytesRead += chunk.length;
			if (chunk.length > 0) return { done: false, value: chunk };
		}
	}

	async return(): Promise<IteratorReturnResult<undefined>> {
		if (!this.closed) {
			this.close(true);
			this.pending?.resolve(DONE);
		}
		return DONE;
	}

	async throw(error?: unknown): Promise<IteratorResult<Uint8Array, undefined>> {
		await this.return();
		throw error;
	}

	/** Stop or idle timeout: destroys the source and fails the pending (or next) read. */
	private stop(error: Error) {
		if (this.stopped || this.closed) return;
		this.stopped = error;
		this.destroy();
		this.end(false);
		if (this.pending) this.pending.reject(error);
	}

	private close(destroy = false) {
		if (this.closed) return;
		this.closed = true;
		this.watchdog.abort();
		this.stopListening();
		if (destroy) this.destroy();
		this.end(!destroy && !this.stopped);
	}

	private end(complete: boolean) {
		if (this.ended) return;
		this.ended = true;
		this.options.onEnd?.(complete);
	}

	private destroy() {
		const destroyable = this.source as Destroyable;
		if (typeof destroyable.destroy === 'function') destroyable.destroy();
		else void this.iterator?.return?.().catch(() => undefined);
	}

	/** One timer at a time, checking a few times per timeout: no timer per chunk. */
	private async watch(idleMs: number) {
		const every = Math.min(5000, Math.max(50, idleMs / 4));
		while (!this.watchdog.signal.aborted) {
			const since = this.waitingSince;
			if (since !== undefined && Date.now() - since >= idleMs) {
				const s = idleMs / 1000;
				this.stop(new SourceReadError(`The download stalled: no data arrived for ${Number.isInteger(s) ? s : s.toFixed(1)} s.`, 0, 'idle', this.bytesRead));
				return;
			}
			await nap(since === undefined ? every : Math.min(every, since + idleMs - Date.now()), this.watchdog.signal);
		}
	}
}

/**
 * The raw bytes of a source, chunk by chunk, guarded by `options` (see the contract above): Stop
 * and the idle timeout end a pending read at once and destroy the source; a transport failure
 * becomes a SourceReadError (`cut`...); an end before `expectedBytes` is `short`. `return()`
 * closes the source at once.
 */
export function guardedBytes(source: ByteSource, options: BodyReadOptions = {}): GuardedBytes {
	if (options.signal?.aborted) {
		const destroyable = source as Destroyable;
		if (typeof destroyable.destroy === 'function') destroyable.destroy();
	}
	return new Guard(source, options);
}

function shortError(bytes: number, expected: number): SourceReadError {
	return new SourceReadError(
		`The download ended after ${byteSize(bytes)} of the ${byteSize(expected)} the server announced: the file is incomplete.`,
		0,
		'short',
		bytes,
	);
}

/**
 * The length a response announced for its raw body: Content-Length, unless the body was
 * content-encoded (n8n's client then decompresses it, so the bytes read differ).
 */
export function declaredLength(headers: IDataObject | Record<string, unknown> | undefined): number | undefined {
	if (!headers) return undefined;
	const source =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? ((headers as unknown as { toJSON: () => Record<string, unknown> }).toJSON() ?? {})
			: (headers as Record<string, unknown>);
	let length: unknown;
	let encoding: unknown;
	for (const [name, value] of Object.entries(source)) {
		const key = name.toLowerCase();
		if (key === 'content-length') length = Array.isArray(value) ? value[0] : value;
		if (key === 'content-encoding') encoding = Array.isArray(value) ? value[0] : value;
	}
	if (encoding !== undefined && String(encoding).trim().toLowerCase() !== 'identity' && String(encoding).trim() !== '') return undefined;
	const n = Number(length);
	return length !== undefined && String(length).trim() !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function toReadableStream(source: GuardedBytes): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await source.next();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		async cancel() {
			await source.return();
		},
	});
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
	return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
	const out = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/**
 * The first bytes of a guarded source (at least `size`, unless it ends first) and the same source
 * with them put back in front: a network stream may split the gzip magic number.
 */
async function peek(raw: GuardedBytes, size: number): Promise<{ head: Uint8Array; rest: GuardedBytes }> {
	const start: Uint8Array[] = [];
	let length = 0;
	while (length < size) {
		const next = await raw.next();
		if (next.done) break;
		start.push(next.value);
		length += next.value.length;
	}
	const head = start.length === 1 ? start[0] : concat(start, length);
	let sentHead = head.length === 0;
	const rest: GuardedBytes = {
		get bytesRead() {
			return raw.bytesRead;
		},
		[Symbol.asyncIterator]() {
			return rest;
		},
		next: async () => {
			if (sentHead) return await raw.next();
			sentHead = true;
			return { done: false, value: head };
		},
		return: async () => await raw.return(),
	};
	return { head, rest };
}

/** The chunks of a guarded source; the source is closed on an early exit. */
async function* passThrough(raw: GuardedBytes): AsyncGenerator<Uint8Array> {
	try {
		for (;;) {
			const next = await raw.next();
			if (next.done) return;
			yield next.value;
		}
	} finally {
		await raw.return();
	}
}

/** Decompressed chunks of an already guarded raw source; the source is cancelled on an early exit. */
async function* inflate(raw: GuardedBytes): AsyncGenerator<Uint8Array> {
	const reader = toReadableStream(raw)
		.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
		.getReader();
	let finished = false;
	let inflated = 0;
	try {
		for (;;) {
			// Settled into a tagged result rather than compared with instanceof: stream errors can come
			// from another realm (a sandbox, a task runner), where `instanceof Error` is false.
			const next = await reader.read().then(
				(result) => ({ result, failure: undefined }),
				(failure: unknown) => ({ result: undefined, failure: failure ?? 'unknown failure' }),
			);
			if (next.result === undefined) {
				finished = true;
				throw gzipFailure(next.failure, raw.bytesRead, inflated);
			}
			if (next.result.done) {
				finished = true;
				return;
			}
			inflated += next.result.value.length;
			yield next.result.value;
		}
	} finally {
		if (!finished) await reader.cancel().catch(() => undefined);
		reader.releaseLock();
		await raw.return();
	}
}

/**
 * The bytes of a source, gunzipped when they start with the gzip magic number and passed through
 * otherwise: a file stored as gzip may reach us already decompressed by a proxy or server.
 */
export async function* autoGunzip(source: AsyncIterable<Uint8Array> | Uint8Array, options: BodyReadOptions = {}): AsyncGenerator<Uint8Array> {
	const { head, rest } = await peek(guardedBytes(source, options), 2);
	if (head.length === 0) {
		await rest.return();
		return;
	}
	if (isGzip(head)) yield* inflate(rest);
	else yield* passThrough(rest);
}

/** The decompressed bytes of a source, chunk by chunk. */
export async function* bytes(source: ByteSource, options: { gzip: boolean } & BodyReadOptions): AsyncGenerator<Uint8Array> {
	const raw = guardedBytes(source, options);
	if (options.gzip) yield* inflate(raw);
	else yield* passThrough(raw);
}

/**
 * Hands each line of a text source (gzip or plain, decided by its first bytes) to `onLine`, in
 * order, and returns how many there were. Multi-byte characters split across chunks are decoded
 * correctly, `\r\n` is accepted, and a last line without a trailing newline is still handed over.
 * The callback is synchronous: a promise per line would dominate on files of millions of lines.
 * A failure of the source itself is a SourceReadError (with `linesRead`), Stop an
 * ExecutionCancelledError; an error thrown by `onLine` passes through, and the source is closed.
 */
export async function forEachLine(
	source: AsyncIterable<Uint8Array> | Uint8Array,
	onLine: (text: string, line: number) => void,
	options: BodyReadOptions = {},
): Promise<number> {
	const decoder = new TextDecoder('utf-8');
	const chunks = autoGunzip(source, options);
	let pending = '';
	let line = 0;
	try {
		for (;;) {
			const next = await chunks.next().then(
				(result) => ({ result, failure: undefined }),
				(failure: unknown) => ({ result: undefined, failure: failure ?? 'unknown failure' }),
			);
			if (next.result === undefined) {
				const failure = next.failure;
				if (isCancellation(failure)) throw failure;
				const error = isSourceReadError(failure) ? failure : new SourceReadError(`The file could not be read: ${messageOf(failure)}.`);
				error.linesRead = line;
				throw error;
			}
			if (next.result.done) break;
			const text = pending + decoder.decode(next.result.value, { stream: true });
			let start = 0;
			let nl = text.indexOf('\n', start);
			while (nl !== -1) {
				onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl), ++line);
				start = nl + 1;
				nl = text.indexOf('\n', start);
			}
			pending = start === 0 ? text : text.slice(start);
		}
	} finally {
		await chunks.return(undefined);
	}
	pending += decoder.decode();
	if (pending.length > 0) onLine(pending.endsWith('\r') ? pending.slice(0, -1) : pending, ++line);
	return line;
}

export interface VerifyOptions extends BodyReadOptions {
	/** Whether the file must be gzip: `true`, `false`, or `'auto'` (by its magic number; default). */
	gzip?: boolean | 'auto';
	/** Fail (unreadable) when the file is larger than this many bytes: for files held in memory. */
	maxBytes?: number;
}

/**
 * The bytes of a file exactly as received, checked on the way (see the contract above): a gzip
 * file is streamed through DecompressionStream once, its output dropped, and the last `next()`
 * fails instead of ending when the gzip does not end properly. Everything yielded before that
 * failure must be thrown away by the consumer.
 */
export async function* verifiedBytes(source: ByteSource, options: VerifyOptions = {}): AsyncGenerator<Uint8Array> {
	const { head, rest } = await peek(guardedBytes(source, options), 2);
	const gzip = options.gzip === undefined || options.gzip === 'auto' ? isGzip(head) : options.gzip;
	const max = options.maxBytes;
	let size = 0;
	const counted = (chunk: Uint8Array) => {
		size += chunk.length;
		if (max !== undefined && size > max) {
			throw new SourceReadError(`The file is larger than ${byteSize(max)}, more than this node holds in memory.`, 0, 'unreadable', size);
		}
		return chunk;
	};
	if (!gzip) {
		for await (const chunk of passThrough(rest)) yield counted(chunk);
		return;
	}
	if (head.length < 2 || !isGzip(head)) {
		await rest.return();
		throw new SourceReadError('The file is not a gzip file (or its start is damaged).', 0, 'corrupt', head.length);
	}
	const decoder = new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
	const writer = decoder.writable.getWriter();
	const reader = decoder.readable.getReader();
	let failure: unknown;
	let inflated = 0;
	// The decompressed output is only drained (the decoder stalls otherwise), never kept.
	const drained = (async () => {
		for (;;) {
			const next = await reader.read();
			if (next.done) return;
			inflated += next.value.length;
		}
	})().catch((error: unknown) => {
		failure ??= error ?? 'unknown failure';
	});
	let done = false;
	try {
		for (;;) {
			const next = await rest.next();
			if (next.done) break;
			const chunk = next.value;
			if (failure !== undefined) throw gzipFailure(failure, size, inflated);
			await writer.write(chunk).catch((error: unknown) => {
				failure ??= error ?? 'unknown failure';
			});
			if (failure !== undefined) throw gzipFailure(failure, size, inflated);
			yield counted(chunk);
		}
		await writer.close().catch((error: unknown) => {
			failure ??= error ?? 'unknown failure';
		});
		await drained;
		if (failure !== undefined) throw gzipFailure(failure, size, inflated);
		done = true;
	} finally {
		if (!done) {
			await writer.abort().catch(() => undefined);
			await reader.cancel().catch(() => undefined);
		}
		await rest.return();
	}
}

/**
 * A whole file in memory, for `prepareBinaryData`, only once it is known to be complete: the
 * declared length was received and, for gzip, it decompresses to its proper end.
 */
export async function readVerifiedFile(source: ByteSource, options: VerifyOptions = {}): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	let length = 0;
	for await (const chunk of verifiedBytes(source, options)) {
		parts.push(chunk);
		length += chunk.length;
	}
	return Buffer.concat(parts, length);
}
