/**
 * Scenario 3. 10,000 Reportei Connect customers: Customer Get Many (pages read a few at a time
 * while X-RateLimit-Remaining allows, and sequentially when Connect sends no budget) against a
 * fair floor measured inside the same n8n (a minimal node, one authenticated request a page, one
 * page after the other), HTTP Request pagination, and one page's round trip from the bench.
 */
import { measure, publish, simulators, state, warmUp } from '../lib/n8n.mjs';
import { log, opts, SIZES } from '../lib/options.mjs';
import { results, summarise, target } from '../lib/results.mjs';
import { ReporteiSimulator } from '../lib/simulators.mjs';
import { fmtS, median, ratioText } from '../lib/util.mjs';

/** The floor node's type (bench/floor/n8n-custom, loaded through N8N_CUSTOM_EXTENSIONS). */
export const FLOOR_NODE_TYPE = 'CUSTOM.reporteiPagesFloor';
/** The round trip of a Connect far away, added to every answer in the "far" variants. */
const FAR_MS = 20;

export async function scenario3() {
	const customers = SIZES.customers;
	const pages = Math.ceil(customers / 100);
	const sim = await new ReporteiSimulator({ seedCustomers: customers, seed: 'bench' }).start();
	simulators.push(sim);
	const creds = await state.n8n.importCredentials([
		{ name: 'Reportei Connect API (bench)', type: 'reporteiConnectApi', data: { accessToken: sim.merchantToken, baseUrl: sim.apiUrl } },
		{ name: 'Reportei bearer header (bench)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sim.merchantToken}` } },
	]);
	const values = { API_URL: sim.apiUrl };
	const wfOurs = await publish('s3-ours.json', values, creds);
	const wfBuiltin = await publish('s3-builtin.json', values, creds);
	let wfFloor;
	let floorError;
	try {
		wfFloor = await publish('s3-floor.json', values, creds);
	} catch (error) {
		floorError = `the floor node could not be published (${String(error.message ?? error).slice(0, 200)})`;
		log(`scenario 3: ${floorError}`);
	}
	const scenario = {
		n: 3,
		title: `Reportei Connect Customer Get Many, Return All: ${customers.toLocaleString('en')} customers (${pages} pages of 100)`,
		ref: 'floor',
		floorInN8n: true,
		variants: [
			{ key: 'ours', label: 'ours, concurrent: Customer Get Many, Return All (X-RateLimit-Remaining sent: pages read a few at a time)', runs: [] },
			{ key: 'oursSeq', label: 'ours, sequential: the same workflow, the simulator sends no X-RateLimit-* headers (one page at a time)', runs: [] },
			{ key: 'floor', label: 'floor in n8n: minimal node, one httpRequestWithAuthentication a page, sequential, one item per customer', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request pagination (page, per_page=100, stop on last page) → Split Out', runs: [] },
			{ key: 'oursFar', label: `ours, concurrent, Connect ${FAR_MS} ms away (every answer delayed ${FAR_MS} ms)`, runs: [] },
			{ key: 'floorFar', label: `floor in n8n, Connect ${FAR_MS} ms away`, runs: [] },
			{ key: 'trip', label: `reference: ${pages} × the median round trip of one page from the bench process (no n8n)`, runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	const pageUrl = `${sim.apiUrl}/customers?page=2&per_page=100`;
	const plan = [
		['ours', wfOurs, 'laravel', 0],
		['floor', wfFloor, 'laravel', 0],
		['oursSeq', wfOurs, 'none', 0],
		['builtin', wfBuiltin, 'laravel', 0],
		['oursFar', wfOurs, 'laravel', FAR_MS],
		['floorFar', wfFloor, 'laravel', FAR_MS],
	];
	await warmUp(wfOurs, wfFloor, wfBuiltin);
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf, headers, delayMs] of plan) {
			if (!wf || opts.skip.has(key)) continue;
			log(`scenario 3 run ${i + 1}/${opts.runs}: ${key}`);
			sim.rateLimitHeaders = headers;
			sim.answerDelayMs = delayMs;
			sim.consumeRateLimit(0); // a fresh rate-limit window: the previous runs do not count
			sim.maxInFlight = 0;
			const r = await measure(wf, sim);
			r.maxInFlight = sim.maxInFlight;
			r.check = r.requests - r.r429 >= pages ? (r.body?.uuid ? 'ok' : `first item ${JSON.stringify(r.body).slice(0, 100)}`) : `${r.requests} requests for ${pages} pages`;
			if (r.check !== 'ok') r.ok = false;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, CPU ${(r.cpuMs / 1000).toFixed(2)} s, ${r.requests} requests (at most ${r.maxInFlight} at once), ${r.r429} × 429${r.error ? `, ${r.error}` : ''}`);
		}
		sim.rateLimitHeaders = 'laravel';
		sim.answerDelayMs = 0;
		if (opts.skip.has('trip')) continue;
		// One page's round trip (request, JSON body read and parsed), 11 times, median.
		const trips = [];
		for (let k = 0; k < 11; k++) {
			const t0 = performance.now();
			const res = await fetch(pageUrl, { headers: { authorization: `Bearer ${sim.merchantToken}`, accept: 'application/json' } });
			const body = await res.json();
			if (!Array.isArray(body.data) || body.data.length !== 100) throw new Error('reference page has no 100 customers');
			trips.push(performance.now() - t0);
		}
		const trip = median(trips);
		v.trip.runs.push({ ok: true, ms: trip * pages, requests: pages, r429: 0, detail: { tripMs: trip } });
		log(`  reference: ${trip.toFixed(1)} ms a page × ${pages}`);
	}
	for (const wf of [wfOurs, wfBuiltin, wfFloor]) if (wf) await state.n8n.unpublishWorkflow(wf.id).catch(() => undefined);
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	const inFlight = (key) => Math.max(0, ...v[key].runs.map((r) => r.maxInFlight ?? 0));
	for (const [key, what] of [
		['ours', 'concurrent'],
		['oursSeq', 'sequential'],
	]) {
		const floorMissing = S.floor.ms === undefined;
		target(
			scenario,
			`Ours (${what}) within 1.2x of the floor node in n8n`,
			!floorMissing && S[key].ms !== undefined && S[key].ms <= 1.2 * S.floor.ms,
			floorMissing
				? `floor node did not run: ${S.floor.errors[0] ?? floorError ?? 'skipped'}`
				: `wall ${ratioText(S[key].ms, S.floor.ms)} (CPU ${ratioText(S[key].cpuMs, S.floor.cpuMs)}); ${fmtS(S[key].ms)} vs ${fmtS(S.floor.ms)}, at most ${inFlight(key)} request(s) in flight`,
		);
	}
	target(
		scenario,
		`Ours (concurrent) with Connect ${FAR_MS} ms away within 1.2x of the floor node there`,
		S.oursFar.ms !== undefined && S.floorFar.ms !== undefined && S.oursFar.ms <= 1.2 * S.floorFar.ms,
		S.floorFar.ms === undefined
			? `floor node did not run: ${S.floorFar.errors[0] ?? floorError ?? 'skipped'}`
			: `wall ${ratioText(S.oursFar.ms, S.floorFar.ms)} (CPU ${ratioText(S.oursFar.cpuMs, S.floorFar.cpuMs)}); ${fmtS(S.oursFar.ms)} vs ${fmtS(S.floorFar.ms)}, at most ${inFlight('oursFar')} request(s) in flight`,
	);
	scenario.notes.push(
		`The table's ratios are against the floor on localhost; the ${FAR_MS} ms rows are compared with each other in the Targets.`,
		'Each workflow is called once, unmeasured, before the measured runs (warm-up).',
		'The floor is a bench-only node (`bench/floor/n8n-custom/ReporteiPagesFloor.node.js`, loaded by this n8n through `N8N_CUSTOM_EXTENSIONS` as `CUSTOM.reporteiPagesFloor`, with the package\'s own credential): one `this.helpers.httpRequestWithAuthentication` a page, one page after the other until `meta.last_page`, one item per customer. It carries the same n8n costs as ours (webhook, node start, credential decryption per request, items), so the ratio is what our node adds or saves.',
		`The simulator runs at its default limit (999 requests a minute, the docs' example); every run starts a fresh window, so each sees the whole budget. "Sequential" runs are the same workflow while the simulator sends no X-RateLimit-* headers, so the node cannot know its budget and reads one page at a time (requests in flight: ours ${inFlight('ours')}, sequential ${inFlight('oursSeq')}, floor ${inFlight('floor')}).`,
		`On localhost the simulator answers a page in a few milliseconds, so reading pages at once gains little; the "${FAR_MS} ms away" rows delay every answer by ${FAR_MS} ms (the simulator's answerDelayMs), where a sequential reader waits ${FAR_MS} ms a page and concurrent reads save most of it. The reference row (one page's round trip from the bench, times the pages, no delay) is the HTTP part alone, without n8n.`,
	);
	results.push(scenario);
}
