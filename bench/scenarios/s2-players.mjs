/** Scenario 2. 5,000 4YouSee players at one request per second: Player Get Many against HTTP Request pagination and the limit. */
import { measure, publish, simulators, state } from '../lib/n8n.mjs';
import { log, opts, SIZES } from '../lib/options.mjs';
import { results, summarise, target } from '../lib/results.mjs';
import { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator } from '../lib/simulators.mjs';
import { ratioText, sleep } from '../lib/util.mjs';

export async function scenario2() {
	const players = SIZES.players;
	const pages = Math.ceil(players / 100);
	const sim = await new FourYouSeeSimulator({ players, reportDelayMs: 0 }).start();
	simulators.push(sim);
	const creds = await state.n8n.importCredentials([
		{ name: '4YouSee Manager API (bench)', type: 'fourYouSeeApi', data: { secretToken: FOURYOUSEE_SIM_TOKEN, baseUrl: sim.apiUrl } },
		{ name: '4YouSee Secret-Token header (bench)', type: 'httpHeaderAuth', data: { name: 'Secret-Token', value: FOURYOUSEE_SIM_TOKEN } },
	]);
	const values = { API_URL: sim.apiUrl };
	const wfOurs = await publish('s2-ours.json', values, creds);
	const wfBuiltin = await publish('s2-builtin.json', values, creds);
	const limitMs = pages * 1000;
	const scenario = {
		n: 2,
		title: `4YouSee Player Get Many, Return All: ${players.toLocaleString('en')} players (${pages} pages of 100) at 1 request/second`,
		variants: [
			{ key: 'ours', label: 'ours: Player Get Many, Return All', runs: [] },
			{ key: 'builtin', label: 'built-in: HTTP Request pagination (page, 1000 ms interval, stop on last page) → Split Out', runs: [] },
			{ key: 'limit', label: `floor: what the limit allows (${pages} requests × 1 s)`, runs: [] },
		],
		targets: [],
		notes: [],
	};
	const v = Object.fromEntries(scenario.variants.map((x) => [x.key, x]));
	for (let i = 0; i < opts.runs; i++) {
		for (const [key, wf] of [
			['ours', wfOurs],
			['builtin', wfBuiltin],
		]) {
			log(`scenario 2 run ${i + 1}/${opts.runs}: ${key} (~${pages} s)`);
			await sleep(1200); // the previous run's last request is more than a second old
			const r = await measure(wf, sim, { settleFirst: false });
			r.check = r.requests - r.r429 >= pages ? 'ok' : `${r.requests - r.r429} answered requests for ${pages} pages`;
			v[key].runs.push(r);
			log(`  ${(r.ms / 1000).toFixed(2)} s, ${r.requests} requests, ${r.r429} × 429${r.error ? `, ${r.error}` : ''}`);
		}
		v.limit.runs.push({ ok: true, ms: limitMs, requests: pages, r429: 0 });
	}
	for (const wf of [wfOurs, wfBuiltin]) await state.n8n.unpublishWorkflow(wf.id).catch(() => undefined);
	const S = Object.fromEntries(scenario.variants.map((x) => [x.key, summarise(x.runs)]));
	scenario.summaries = S;
	target(scenario, 'Ours: zero 429s', S.ours.r429 === 0 && S.ours.ok === S.ours.runs, `${S.ours.r429} × 429 over ${S.ours.runs} runs, ${S.ours.runs - S.ours.ok} failed runs`);
	target(scenario, `Ours: within 1.1x of the ${pages} s the limit allows`, S.ours.ms !== undefined && S.ours.ms <= 1.1 * limitMs, ratioText(S.ours.ms, limitMs));
	scenario.notes.push(
		`The simulator answers 429 (Retry-After: 1) to a second request of one token within 950 ms (1 s minus 50 ms of arrival jitter); every run waits 1.2 s first so the previous run does not count against it.`,
		'The built-in variant is HTTP Request as a user configures it for a 1 request/second API: "Interval Between Requests" 1000 ms (waited after each answer), so it cannot be faster than pages × (1 s + round trip).',
	);
	results.push(scenario);
}
