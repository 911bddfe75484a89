/**
 * Streaming reader for newline-delimited JSON, optionally gzip-compressed, with bounded memory:
 * only the current chunk and one partial line are held. Uses the web-standard DecompressionStream
 * and TextDecoder, which Node provides without an import.
 */

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | Uint8Array;

export class NdjsonError extends Error {
	constructor(
		message: string,
		readonly line?: number,
	) {
		super(message);
		this.name = 'NdjsonError';
	}
}

export interface NdjsonRecord<T = unknown> {
	/** 1-based line number in the (decompressed) file. */
	line: number;
	value: T;
}

function toReadableStream(source: ByteSource): ReadableStream<Uint8Array> {
	if (source instanceof Uint8Array) {
		return new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(source);
				controller.close();
			},
		});
	}
	if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
		return source as ReadableStream<Uint8Array>;
	}
	const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { value, done } = await iterator.next();
			if (done) controller.close();
			else controller.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value);
		},
		async cancel(reason) {
			await iterator.return?.(reason);
		},
	});
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
	return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Decompresses a gzip byte source as a stream. A truncated or corrupt file fails when it is read. */
export function gunzip(source: ByteSource): ReadableStream<Uint8Array> {
	return toReadableStream(source).pipeThrough(
		new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
	);
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
 * The bytes of a source, gunzipped when they start with the gzip magic number and passed through
 * otherwise: a file stored as gzip may reach us already decompressed by a proxy or server.
 */
export async function* autoGunzip(source: AsyncIterable<Uint8Array> | Uint8Array): AsyncGenerator<Uint8Array> {
	const iterator: Iterator<Uint8Array> | AsyncIterator<Uint8Array> =
		typeof (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
			? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
			: [source as Uint8Array][Symbol.iterator]();
	// The magic number is two bytes, which a network stream may split across chunks.
	const start: Uint8Array[] = [];
	let length = 0;
	while (length < 2) {
		const next = await iterator.next();
		if (next.done) break;
		start.push(next.value);
		length += next.value.length;
	}
	if (length === 0) return;
	const head = start.length === 1 ? start[0] : concat(start, length);
	let sentHead = false;
	const rest: AsyncIterable<Uint8Array> = {
		[Symbol.asyncIterator]: () => ({
			next: async () => {
				if (sentHead) return (await iterator.next()) as IteratorResult<Uint8Array>;
				sentHead = true;
				return { value: head, done: false };
			},
			return: async (value?: unknown) => {
				await iterator.return?.(value);
				return { value: undefined, done: true };
			},
		}),
	};
	yield* bytes(rest, { gzip: isGzip(head) });
}

/** The decompressed bytes of a source, chunk by chunk. */
export async function* bytes(source: ByteSource, options: { gzip: boolean }): AsyncGenerator<Uint8Array> {
	const stream = options.gzip ? gunzip(source) : toReadableStream(source);
	const reader = stream.getReader();
	try {
		for (;;) {
			// Settled into a tagged result rather than compared with instanceof: stream errors can come
			// from another realm (a sandbox, a task runner), where `instanceof Error` is false.
			const next = await reader.read().then(
				(result) => ({ result, failure: undefined }),
				(failure: unknown) => ({ result: undefined, failure: failure ?? 'unknown failure' }),
			);
			if (next.result === undefined) {
				const reason = (next.failure as { message?: string }).message ?? String(next.failure);
				throw new NdjsonError(
					options.gzip
						? `The file is not a complete gzip file (${reason}); it may have been cut off during download`
						: `The file could not be read: ${reason}`,
				);
			}
			if (next.result.done) return;
			yield next.result.value;
		}
	} finally {
		reader.releaseLock();
	}
}

/**
 * The lines of a text stream. Multi-byte characters split across chunks are decoded correctly,
 * `\r\n` is accepted, and a last line without a trailing newline is still yielded.
 */
export async function* lines(source: ByteSource, options: { gzip: boolean }): AsyncGenerator<string> {
	const decoder = new TextDecoder('utf-8', { fatal: false });
	let pending = '';
	for await (const chunk of bytes(source, options)) {
		const text = pending + decoder.decode(chunk, { stream: true });
		let start = 0;
		for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
			yield text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl);
			start = nl + 1;
		}
		pending = text.slice(start);
	}
	pending += decoder.decode();
	if (pending.length > 0) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}

function parseLine<T>(text: string): { value: T } | { failure: string } {
	try {
		return { value: JSON.parse(text) as T };
	} catch (error) {
		return { failure: (error as Error).message };
	}
}

/** Parsed records of an NDJSON source; blank lines are skipped, a bad line names its number. */
export async function* readNdjson<T = unknown>(
	source: ByteSource,
	options: { gzip: boolean },
): AsyncGenerator<NdjsonRecord<T>> {
	let line = 0;
	for await (const text of lines(source, options)) {
		line++;
		if (text.trim() === '') continue;
		const parsed = parseLine<T>(text);
		if ('failure' in parsed) {
			const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
			throw new NdjsonError(`Line ${line} is not valid JSON (${parsed.failure}): ${preview}`, line);
		}
		yield { line, value: parsed.value };
	}
}
