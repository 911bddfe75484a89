import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Claims of one trigger (workflow and node) held in this n8n process. Static data alone is not
 * enough to start one execution per delivery: n8n 2.41 does not reliably persist static data a
 * webhook() changed when that call starts an execution, and two copies of one delivery arriving
 * together both read the stored data before either writes it. The claim below is synchronous, so
 * within one process the second copy always sees the first.
 */
const claimsInProcess = new Map<string, Record<string, number>>();

/** Deletes expired entries in place and keeps the `max` that expire last. */
function prune(entries: Record<string, number>, now: number, max: number): Record<string, number> {
	for (const [key, until] of Object.entries(entries)) {
		if (typeof until !== 'number' || until <= now) delete entries[key];
	}
	const keys = Object.keys(entries);
	if (keys.length > max) {
		keys.sort((a, b) => entries[a] - entries[b]);
		for (const key of keys.slice(0, keys.length - max)) delete entries[key];
	}
	return entries;
}

export interface LedgerOptions {
	/** The static data field the keys are stored under. */
	field: string;
	/** How many keys are remembered at most (the newest are kept). */
	max: number;
}

/**
 * Remembers which deliveries a trigger has acted on, in the workflow's static data (kept across
 * restarts where n8n saves it) and in this process (immediate, and safe against simultaneous
 * copies). Each key carries the time until which a repeat counts as a duplicate.
 */
export class DeliveryLedger {
	private readonly memory: Record<string, number>;

	constructor(
		scope: string,
		private readonly staticData: IDataObject,
		private readonly options: LedgerOptions,
		private readonly now = Date.now(),
	) {
		// One shared object per trigger, changed in place: every delivery in this process sees it.
		let memory = claimsInProcess.get(scope);
		if (!memory) {
			memory = {};
			claimsInProcess.set(scope, memory);
		}
		this.memory = prune(memory, now, options.max);
	}

	private stored(): Record<string, number> {
		return (this.staticData[this.options.field] ?? {}) as Record<string, number>;
	}

	/** Whether a delivery with this key was already acted on and has not expired. */
	has(key: string): boolean {
		const stored = this.stored()[key];
		const held = this.memory[key];
		return (typeof stored === 'number' && stored > this.now) || (typeof held === 'number' && held > this.now);
	}

	/**
	 * Records the key unless it is already recorded; true when this delivery is the first. Runs
	 * without awaiting anything, so call it before any request the delivery needs.
	 */
	claim(key: string, until: number): boolean {
		if (this.has(key)) return false;
		this.memory[key] = until;
		prune(this.memory, this.now, this.options.max);
		// Static data is written back whole by the last request to finish, so another delivery may
		// have overwritten this process's keys: write the union, restoring what was lost.
		const stored = { ...this.memory, ...this.stored(), [key]: until };
		this.staticData[this.options.field] = prune(stored, this.now, this.options.max);
		return true;
	}

	/** Forgets a claim whose delivery was not acted on, so the provider's next attempt is accepted. */
	release(key: string): void {
		delete this.memory[key];
		const stored = { ...this.stored() };
		delete stored[key];
		if (Object.keys(stored).length === 0) delete this.staticData[this.options.field];
		else this.staticData[this.options.field] = stored;
	}
}

/** The ledger scope of one trigger node: its workflow and node, keyed by name as n8n keys static data. */
export function triggerScope(ctx: IWebhookFunctions): string {
	return `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().name}`;
}
