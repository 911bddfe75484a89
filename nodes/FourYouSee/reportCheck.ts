import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../shared/http';
import { readReport } from './reports';
import { FOURYOUSEE, fourYouSeeRequest } from './transport';

/**
 * How the trigger reads back the reports notifications name, per account, within the account's one
 * request per second (nodes/shared/pacing.ts):
 *
 * - One notification alone: one `GET /reports/{id}`, as before.
 * - Several waiting at once (a burst): one `GET /reports?sort=-id&limit=100` page (at most
 *   LIST_PAGES pages) answers all the IDs it lists, so a burst of 50 notifications costs one to
 *   three requests instead of 50. ASSUMPTION: the list's items are the same report objects as
 *   `GET /reports/{id}` (case fys-reports-list-item-keys shows the same keys); `sort=-id` is
 *   documented, but the order is not relied on: an ID missing from the pages read is read alone.
 * - IDs the list does not show (forged ones, or older reports) are read one by one in the pacer's
 *   background lane, which gets at most one slot in four while a node the user runs is waiting, so
 *   made-up IDs cannot hold an action node back. The list pages themselves go in the foreground
 *   lane: one at a time per account, each answering up to 100 notifications.
 */

/** Pages of the list read for one burst: the newest 300 reports. */
const LIST_PAGES = 3;

interface Waiting {
	id: string;
	/**
	 * The request context of the webhook call waiting for this ID. Every read goes out through the
	 * context of a call still waiting for it: n8n releases a webhook call's context once it has
	 * answered, and a read made through it after that fails ("No bridge acquired for this context").
	 */
	request: RequestContext;
	settle: (outcome: { report: IDataObject } | { error: unknown }) => void;
}

interface Account {
	waiting: Waiting[];
	running: boolean;
}

const accounts = new Map<string, Account>();

/** One account: its Base URL and token, hashed (the key must not hold the secret). */
export function accountOf(credentials: IDataObject | undefined): string {
	return createHash('sha256')
		.update(`${String(credentials?.baseUrl ?? '')}\u0000${String(credentials?.secretToken ?? '')}`)
		.digest('hex')
		.slice(0, 24);
}

function background(request: RequestContext): RequestContext {
	return { ...request, priority: 'background' };
}

async function readAlone(item: Waiting): Promise<void> {
	await readReport(background(item.request), item.id).then(
		(report) => item.settle({ report }),
		(error: unknown) => item.settle({ error }),
	);
}

/** Settles every waiting ID the newest pages of the list show; returns the ones it did not. */
async function readListed(batch: Waiting[]): Promise<Waiting[]> {
	const left = new Map(batch.map((item) => [item.id, item]));
	for (let page = 1; page <= LIST_PAGES && left.size > 0; page++) {
		// Through a call that still waits: the ones the previous page settled may have answered already.
		const via = left.values().next().value!.request;
		const answer = await fourYouSeeRequest<IDataObject | IDataObject[]>(via, 'GET', 'reports', {
			qs: { page, limit: FOURYOUSEE.pageSize, sort: '-id' },
		}).then(
			(value) => value,
			() => undefined,
		);
		if (answer === undefined) break;
		const results = (Array.isArray(answer) ? answer : (answer.results as IDataObject[] | undefined)) ?? [];
		for (const report of results) {
			const item = left.get(String(report?.id ?? ''));
			if (item === undefined) continue;
			left.delete(item.id);
			item.settle({ report });
		}
		const totalPages = Array.isArray(answer) ? 1 : Number(answer.totalPages ?? 0);
		if (results.length < FOURYOUSEE.pageSize || (Number.isFinite(totalPages) && totalPages > 0 && page >= totalPages)) break;
	}
	return [...left.values()];
}

async function drain(account: Account): Promise<void> {
	account.running = true;
	try {
		while (account.waiting.length > 0) {
			const batch = account.waiting.splice(0);
			if (batch.length === 1) {
				await readAlone(batch[0]);
				continue;
			}
			const unlisted = await readListed(batch);
			// Not awaited: they queue in the background lane while the next burst is read from the list.
			for (const item of unlisted) void readAlone(item);
		}
	} finally {
		account.running = false;
	}
}

/**
 * The report a notification names, as the API returns it now (from `GET /reports/{id}` or the
 * list); fails like `readReport` does for that ID (404 for a report of no one or another account).
 */
export async function checkReport(request: RequestContext, account: string, id: string): Promise<IDataObject> {
	let state = accounts.get(account);
	if (!state) {
		state = { waiting: [], running: false };
		accounts.set(account, state);
	}
	const outcome = await new Promise<{ report: IDataObject } | { error: unknown }>((settle) => {
		state.waiting.push({ id, request, settle });
		if (!state.running) void drain(state);
	});
	if ('error' in outcome) throw outcome.error;
	return outcome.report;
}
